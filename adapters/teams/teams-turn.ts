import { TurnContext, type ConversationReference } from 'botbuilder';
import type { Logger as PinoLogger } from 'pino';
import { z } from 'zod';
import type { Incoming } from '../../src/core/context.js';
import { createHash, randomUUID } from 'node:crypto';
import { NotStoredError, type Interaction, type InteractionHandler, type InteractionReceiver } from '../../src/core/handle.js';
import {
  activityBase,
  conversationUpdateActivity,
  installationUpdateActivity,
  messageActivity,
  messageUpdateActivity,
  splitConversationId,
  submitData,
  tenantOf,
  timeZoneOf,
  wordsOf,
  type ActivityBase,
  type MessageActivity,
} from './activities.js';
import type { ReferenceKey, StoredReference, TeamsDirectory } from './references.js';
import { TeamsChat, type Connect } from './teams-chat.js';

// One turn: a Teams activity parsed at the edge, turned into the core's interaction, and answered
// through a TeamsChat bound to this turn. Nothing here throws: a bad activity is logged and dropped.

/** Teams' largest roster page. */
const ROSTER_PAGE_SIZE = 500;
/** 100,000 people: past that a roster is not a school's, and the rest is learnt as people speak. */
const MAX_ROSTER_PAGES = 200;

/** One page of a team roster, as far as we read it. */
const rosterPage = z.object({
  members: z.array(z.object({ id: z.string().min(1), name: z.string().optional() })).default([]),
  continuationToken: z.string().nullish(),
});

export interface TurnDeps {
  directory: TeamsDirectory;
  handle: InteractionHandler;
  /** Stores an interaction before the Bot Framework gets its 200; without it, interactions are handled unstored (unit tests). */
  receive?: InteractionReceiver;
  /** A connector client for the turn's own service, else a proactive one. */
  connect: (context: TurnContext) => Connect;
  log: PinoLogger;
}

interface Place {
  channel: Incoming['channel'];
  /** The address to keep for later sends here. */
  key: ReferenceKey;
  reference: StoredReference;
  /** In a channel: the root of the thread this activity is in, if it is not itself a new thread. */
  threadRoot?: string;
}

function placeOf(activity: ActivityBase, tenant: string): Place {
  const reference = TurnContext.getConversationReference(activity as never) as Partial<ConversationReference>;
  const type = activity.conversation.conversationType;
  // Teams always says; a development client that does not is a one-to-one chat unless it says group.
  if (type === 'personal' || (type === undefined && activity.conversation.isGroup !== true)) {
    return {
      channel: { id: activity.conversation.id, isDirect: true },
      key: { tenant, kind: 'personal', key: activity.from.id },
      reference: { ...reference, activityId: undefined },
    };
  }
  const { channel, root } = splitConversationId(activity.conversation.id);
  // Teams names every channel but the team's General one, whose id is the team's: the team's name stands in.
  const data = activity.channelData;
  const name = data?.channel?.name ?? (data?.team && data.team.id === channel ? data.team.name : undefined) ?? activity.conversation.name;
  // A channel's address carries nobody in particular: the person who happened to speak is left out.
  const { user: _speaker, ...withoutUser } = reference;
  return {
    channel: { id: channel, ...(name ? { name } : {}), isDirect: false },
    key: { tenant, kind: 'channel', key: channel },
    reference: {
      ...withoutUser,
      activityId: undefined,
      conversation: { ...activity.conversation, id: channel } as ConversationReference['conversation'],
      // Which team the channel is in: the app removed from a team can reach none of its channels.
      ...(data?.team?.id ? { teamId: data.team.id } : {}),
    },
    ...(type === 'channel' && root && root !== activity.id ? { threadRoot: root } : {}),
  };
}

function person(activity: ActivityBase): Incoming['user'] {
  const timeZone = timeZoneOf(activity);
  return { externalId: activity.from.id, name: activity.from.name?.trim() || activity.from.id, ...(timeZone ? { timeZone } : {}) };
}

/** Whoever added the app: the workspace's first admin when it has none, if they added it to a team. */
function installer(activity: ActivityBase): { id: string; name: string; timeZone?: string } {
  const { externalId, name, timeZone } = person(activity);
  return { id: externalId, name, ...(timeZone ? { timeZone } : {}) };
}

/**
 * Added to a team (a channel conversation, or one Teams names a team for), rather than to someone's
 * personal scope or a group chat: only a team install makes the installer an admin, since anyone
 * can add the app to their own personal scope.
 */
function scopeOf(activity: ActivityBase): 'team' | 'other' {
  return activity.conversation.conversationType === 'channel' || activity.channelData?.team?.id !== undefined ? 'team' : 'other';
}

/**
 * A card submission: one of our buttons, one of our forms, or data we never drew. The channel a form
 * names is not where it is answered: the core finds the community from the session it names.
 */
