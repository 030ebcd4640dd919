import type { UserMention } from '../../commands/command.js';
import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { isInChannel } from '../../membership.js';
import { mentorsMessage } from '../../mentoring/messages.js';
import { canTake } from '../../mentoring/match.js';
import type { Mentor } from '../../mentoring/mentor.js';
import { mentorWelcomeItem } from '../../mentoring/sends.js';
import { commitWithMessages } from '../../session-flow.js';
import { named, platformKnows } from '../manage-roles.js';
import { loadCandidates, routeAsk, routingFor } from './route-ask.js';
import { workspaceZone } from '../../time/zone-of.js';

// Who mentors, on what. Admins name mentors for the whole workspace; a facilitator names them for
// their own circle, from its channel. Mentors set their own breaks and how many asks a week suit them.

const DAY_MS = 24 * 3_600_000;
const topicsText = (topics: readonly string[]) =>
  topics.length ? topics.join(', ') : 'no topics given (any ask may come to them)';

/** Who may name or remove this mentor here: an admin anywhere, a facilitator in their circle's channel (for that circle). */
async function namingScope(
  ctx: Context,
  doing: string,
): Promise<{ communityId: number | null; circle: string | null }> {
  if (ctx.member.isAdmin) return { communityId: null, circle: null };
  if (ctx.community && (await ctx.deps.store.communities.isFacilitator(ctx.community.id, ctx.member.id)))
    return { communityId: ctx.community.id, circle: ctx.community.name };
  throw new DomainError(
    'NotAdmin',
    `Admins ${doing} for the whole workspace; a facilitator can for their circle, in its channel.`,
  );
}

export async function addMentor(ctx: Context, mention: UserMention, topics: string[]): Promise<void> {
  const scope = await namingScope(ctx, 'name mentors');
  if (!(await platformKnows(ctx, mention))) {
    throw new DomainError(
      'UnknownPerson',
      'That is not someone I can name a mentor: mentors must be full members of this workspace (not a guest, a bot or a deactivated account). Nobody was named.',
    );
  }
  if (
    scope.communityId !== null &&
    ctx.community &&
    !(await isInChannel(ctx.deps, ctx.workspace, ctx.community.channelId, mention.userId))
  ) {
    throw new DomainError(
      'NotInChannel',
      `That person is not in this channel, so they cannot mentor ${ctx.community.name}. Add them to the channel first.`,
    );
  }
  const member = await named(ctx, mention);
  const { now } = ctx.deps;
  let result: { mentor: Mentor; before: Mentor | null } | undefined;
  await commitWithMessages(ctx, async (repos) => {
    result = await repos.mentors.upsert({
      workspaceId: ctx.workspace.id,
      memberId: member.id,
      communityId: scope.communityId,
      topics,
      namedBy: ctx.member.id,
      at: now,
    });
    return result.before ? [] : [mentorWelcomeItem(result.mentor, ctx.member.id, now)];
  });
  if (!result) return;
  const { mentor, before } = result;
  const reach = mentor.communityId === null ? 'for everyone here' : `for ${scope.circle ?? 'their circle'}`;
  if (!before) {
    await ctx.tellPrivately({
      text: `${member.name} now mentors ${reach}, on: ${topicsText(mentor.topics)}. I have told them what that means.`,
    });
    return;
  }
  const wider = before.communityId !== null && mentor.communityId === null ? ` They now mentor ${reach}.` : '';
  const same = before.topics.join('\n') === mentor.topics.join('\n');
  await ctx.tellPrivately({
    text: same
      ? `${member.name} already mentors on: ${topicsText(mentor.topics)}. Nothing else changed.${wider}`
      : `${member.name}'s topics were: ${topicsText(before.topics)}. Now: ${topicsText(mentor.topics)}.${wider}`,
  });
}

export async function removeMentor(ctx: Context, mention: UserMention): Promise<void> {
  const { store } = ctx.deps;
  const scope = await namingScope(ctx, 'stop someone mentoring');
  const member = await store.members.find(ctx.workspace.id, mention.userId);
  const mentor = member ? await store.mentors.find(ctx.workspace.id, member.id) : null;
  if (!member || !mentor) {
    await ctx.tellPrivately({ text: 'That person is not a mentor here, so nothing changed. `mentors` shows who is.' });
    return;
  }
  // A facilitator answers for their own circle's mentors; a workspace mentor is the admins' to remove.
  if (scope.communityId !== null && mentor.communityId !== scope.communityId) {
    throw new DomainError(
      'NotAdmin',
      `${member.name} was named by an admin (or for another circle), so only an admin can stop them mentoring.`,
    );
  }
  await store.mentors.remove(ctx.workspace.id, member.id);
  const moved = await passOnWaiting(ctx, member.id);
  await ctx.tellPrivately({
    text: `${member.name} no longer mentors here.${moved ? ` ${moved === 1 ? 'An ask that was waiting for them goes' : `${moved} asks that were waiting for them go`} to another mentor.` : ''}`,
  });
}

