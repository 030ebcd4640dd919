import type { Cadence } from '../../commands/command.js';
import type { Context } from '../../context.js';
import { DomainError, FORGED_BUTTON } from '../../errors.js';
import { channelNotice } from '../../notices.js';
import { describePairs } from '../../pairing/messages.js';
import type { PairingSettings, PairsMode } from '../../pairing/model.js';
import { pairPeople } from '../../pairing/pair.js';
import { nextRound } from '../../pairing/schedule.js';
import { groupItems } from '../../pairing/sends.js';
import { commitWithMessages, requireCommunity, requireFacilitator } from '../../session-flow.js';
import { localDate } from '../../time/local-time.js';
import type { SystemDeps } from '../../system-deps.js';
import { DateTime } from 'luxon';

// Pairing rounds in a circle: its facilitators turn them on and off, anyone in it can sit out a few
// weeks; each round is worked out when it comes, from who is in the circle then.

const WEEK_MS = 7 * 24 * 3_600_000;
/** Rounds looked back on to avoid repeating a pair: more than any recency window uses. */
const HISTORY_ROUNDS = 12;

const when = (at: Date | null, zone: string) =>
  at ? DateTime.fromJSDate(at).setZone(zone).toFormat('cccc d LLLL, HH:mm') : null;

export async function setPairs(ctx: Context, cadence: Cadence, mode: PairsMode): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'set pairing rounds');
  const { now } = ctx.deps;
  const settings: PairingSettings = { cadence, mode, anchor: localDate(now, community.timeZone) };
  const closures = await ctx.deps.store.calendar.closures(community.workspaceId);
  const next = nextRound({ settings, timeZone: community.timeZone, after: now, closures });
  const detail = describePairs(settings, when(next, community.timeZone));
  await commitWithMessages(ctx, async (repos) => {
    await repos.pairing.setSettings(community.id, settings, next);
    return [channelNotice(community, { about: 'pairs.set', by: ctx.member.id, detail }, now)];
  });
  await ctx.tellPrivately({ text: `Pairing rounds for ${community.name}: ${detail}.` });
}

export async function pairsOff(ctx: Context): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'turn pairing rounds off');
  await commitWithMessages(ctx, async (repos) => {
    await repos.pairing.setSettings(community.id, null, null);
    return [channelNotice(community, { about: 'pairs.off', by: ctx.member.id }, ctx.deps.now)];
  });
  await ctx.tellPrivately({ text: `No more pairing rounds in ${community.name}.` });
}

export async function showPairs(ctx: Context): Promise<void> {
  const community = requireCommunity(ctx);
  const { settings, nextAt } = await ctx.deps.store.pairing.settings(community.id);
  await ctx.tellPrivately({
    text: settings
      ? `Pairing rounds in ${community.name}: ${describePairs(settings, when(nextAt, community.timeZone))}.`
      : `${community.name} has no pairing rounds. A facilitator can start them with \`pairs weekly\` (or \`pairs biweekly mentors\`).`,
    revealsNothingPrivate: true,
  });
}

/** `pairs skip <weeks>`: sitting out rounds for a while (0: back in from the next round). */
export async function skipPairs(ctx: Context, weeks: number): Promise<void> {
  const community = requireCommunity(ctx);
  if (!(await ctx.deps.store.communities.isMember(community.id, ctx.member.id))) {
    throw new DomainError('NotInChannel', `Pairing rounds are for people in ${community.name}'s channel.`);
  }
  const until = new Date(ctx.deps.now.getTime() + weeks * WEEK_MS);
  await ctx.deps.store.pairing.skip(community.id, ctx.member.id, until);
  await ctx.tellPrivately({
    text:
      weeks === 0
        ? `You are back in ${community.name}'s pairing rounds from the next one.`
        : `You sit out ${community.name}'s pairing rounds for ${weeks === 1 ? 'a week' : `${weeks} weeks`}. \`pairs skip 0\` brings you back sooner.`,
  });
}

/** A person's answer to "did you meet?". */
export async function answerMet(ctx: Context, roundId: number, met: boolean): Promise<void> {
  if (!(await ctx.deps.store.pairing.answer(roundId, ctx.member.id, met, ctx.deps.now))) {
    throw new DomainError('BadPayload', FORGED_BUTTON);
  }
  await ctx.tellPrivately({
    text: met ? 'Good to hear. Thank you for saying.' : 'Thanks for saying; there is always the next round.',
  });
}

/**
 * The round, when its time comes: the groups are worked out from who is in the circle now (less
 * those sitting out), recorded once, and each group introduced. Turned off since, or recorded by
 * another replica already: nothing.
 */
export async function runRound(deps: SystemDeps, input: { communityId: number; at: Date }): Promise<void> {
  const { store, now } = deps;
  const community = await store.communities.findById(input.communityId);
  const workspace = community ? await store.workspaces.byId(community.workspaceId) : null;
  if (!community || !workspace) return;
  const { settings } = await store.pairing.settings(community.id);
  if (!settings) return;
  const [members, skipping, past, mentors] = await Promise.all([
    store.pairing.members(community.id),
    store.pairing.skipping(community.id, input.at),
    store.pairing.recentRounds(community.id, HISTORY_ROUNDS),
    store.mentors.list(community.workspaceId),
  ]);
  const mentorIds = new Set(
    mentors.filter((m) => m.communityId === null || m.communityId === community.id).map((m) => m.memberId),
  );
  const people = members
    .filter((id) => !skipping.has(id))
    .map((memberId) => ({ memberId, isMentor: mentorIds.has(memberId) }));
  // The same seed on every replica, a new one each round.
  const seed = (community.id * 7919 + Math.floor(input.at.getTime() / WEEK_MS)) >>> 0;
  const { groups, window } = pairPeople({
    people,
    mode: settings.mode,
    past: past.filter((round) => round.at < input.at),
    seed,
  });
  if (groups.length === 0) return;
  const chat = await deps.chatFor(workspace.platform, workspace.externalId);
  await commitWithMessages({ deps: { ...deps, chat } }, async (repos) => {
    const round = await repos.pairing.recordRound({ communityId: community.id, at: input.at, window, groups });
    return round ? groupItems(round, workspace.id, now) : [];
  });
}