function submission(value: Record<string, unknown>): Interaction {
  const data = submitData.safeParse(value);
  if (data.success && 'mcForm' in data.data) {
    const { mcForm, ...values } = data.data as { mcForm: { kind: string; context: Record<string, unknown>; nonce?: string } } & Record<string, unknown>;
    return { kind: 'form', submission: { kind: mcForm.kind, context: mcForm.context, values, ...(mcForm.nonce ? { nonce: mcForm.nonce } : {}) } };
  }
  // A forged or foreign card comes to the core as an unreadable action, which it refuses politely.
  return { kind: 'action', action: data.success && 'mcAction' in data.data ? data.data.mcAction : undefined };
}

/**
 * Names one delivery of an activity, so a redelivery is recognised: a message by its id; an edit by
 * its id and new words (a second edit of the same message is a new event); a deletion by its id.
 */
function eventIdOf(activity: ActivityBase, interaction: Interaction): string {
  const where = activity.conversation.id;
  if (!activity.id) return `${where}|${randomUUID()}`;
  if (interaction.kind === 'edit') return `${where}|${activity.id}|edit|${createHash('sha256').update(interaction.text).digest('hex').slice(0, 16)}`;
  if (interaction.kind === 'delete') return `${where}|${activity.id}|delete`;
  return `${where}|${activity.id}`;
}

function interactionFor(activity: MessageActivity, place: Place): Interaction | null {
  if (activity.value) return submission(activity.value);
  const { text, mentionsBot } = wordsOf(activity);
  if (!text) return null;
  if (place.threadRoot) return { kind: 'message', threadId: place.threadRoot, messageId: activity.id, text, addressed: mentionsBot };
  // With the channel-messages permission every new post arrives; only those addressed to the bot are commands.
  if (!place.channel.isDirect && activity.conversation.conversationType === 'channel' && !mentionsBot) return null;
  return { kind: 'command', text };
}

