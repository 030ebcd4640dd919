import type { ChannelAddress, ChatPort } from './chat-port.js';
import type { Message } from './messages.js';
import type { Community, Member, Platform, Workspace } from './model.js';
import type { Logger } from './ports/logger.js';
import type { Store } from './ports/store.js';
import { isInChannel, spokeInChannel } from './membership.js';
import { moveMemberZone, replanWorkspace } from './plans/workspace.js';

/** What an adapter knows about who said something, and where, after parsing its platform payload. */
export interface Incoming {
  platform: Platform;
  workspace: { externalId: string; name?: string };
  user: {
    externalId: string;
    name: string;
    timeZone?: string;
    /** What the platform says now (Slack: users.info is_admin/is_owner); absent when it cannot tell or was not asked. */
    isPlatformAdmin?: boolean;
  };
  channel: { id: string; name?: string; isDirect: boolean };
  /** The platform's id for this delivery, so a retried event is handled once. */
  eventId?: string;
  /** Slack's trigger id, needed to open a form in answer to this interaction. */
  trigger?: string;
}

export interface Deps {
  store: Store;
  chat: ChatPort;
  /**
   * What the messages a change wrote to the outbox are sent through when sent at once: the same chat,
   * paced against the budgets every replica shares. `chat` when not given (the console, tests).
   */
  outboxChat?: ChatPort;
  /** The current instant: the core never reads a clock of its own. */
  now: Date;
  /**
   * The clock, for work that outlasts `now`: the leases on messages sent at once are renewed against
   * it. `now` stands still when not given.
   */
  clock?: () => Date;
  log: Logger;
}

/** An interaction with the people and places it involves resolved against the database. */
export interface Context {
  deps: Deps;
  incoming: Incoming;
  workspace: Workspace;
  member: Member;
  /** The community whose channel this happened in, if any. */
  community: Community | null;
  here: ChannelAddress;
  tellPrivately(message: Message): Promise<void>;
}

export function privateReply(deps: Deps, incoming: Incoming): (message: Message) => Promise<void> {
  const here = { workspace: incoming.workspace.externalId, channel: incoming.channel.id };
  return (message) => deps.chat.ephemeral(here, incoming.user.externalId, message);
}

/**
 * The private answer to what someone did. By the time it is sent the change it reports is stored,
 * so a failure to send it is logged, not raised: raising would tell the person to try again, and
 * doing so would make the change twice.
 */
function answerPrivately(deps: Deps, incoming: Incoming): (message: Message) => Promise<void> {
  const send = privateReply(deps, incoming);
  return (message) =>
    send(message).catch((error: unknown) => deps.log.warn({ err: error }, 'a private answer could not be sent'));
}

export async function resolveContext(deps: Deps, incoming: Incoming): Promise<Context> {
  const { store } = deps;
  const workspace = await store.workspaces.ensure({ platform: incoming.platform, ...incoming.workspace });
  const { externalId, name, timeZone, isPlatformAdmin } = incoming.user;
  let member = await store.members.ensure(workspace.id, { externalId, name, ...(timeZone ? { timeZone } : {}) });
  // The platform reports a new zone for a known person (they travelled, or corrected their profile):
  // their nudges and digest move with it, in one transaction. A zone they chose themselves stays.
  if (timeZone && !member.timeZoneChosen && member.timeZone !== timeZone) {
    const known = member;
    member = await store.transaction((repos) =>
      moveMemberZone(repos, { member: known, workspace, zone: timeZone, now: deps.now }),
    );
  }

  // The platform's admin flag (Slack workspace admins and owners), as the platform says it now, kept
  // in step both ways: a person demoted there loses what the flag gave, keeps what the app gave.
  // Unknown (the platform could not be asked) changes nothing.
  if (isPlatformAdmin !== undefined) {
    const isAdmin = await store.members.syncPlatformAdmin(member.id, isPlatformAdmin);
    if (isAdmin !== null && isAdmin !== member.isAdmin) member = { ...member, isAdmin };
  } else if (
    !member.isAdmin &&
    incoming.platform === 'console' &&
    (await store.members.claimFirstAdmin(workspace.id, member.id))
  ) {
    // In the console, whoever speaks first in a workspace without an admin is one.
    member = { ...member, isAdmin: true };
  }
  // The workspace calendar runs in the zone of the first admin the bot meets.
  if (member.isAdmin && member.timeZone && !workspace.timeZone) {
    const zone = member.timeZone;
    await store.transaction(async (repos) => {
      // Members who had no zone but the workspace's were planned in UTC until now.
      if (await repos.workspaces.setTimeZoneIfUnset(workspace.id, zone)) {
        await replanWorkspace(repos, { workspace: { ...workspace, timeZone: zone }, now: deps.now, digests: true });
      }
    });
  }

  if (!incoming.channel.isDirect) await spokeInChannel(deps, workspace, incoming.channel.id, externalId);
  const community = incoming.channel.isDirect
    ? null
    : await store.communities.findByChannel(workspace.id, incoming.channel.id);
  // Membership is the platform's word, never the act of speaking: the channel a payload names may not
  // be one the person is in.
  if (community && (await isInChannel(deps, workspace, community.channelId, externalId)))
    await store.communities.join(community.id, member.id);

  return {
    deps,
    incoming,
    workspace,
    member,
    community,
    here: { workspace: incoming.workspace.externalId, channel: incoming.channel.id },
    tellPrivately: answerPrivately(deps, incoming),
  };
}
