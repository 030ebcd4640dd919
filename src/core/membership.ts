import type { Deps } from './context.js';
import type { Platform, Workspace } from './model.js';

// A community's members are the people the platform says are in its channel. What it said is kept in
// the database (from its membership events, and from asking it); a person it has said nothing about
// lately is asked about afresh. Speaking to the bot never makes anyone a member, except where the
// platform cannot be asked (the console), where whoever speaks in a channel is in it.

/** How long an answer from the platform's API is trusted before it is asked again. */
const ASKED_FOR_MS = 24 * 3_600_000;

export async function isInChannel(
  deps: Pick<Deps, 'store' | 'chat' | 'now' | 'log'>,
  workspace: Workspace,
  channelId: string,
  userId: string,
): Promise<boolean> {
  const { store, chat, now } = deps;
  const where = { workspaceId: workspace.id, channelId, userId };
  const known = await store.channelMembers.known({ ...where, since: new Date(now.getTime() - ASKED_FOR_MS) });
  if (known !== null) return known;
  if (!chat.isInChannel) return false;
  let present: boolean;
  try {
    present = await chat.isInChannel({ workspace: workspace.externalId, channel: channelId }, userId);
  } catch (error) {
    // Not knowing is not being in: the press is refused, and nothing is kept, so the next one asks again.
    deps.log.warn({ err: error, platform: workspace.platform }, 'could not ask the platform who is in a channel');
    return false;
  }
  await store.channelMembers.record({ ...where, present, at: now });
  return present;
}

/** Where the platform cannot be asked, speaking in a channel is being in it. */
export async function spokeInChannel(
  deps: Pick<Deps, 'store' | 'chat' | 'now'>,
  workspace: Workspace,
  channelId: string,
  userId: string,
): Promise<void> {
  if (deps.chat.isInChannel) return;
  await deps.store.channelMembers.record({ workspaceId: workspace.id, channelId, userId, present: true, at: deps.now });
}

/** The platform says the person joined or left the channel (an event of its own, not an interaction). */
export async function recordMembership(
  deps: Pick<Deps, 'store' | 'now'>,
  change: { platform: Platform; workspace: string; channel: string; user: string; present: boolean },
): Promise<void> {
  const { store } = deps;
  const workspace = await store.workspaces.ensure({ platform: change.platform, externalId: change.workspace });
  await store.channelMembers.record({
    workspaceId: workspace.id,
    channelId: change.channel,
    userId: change.user,
    present: change.present,
    at: deps.now,
  });
  if (change.present) return;
  // Someone who left is no longer counted among the circle's members (in the digest's circle sizes
  // too); joining counts again when they next take part, once the platform confirms it.
  const [community, member] = await Promise.all([
    store.communities.findByChannel(workspace.id, change.channel),
    store.members.find(workspace.id, change.user),
  ]);
  if (community && member) await store.communities.leave(community.id, member.id);
}

/** The person joined or left a team (Teams): what was known of them is asked afresh. */
export async function rosterChanged(
  deps: Pick<Deps, 'store'>,
  change: { platform: Platform; workspace: string; user: string },
): Promise<void> {
  const workspace = await deps.store.workspaces.ensure({ platform: change.platform, externalId: change.workspace });
  await deps.store.channelMembers.forgetPerson(workspace.id, change.user);
}