export function teamsTurn(deps: TurnDeps): (context: TurnContext) => Promise<void> {
  const { directory, log } = deps;

  async function remember(place: Place): Promise<void> {
    await directory.saveReference(place.key, place.reference).catch((error: unknown) => log.warn({ err: error, kind: place.key.kind }, 'could not store a conversation reference'));
  }

  /** A refusal on record no longer holds; failing to clear it costs one more 403 later, never the turn. */
  async function wroteToBot(tenant: string, user: string): Promise<void> {
    await directory.wroteToBot(tenant, user).catch((error: unknown) => log.warn({ err: error }, 'could not clear a refused personal chat'));
  }

  // The activity is free of NUL characters already: the route takes them out of the whole request.
  async function run(context: TurnContext, activity: ActivityBase, tenant: string, place: Place, interaction: Interaction): Promise<void> {
    const user = person(activity);
    const incoming: Incoming & { eventId: string } = {
      platform: 'teams',
      workspace: { externalId: tenant },
      user,
      channel: place.channel,
      eventId: eventIdOf(activity, interaction),
    };
    // Stored before the Bot Framework gets its 200; when it cannot be, the request is refused (503)
    // and the Bot Framework sends it again. A redelivery of a stored one is recognised by its id.
    if (deps.receive) {
      const fresh = await deps.receive(incoming, interaction).catch((error: unknown) => {
        log.error({ err: error, kind: interaction.kind }, 'could not store a teams activity; it is refused so that it comes again');
        throw error instanceof NotStoredError ? error : new NotStoredError({ cause: error });
      });
      if (!fresh) {
        log.debug({ kind: interaction.kind }, 'redelivered teams activity ignored');
        return;
      }
    }
    const chat = new TeamsChat(tenant, directory, deps.connect(context), { context, personal: place.key.kind === 'personal', user: { id: user.externalId, name: user.name } });
    await deps.handle(chat, incoming, interaction, deps.receive ? { alreadyReceived: true } : {});
  }

  /**
   * Added to a team: everyone on its roster is known from now on, by id and name, so the bot can open
   * a personal chat with each. Teams hands the roster out in pages; a roster that cannot be read is
   * logged, and people are then learnt as they join or speak.
   */
  async function learnRoster(context: TurnContext, activity: ActivityBase, tenant: string, place: Place): Promise<void> {
    const team = activity.channelData?.team?.id;
    if (!team) return;
    try {
      let continuationToken: string | undefined;
      let pages = 0;
      do {
        const page = rosterPage.parse(
          await deps.connect(context)(place.reference, (connector) =>
            connector.conversations.getConversationPagedMembers(team, { pageSize: ROSTER_PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) } as never),
          ),
        );
        for (const member of page.members) {
          if (member.id !== activity.recipient.id) await directory.memberSeen(tenant, { id: member.id, ...(member.name ? { name: member.name } : {}) });
        }
        continuationToken = page.continuationToken || undefined;
        pages += 1;
      } while (continuationToken && pages < MAX_ROSTER_PAGES);
    } catch (error) {
      log.warn({ err: error }, 'could not read a team roster; its people are learnt as they join or speak');
    }
  }

  async function onMessage(context: TurnContext, tenant: string): Promise<void> {
    const parsed = messageActivity.safeParse(context.activity);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.length }, 'teams message without the fields we need');
      return;
    }
    const activity = parsed.data;
    // Other bots' messages (and any echo of our own) are never answers.
    if (activity.from.role === 'bot' || activity.from.id === activity.recipient.id) return;
    const place = placeOf(activity, tenant);
    const interaction = interactionFor(activity, place);
    await remember(place);
    if (!interaction) return;
    // Whoever writes to the bot (in its chat, or a command to it) may be written to again, even if
    // they once blocked it; an answer in a thread is written to the circle, not to the bot.
    if (place.key.kind === 'personal' || interaction.kind === 'command' || (interaction.kind === 'message' && interaction.addressed)) await wroteToBot(tenant, activity.from.id);
    await run(context, activity, tenant, place, interaction);
  }

  async function onEdit(context: TurnContext, tenant: string): Promise<void> {
    const parsed = messageUpdateActivity.safeParse(context.activity);
    if (!parsed.success) return;
    const activity = parsed.data;
    const place = placeOf(activity, tenant);
    if (!place.threadRoot) return;
    const eventType = activity.channelData?.eventType;
    if (activity.type === 'messageUpdate' && eventType === 'editMessage') {
      const { text } = wordsOf({ ...activity, type: 'message' });
      await run(context, activity, tenant, place, { kind: 'edit', threadId: place.threadRoot, messageId: activity.id, text });
    } else if (activity.type === 'messageDelete' && eventType === 'softDeleteMessage') {
      await run(context, activity, tenant, place, { kind: 'delete', threadId: place.threadRoot, messageId: activity.id });
    }
  }

  async function onMembers(context: TurnContext, tenant: string): Promise<void> {
    const parsed = conversationUpdateActivity.safeParse(context.activity);
    if (!parsed.success) return;
    const activity = parsed.data;
    const place = placeOf(activity, tenant);
    const added = activity.membersAdded ?? [];
    const botAdded = added.some((member) => member.id === activity.recipient.id);
    if (botAdded) await directory.installed(tenant, installer(activity), scopeOf(activity));
    if (botAdded) await learnRoster(context, activity, tenant, place);
    // The team's channels: each new one is a possible community, reachable from now on.
    const created = activity.channelData?.eventType === 'channelCreated' ? activity.channelData.channel : undefined;
    if (created) {
      await remember({ ...place, key: { tenant, kind: 'channel', key: created.id }, reference: { ...place.reference, conversation: { ...place.reference.conversation, id: created.id } as ConversationReference['conversation'] } });
    } else if (botAdded || place.key.kind === 'channel') {
      await remember(place);
    }
    for (const member of added) {
      if (member.id === activity.recipient.id) continue;
      await directory.memberSeen(tenant, { id: member.id, ...(member.name ? { name: member.name } : {}) });
    }
    // A team's roster changed: whoever joined or left is asked about afresh when it matters.
    if (activity.channelData?.team) {
      for (const member of [...added, ...(activity.membersRemoved ?? [])]) {
        if (member.id !== activity.recipient.id) await directory.rosterChanged(tenant, member.id);
      }
    }
  }

  async function onInstall(context: TurnContext, tenant: string): Promise<void> {
    const parsed = installationUpdateActivity.safeParse(context.activity);
    if (!parsed.success) return;
    const activity = parsed.data;
    const place = placeOf(activity, tenant);
    if (activity.action?.startsWith('remove')) {
      await directory.removeReference(place.key);
      return;
    }
    await directory.installed(tenant, installer(activity), scopeOf(activity));
    await remember(place);
    // Added to their own personal scope: they opened the chat themselves, so a refusal no longer holds.
    if (place.key.kind === 'personal') await wroteToBot(tenant, activity.from.id);
    else await learnRoster(context, activity, tenant, place);
  }

  return async (context) => {
    const base = activityBase.safeParse(context.activity);
    const tenant = base.success ? tenantOf(base.data) : undefined;
    if (!base.success || !tenant) {
      log.warn({ type: typeof context.activity?.type === 'string' ? context.activity.type.slice(0, 40) : undefined }, 'teams activity without the fields we need, acknowledged');
      return;
    }
    switch (base.data.type) {
      case 'message':
        return onMessage(context, tenant);
      case 'messageUpdate':
      case 'messageDelete':
        return onEdit(context, tenant);
      case 'conversationUpdate':
        return onMembers(context, tenant);
      case 'installationUpdate':
        return onInstall(context, tenant);
      case 'invoke':
        // We draw only Action.Submit cards; any invoke is someone else's and is answered with a plain 200.
        await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: {} } });
        return;
      default:
        log.debug({ type: base.data.type }, 'teams activity type we do not use, acknowledged');
    }
  };
}