/** Asks waiting for this mentor's answer go on to the next mentor (they stopped, or went away). */
async function passOnWaiting(ctx: Context, mentorId: number): Promise<number> {
  const { store, now } = ctx.deps;
  const waiting = await store.asks.waitingFor(ctx.workspace.id, mentorId);
  for (const ask of waiting) {
    const routing = await routingFor(ctx.deps, ask);
    await commitWithMessages(ctx, async (repos) => {
      const offer = await repos.asks.waitingOffer(ask.id);
      if (
        !offer ||
        offer.mentorId !== mentorId ||
        !(await repos.asks.answerOffer(offer.id, mentorId, 'withdrawn', now))
      )
        return [];
      return (await routeAsk(repos, ask, routing, now)).items;
    });
  }
  return waiting.length;
}

/**
 * Asks whose mentor is gone (forgotten, with their offers) go on to the next one at once, rather
 * than waiting out their deadline. An ask no longer open, or offered again meanwhile, is left alone.
 */
export async function offerAgain(ctx: Context, askIds: readonly number[]): Promise<void> {
  const { store, now } = ctx.deps;
  for (const askId of askIds) {
    const ask = await store.asks.byId(askId);
    if (!ask || ask.status !== 'open') continue;
    const routing = await routingFor(ctx.deps, ask);
    await commitWithMessages(ctx, async (repos) =>
      (await repos.asks.waitingOffer(askId)) ? [] : (await routeAsk(repos, ask, routing, now)).items,
    );
  }
}

async function ownMentorRow(ctx: Context): Promise<Mentor> {
  const mentor = await ctx.deps.store.mentors.find(ctx.workspace.id, ctx.member.id);
  if (!mentor)
    throw new DomainError(
      'NotMentor',
      'You are not a mentor here. An admin, or a facilitator for their circle, can name you with `mentor add @you <topics>`.',
    );
  return mentor;
}

/** `mentor away <days>` (0: back now). Asks waiting for them go to someone else meanwhile. */
export async function setMentorAway(ctx: Context, days: number): Promise<void> {
  const { store, now } = ctx.deps;
  await ownMentorRow(ctx);
  const until = days === 0 ? null : new Date(now.getTime() + days * DAY_MS);
  await store.mentors.setAwayUntil(ctx.workspace.id, ctx.member.id, until);
  if (!until) {
    await ctx.tellPrivately({ text: 'Welcome back: asks that fit your topics can come to you again.' });
    return;
  }
  const moved = await passOnWaiting(ctx, ctx.member.id);
  await ctx.tellPrivately({
    text: `Enjoy the break: no asks come to you for ${days === 1 ? 'a day' : `${days} days`}. \`mentor back\` ends it sooner.`,
    ...(moved
      ? {
          sections: [
            `${moved === 1 ? 'The ask that was waiting for you goes' : `The ${moved} asks that were waiting for you go`} to another mentor.`,
          ],
        }
      : {}),
  });
}

export async function setMentorCapacity(ctx: Context, perWeek: number): Promise<void> {
  const mentor = await ownMentorRow(ctx);
  await ctx.deps.store.mentors.setPerWeek(ctx.workspace.id, ctx.member.id, perWeek);
  await ctx.tellPrivately({
    text: `You will be offered up to ${perWeek === 1 ? 'one ask' : `${perWeek} asks`} a week (it was ${mentor.perWeek}).`,
  });
}

/** `mentors`: who, on what, available or not; never how much anyone has helped. */
export async function listMentors(ctx: Context): Promise<void> {
  const { store, now } = ctx.deps;
  const candidates = await loadCandidates(ctx.deps, ctx.workspace.id);
  const circles = new Map<number, string>();
  for (const id of new Set(candidates.flatMap((c) => (c.mentor.communityId === null ? [] : [c.mentor.communityId])))) {
    const community = await store.communities.find(ctx.workspace.id, id);
    if (community) circles.set(id, community.name);
  }
  const everyone = { askerId: 0, askerCircles: new Set(circles.keys()), offeredBefore: new Set<number>(), now };
  const rows = candidates
    .map((c) => {
      const away = c.statusAway || (c.mentor.awayUntil !== null && c.mentor.awayUntil > now);
      return {
        mentor: c.mentor,
        name: c.name,
        circle: c.mentor.communityId === null ? null : (circles.get(c.mentor.communityId) ?? null),
        available: away ? ('away' as const) : canTake(c, everyone) ? ('yes' as const) : ('full' as const),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  await ctx.tellPrivately({
    ...mentorsMessage(rows, now, workspaceZone(ctx.workspace)),
    revealsNothingPrivate: true,
  });
}
