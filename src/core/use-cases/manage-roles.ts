import type { UserMention } from '../commands/command.js';
import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import type { Member } from '../model.js';
import { isInChannel } from '../membership.js';
import { channelNotice, facilitatorWelcome } from '../notices.js';
import { commitWithMessages, requireCommunity, requireFacilitator } from '../session-flow.js';
import { askToLeave } from './remove-myself.js';

// Roles: admins are workspace-wide, facilitators per community (the README's "Admins"). Nobody is
// left without one: a workspace keeps an admin and a community a facilitator.

/**
 * The person named: known already, or met here for the first time, under their platform id until
 * their own first message brings their name (or the handle the mention was written with). (Looked up first, so a known name is not overwritten.)
 */
export async function named(ctx: Context, mention: UserMention): Promise<Member> {
  const known = await ctx.deps.store.members.find(ctx.workspace.id, mention.userId);
  return (
    known ??
    ctx.deps.store.members.ensure(ctx.workspace.id, {
      externalId: mention.userId,
      name: mention.label ?? mention.userId,
    })
  );
}

/** The platform's word on whether someone is its admin now, when it has one to give; undefined when it cannot say. */
async function platformSays(ctx: Context, member: Member): Promise<boolean | undefined> {
  const ask = ctx.deps.chat.isPlatformAdmin?.bind(ctx.deps.chat);
  if (!ask) return undefined;
  return ask({ workspace: ctx.workspace.externalId, user: member.externalId }).catch((error: unknown) => {
    ctx.deps.log.warn(
      { err: error },
      'could not ask the platform whether a person is its admin; the stored flag stands',
    );
    return undefined;
  });
}

/**
 * Whether the platform vouches for the id as a full member of the workspace. Where it cannot be asked,
 * the person must be one the platform has already shown the bot (an install, a team roster, their
 * own message), never an id that is only typed.
 */
export async function platformKnows(ctx: Context, mention: UserMention): Promise<boolean> {
  const ask = ctx.deps.chat.knowsPerson?.bind(ctx.deps.chat);
  if (!ask) return (await ctx.deps.store.members.find(ctx.workspace.id, mention.userId)) !== null;
  try {
    return await ask({ workspace: ctx.workspace.externalId, user: mention.userId });
  } catch (error) {
    ctx.deps.log.warn({ err: error }, 'could not ask the platform who a person is');
    throw new DomainError(
      'NotAvailableYet',
      'I could not check who that is just now, so nobody was named. Please try again in a minute.',
    );
  }
}

export async function changeAdmin(ctx: Context, change: 'add' | 'remove', mention: UserMention): Promise<void> {
  const { store } = ctx.deps;
  if (!ctx.member.isAdmin) throw new DomainError('NotAdmin', 'Only Mentor Circle admins name other admins.');
  if (change === 'remove' && mention.userId === ctx.member.externalId) return askToLeave(ctx, null);
  if (change === 'add' && !(await platformKnows(ctx, mention))) {
    throw new DomainError(
      'UnknownPerson',
      'That is not someone I can name an admin: admins must be full members of this workspace (not a guest, a bot, a deactivated account or someone from another organisation). Nobody was named.',
    );
  }
  if (change === 'add') {
    const member = await named(ctx, mention);
    await store.members.grantAdmin(member.id);
    await ctx.tellPrivately({
      text: `${member.name} is now a Mentor Circle admin: they receive the weekly digest and keep the school calendar.`,
    });
    return;
  }
  // Someone never met here holds no role: nothing is made for an id that is only typed.
  const member = await store.members.find(ctx.workspace.id, mention.userId);
  if (!member) {
    await ctx.tellPrivately({ text: 'That person is not a Mentor Circle admin.' });
    return;
  }
  // The stored flag may be stale (they were demoted in Slack and have not spoken since): asked afresh.
  if (await store.members.isPlatformAdmin(member.id)) {
    const now = await platformSays(ctx, member);
    if (now !== undefined) await store.members.syncPlatformAdmin(member.id, now);
  }
  const outcome = await store.members.revokeAdmin(ctx.workspace.id, member.id);
  if (outcome === 'platform-admin') {
    throw new DomainError(
      'NotAdmin',
      `${member.name} is an admin or owner of this workspace, and so always a Mentor Circle admin while they are one.`,
    );
  }
  if (outcome === 'last-admin') throw new DomainError('LastAdmin', lastAdmin(member.name));
  // Not an admin now, though they were a moment ago: the flag Slack no longer gives was all they had.
  const gone = outcome === 'revoked' || member.isAdmin;
  await ctx.tellPrivately({
    text: gone ? `${member.name} is no longer a Mentor Circle admin.` : `${member.name} is not a Mentor Circle admin.`,
  });
}

