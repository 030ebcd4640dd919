import type { ConversationReference, TurnContext } from 'botbuilder';
import type { Logger as PinoLogger } from 'pino';
import {
  NotStoredError,
  type Interaction,
  type InteractionHandler,
  type InteractionReceiver,
} from '../../src/core/handle.js';
import {
  activityBase,
  conversationUpdateActivity,
  installationUpdateActivity,
  messageActivity,
  messageUpdateActivity,
  tenantOf,
  type ActivityBase,
} from './activities.js';
import { changeFor, interactionFor, placeOf, teamsIncoming, teamsPerson, type Place } from './incoming.js';
import type { TeamsDirectory } from './references.js';
import { learnRoster } from './roster.js';
import type { Connect } from './bot-connector.js';
import { TeamsChat } from './teams-chat.js';

// One turn: a Teams activity parsed at the edge, turned into the core's interaction (incoming.ts), and
// answered through a TeamsChat bound to this turn. Nothing here throws but NotStoredError: a bad
// activity is logged and dropped.

export interface TurnDeps {
  directory: TeamsDirectory;
  handle: InteractionHandler;
  /** Stores an interaction before the Bot Framework gets its 200; without it, interactions are handled unstored (unit tests). */
  receive?: InteractionReceiver;
  /** A connector client for the turn's own service, else a proactive one. */
  connect: (context: TurnContext) => Connect;
  log: PinoLogger;
}

/** Whoever added the app: the workspace's first admin when it has none, if they added it to a team. */
function installer(activity: ActivityBase): { id: string; name: string; timeZone?: string } {
  const { externalId, name, timeZone } = teamsPerson(activity);
  return { id: externalId, name, ...(timeZone ? { timeZone } : {}) };
}

/**
 * Added to a team (a channel conversation, or one Teams names a team for), rather than to someone's
 * personal scope or a group chat: only a team install makes the installer an admin, since anyone
 * can add the app to their own personal scope.
 */
function scopeOf(activity: ActivityBase): 'team' | 'other' {
  return activity.conversation.conversationType === 'channel' || activity.channelData?.team?.id !== undefined
    ? 'team'
    : 'other';
}

export function teamsTurn(deps: TurnDeps): (context: TurnContext) => Promise<void> {
  const { directory, log } = deps;

  async function remember(place: Place): Promise<void> {
    await directory
      .saveReference(place.key, place.reference)
      .catch((error: unknown) =>
        log.warn({ err: error, kind: place.key.kind }, 'could not store a conversation reference'),
      );
  }

  /** A refusal on record no longer holds; failing to clear it costs one more 403 later, never the turn. */
  async function wroteToBot(tenant: string, user: string): Promise<void> {
    await directory
      .wroteToBot(tenant, user)
      .catch((error: unknown) => log.warn({ err: error }, 'could not clear a refused personal chat'));
  }

  // The activity is free of NUL characters already: the route takes them out of the whole request.
  async function run(
    context: TurnContext,
    activity: ActivityBase,
    tenant: string,
    place: Place,
    interaction: Interaction,
  ): Promise<void> {
    const incoming = teamsIncoming(activity, tenant, place, interaction);
    // Stored before the Bot Framework gets its 200; when it cannot be, the request is refused (503)
    // and the Bot Framework sends it again. A redelivery of a stored one is recognised by its id.
    if (deps.receive) {
      const fresh = await deps.receive(incoming, interaction).catch((error: unknown) => {
        log.error(
          { err: error, kind: interaction.kind },
          'could not store a teams activity; it is refused so that it comes again',
        );
        throw error instanceof NotStoredError ? error : new NotStoredError({ cause: error });
      });
      if (!fresh) {
        log.debug({ kind: interaction.kind }, 'redelivered teams activity ignored');
        return;
      }
    }
    const { user } = incoming;
    const chat = new TeamsChat(tenant, directory, deps.connect(context), {
      context,
      personal: place.key.kind === 'personal',
      user: { id: user.externalId, name: user.name },
    });
    await deps.handle(chat, incoming, interaction, deps.receive ? { alreadyReceived: true } : {});
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
    if (
      place.key.kind === 'personal' ||
      interaction.kind === 'command' ||
      (interaction.kind === 'message' && interaction.addressed)
    )
      await wroteToBot(tenant, activity.from.id);
    await run(context, activity, tenant, place, interaction);
  }

  async function onEdit(context: TurnContext, tenant: string): Promise<void> {
    const parsed = messageUpdateActivity.safeParse(context.activity);
    if (!parsed.success) return;
    const place = placeOf(parsed.data, tenant);
    const change = changeFor(parsed.data, place);
    if (change) await run(context, parsed.data, tenant, place, change);
  }

  async function onMembers(context: TurnContext, tenant: string): Promise<void> {
    const parsed = conversationUpdateActivity.safeParse(context.activity);
    if (!parsed.success) return;
    const activity = parsed.data;
    const place = placeOf(activity, tenant);
    const added = activity.membersAdded ?? [];
    const botAdded = added.some((member) => member.id === activity.recipient.id);
    if (botAdded) await directory.installed(tenant, installer(activity), scopeOf(activity));
    if (botAdded) await learnRoster(deps, context, activity, tenant, place);
    // The team's channels: each new one is a possible community, reachable from now on.
    const created = activity.channelData?.eventType === 'channelCreated' ? activity.channelData.channel : undefined;
    if (created) {
      await remember({
        ...place,
        key: { tenant, kind: 'channel', key: created.id },
        reference: {
          ...place.reference,
          conversation: { ...place.reference.conversation, id: created.id } as ConversationReference['conversation'],
        },
      });
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
    else await learnRoster(deps, context, activity, tenant, place);
  }

  return async (context) => {
    const base = activityBase.safeParse(context.activity);
    const tenant = base.success ? tenantOf(base.data) : undefined;
    if (!base.success || !tenant) {
      log.warn(
        { type: typeof context.activity?.type === 'string' ? context.activity.type.slice(0, 40) : undefined },
        'teams activity without the fields we need, acknowledged',
      );
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
