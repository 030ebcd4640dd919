import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Incoming } from '../../src/core/context.js';
import type { Interaction } from '../../src/core/handle.js';
import {
  directMessage,
  inputAnswer,
  messageChanged,
  messageDeleted,
  parseJson,
  threadReply,
  type blockAction,
  type envelope,
  type formMetadata,
  type homeOpened,
  type SlashCommand,
  type viewSubmission,
} from './payloads.js';
import { HOME_SURFACE } from './slack-chat.js';

// Every Slack payload the bot answers becomes the core's `Incoming` here, through one builder, with the
// interaction it carries. The payloads arrive parsed (payloads.ts); nothing here reads the network.

/** What an interaction is stored as before its acknowledgement: the person's profile is looked up after. */
export type Received = Incoming & { eventId: string };

/** An interaction as it is stored and then handled. */
export interface SlackInteraction {
  received: Received;
  interaction: Interaction;
}

/** Where a command typed in the bot's DM was written: its answer goes to the same place. */
export interface DirectMessagePlace {
  channel: string;
  user: string;
  threadTs?: string;
}

const isDirect = (channel: string, channelType?: string) => channelType === 'im' || channel.startsWith('D');

/** Buttons on the Home tab are pressed in no channel: the person's own page stands in for one. */
const HOME_CHANNEL: Incoming['channel'] = { id: HOME_SURFACE, isDirect: true };

function channelOf(id: string, name?: string, channelType?: string): Incoming['channel'] {
  return { id, ...(name ? { name } : {}), isDirect: isDirect(id, channelType) };
}

/**
 * The one builder. Until the person's profile is looked up (after the acknowledgement), they are named
 * by what the payload says, or by their id.
 */
function slackIncoming(given: {
  team: string;
  teamName?: string | undefined;
  user: string;
  userName?: string | undefined;
  channel: Incoming['channel'];
  eventId: string;
  trigger?: string;
}): Received {
  return {
    platform: 'slack',
    workspace: { externalId: given.team, ...(given.teamName ? { name: given.teamName } : {}) },
    user: { externalId: given.user, name: given.userName ?? given.user },
    channel: given.channel,
    eventId: given.eventId,
    ...(given.trigger ? { trigger: given.trigger } : {}),
  };
}

/** `/circle <words>`. */
export function commandIncoming(command: SlashCommand): SlackInteraction {
  return {
    received: slackIncoming({
      team: command.team_id,
      teamName: command.team_domain,
      user: command.user_id,
      userName: command.user_name,
      channel: channelOf(command.channel_id, command.channel_name),
      // Slack never retries a slash command; its trigger id names this one invocation.
      eventId: `command:${command.trigger_id}`,
      trigger: command.trigger_id,
    }),
    interaction: { kind: 'command', text: command.text },
  };
}

type Envelope = z.infer<typeof envelope>;

/**
 * A `message` event: a command typed in the bot's own DM (with where it was written, for the answer),
 * a reply in a thread, or an edit or deletion of one. Anything else (top-level chatter, bots, joins,
 * the bot's own answers in its DM) is not ours to record: undefined.
 */
export function messageIncoming(
  meta: Envelope,
  event: unknown,
  botUserId: string | undefined,
): (SlackInteraction & { directMessage?: DirectMessagePlace }) | undefined {
  const from = (user: string, channel: Incoming['channel']) =>
    slackIncoming({ team: meta.team_id, user, channel, eventId: meta.event_id });
  // In a thread, "@Mentor Circle next" is the command `next`.
  const withoutMention = (text: string) =>
    botUserId ? text.replace(new RegExp(`^\\s*<@${botUserId}>\\s*`), '') : text;

  if ((event as { channel_type?: unknown }).channel_type === 'im') {
    const dm = directMessage.safeParse(event);
    if (!dm.success || dm.data.user === botUserId) return undefined;
    const { channel, user, text, thread_ts } = dm.data;
    return {
      received: from(user, { id: channel, isDirect: true }),
      interaction: { kind: 'command', text: withoutMention(text) },
      directMessage: { channel, user, ...(thread_ts ? { threadTs: thread_ts } : {}) },
    };
  }

  const reply = threadReply.safeParse(event);
  if (reply.success && reply.data.thread_ts !== reply.data.ts) {
    const { channel, channel_type, user, ts, thread_ts, text } = reply.data;
    return {
      received: from(user, channelOf(channel, undefined, channel_type)),
      interaction: { kind: 'message', threadId: thread_ts, messageId: ts, text: withoutMention(text) },
    };
  }
  const changed = messageChanged.safeParse(event);
  if (changed.success) {
    const { channel, channel_type, message } = changed.data;
    return {
      received: from(message.user, channelOf(channel, undefined, channel_type)),
      interaction: {
        kind: 'edit',
        threadId: message.thread_ts,
        messageId: message.ts,
        text: withoutMention(message.text),
      },
    };
  }
  const deleted = messageDeleted.safeParse(event);
  if (deleted.success) {
    const { channel, channel_type, deleted_ts, previous_message } = deleted.data;
    return {
      received: from(previous_message.user, channelOf(channel, undefined, channel_type)),
      interaction: { kind: 'delete', threadId: previous_message.thread_ts, messageId: deleted_ts },
    };
  }
  return undefined;
}

/** Someone opened their own page of the app (its Home tab). */
export function homeIncoming(meta: Envelope, opened: z.infer<typeof homeOpened>): SlackInteraction {
  return {
    received: slackIncoming({ team: meta.team_id, user: opened.user, channel: HOME_CHANNEL, eventId: meta.event_id }),
    interaction: { kind: 'home' },
  };
}

/** A press of one of our buttons; the core reads its value, never trusting it. */
export function actionIncoming(press: z.infer<typeof blockAction>): SlackInteraction {
  const { team, user, channel, trigger_id, actions } = press;
  return {
    received: slackIncoming({
      team: team.id,
      user: user.id,
      userName: user.username ?? user.name,
      channel: channel ? channelOf(channel.id, channel.name) : HOME_CHANNEL,
      // A press is one interaction with a trigger id of its own; Slack does not send it twice.
      eventId: `action:${trigger_id}`,
      trigger: trigger_id,
    }),
    interaction: { kind: 'action', action: parseJson(actions[0]?.value) },
  };
}

/** A submitted form, answered in the channel its metadata names. */
export function formIncoming(
  submitted: z.infer<typeof viewSubmission>,
  metadata: z.infer<typeof formMetadata>,
): SlackInteraction {
  const { team, user, view } = submitted;
  // One input per block, keyed by the field name; tick boxes arrive as the list of ticked options.
  const values = Object.fromEntries(
    Object.entries(view.state.values).map(([field, inputs]) => [field, inputAnswer(Object.values(inputs)[0])]),
  );
  const { kind, context, nonce, channel } = metadata;
  return {
    received: slackIncoming({
      team: team.id,
      user: user.id,
      userName: user.username ?? user.name,
      channel: { id: channel, isDirect: isDirect(channel) },
      // One submission of one view: the form stays open with Slack's error when it could not be stored.
      eventId: `form:${submitted.trigger_id ?? randomUUID()}`,
    }),
    interaction: { kind: 'form', submission: { kind, context, values, ...(nonce ? { nonce } : {}) } },
  };
}