/** What the last admin is told: who must be named first, and how. */
export function lastAdmin(name: string, self = false): string {
  const who = self ? 'You are' : `${name} is`;
  return `${who} the only Mentor Circle admin here, and a workspace needs one to receive the digest and keep the calendar. Name another admin first with \`admin add @person\`, then try again.`;
}

export async function changeFacilitator(ctx: Context, change: 'add' | 'remove', mention: UserMention): Promise<void> {
  const { store, now } = ctx.deps;
  const community = requireCommunity(ctx);
  // Facilitators choose their co-facilitators; admins can step in.
  if (!ctx.member.isAdmin) await requireFacilitator(ctx, community, 'name facilitators');
  if (change === 'remove' && mention.userId === ctx.member.externalId) return askToLeave(ctx, community);
  if (change === 'add') {
    // Only someone the platform says is in the channel: a facilitator is one of the community.
    if (!(await isInChannel(ctx.deps, ctx.workspace, community.channelId, mention.userId))) {
      throw new DomainError(
        'NotInChannel',
        `That person is not in this channel, so they cannot facilitate ${community.name}. Add them to the channel first.`,
      );
    }
    const member = await named(ctx, mention);
    let added = false;
    // The role, the channel's notice and the new facilitator's welcome are written together.
    await commitWithMessages(ctx, async (repos) => {
      if (await repos.communities.isFacilitator(community.id, member.id)) return [];
      added = true;
      await repos.communities.setFacilitator(community.id, member.id, true);
      return [
        channelNotice(community, { about: 'facilitator.added', by: ctx.member.id, who: member.id }, now),
        facilitatorWelcome(community, ctx.member.id, member.id, now),
      ];
    });
    await ctx.tellPrivately({
      text: added
        ? `${member.name} now facilitates ${community.name}.`
        : `${member.name} already facilitates ${community.name}, so nothing changed.`,
    });
    return;
  }
  // Someone never met here holds no role: nothing is made for an id that is only typed.
  const member = await store.members.find(ctx.workspace.id, mention.userId);
  const outcome: { removed: 'removed' | 'last' | 'not-facilitator' } = { removed: 'not-facilitator' };
  if (member) {
    // Decided under a lock on the community: two removals at once leave one facilitator.
    await commitWithMessages(ctx, async (repos) => {
      outcome.removed = await repos.communities.removeFacilitator(community.id, member.id);
      return outcome.removed === 'removed'
        ? [channelNotice(community, { about: 'facilitator.removed', by: ctx.member.id, who: member.id }, now)]
        : [];
    });
  }
  const { removed } = outcome;
  const name = member?.name ?? 'That person';
  if (removed === 'last') {
    throw new DomainError('NotFacilitator', `${name} is the only facilitator of ${community.name}. Add another first.`);
  }
  if (removed === 'not-facilitator') {
    await ctx.tellPrivately({
      text: `${name} does not facilitate ${community.name}, so nothing changed. \`status\` shows who does.`,
    });
    return;
  }
  await ctx.tellPrivately({ text: `${name} no longer facilitates ${community.name}.` });
}
