import { createHash, randomUUID } from 'node:crypto';
import { TurnContext, type ConversationReference } from 'botbuilder';
import type { Incoming } from '../../src/core/context.js';
import type { Interaction } from '../../src/core/handle.js';
import type { z } from 'zod';
import {
  splitConversationId,
  submitData,
  timeZoneOf,
  wordsOf,
  type ActivityBase,
  type MessageActivity,
  type messageUpdateActivity,
} from './activities.js';
import type { ReferenceKey, StoredReference } from './references.js';

// A Teams activity, parsed at the edge (activities.ts), as the core's `Incoming`: where it happened
// (a personal chat, a channel, a thread in one), who said it, and what it asks.

export interface Place {
  channel: Incoming['channel'];
  /** The address to keep for later sends here. */
  key: ReferenceKey;
  reference: StoredReference;
  /** In a channel: the root of the thread this activity is in, if it is not itself a new thread. */
  threadRoot?: string;
}

export function placeOf(activity: ActivityBase, tenant: string): Place {
  const reference = TurnContext.getConversationReference(activity as never);
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
  const name =
    data?.channel?.name ??
    (data?.team && data.team.id === channel ? data.team.name : undefined) ??
    activity.conversation.name;
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

/** Who sent an activity, named by their id when Teams gives no name. */
export function teamsPerson(activity: ActivityBase): Incoming['user'] {
  const timeZone = timeZoneOf(activity);
  return {
    externalId: activity.from.id,
    name: activity.from.name?.trim() || activity.from.id,
    ...(timeZone ? { timeZone } : {}),
  };
}

/**
 * A card submission: one of our buttons, one of our forms, or data we never drew. The channel a form
 * names is not where it is answered: the core finds the community from the session it names.
 */
function submission(value: Record<string, unknown>): Interaction {
  const data = submitData.safeParse(value);
  if (data.success && 'mcForm' in data.data) {
    const { mcForm, ...values } = data.data as {
      mcForm: { kind: string; context: Record<string, unknown>; nonce?: string };
    } & Record<string, unknown>;
    return {
      kind: 'form',
      submission: {
        kind: mcForm.kind,
        context: mcForm.context,
        values,
        ...(mcForm.nonce ? { nonce: mcForm.nonce } : {}),
      },
    };
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
  if (interaction.kind === 'edit')
    return `${where}|${activity.id}|edit|${createHash('sha256').update(interaction.text).digest('hex').slice(0, 16)}`;
  if (interaction.kind === 'delete') return `${where}|${activity.id}|delete`;
  return `${where}|${activity.id}`;
}

export function interactionFor(activity: MessageActivity, place: Place): Interaction | null {
  if (activity.value) return submission(activity.value);
  const { text, mentionsBot } = wordsOf(activity);
  if (!text) return null;
  if (place.threadRoot)
    return { kind: 'message', threadId: place.threadRoot, messageId: activity.id, text, addressed: mentionsBot };
  // With the channel-messages permission every new post arrives; only those addressed to the bot are commands.
  if (!place.channel.isDirect && activity.conversation.conversationType === 'channel' && !mentionsBot) return null;
  return { kind: 'command', text };
}

/** A reply in a session thread edited or deleted by its author; anything else changed is not ours. */
export function changeFor(activity: z.infer<typeof messageUpdateActivity>, place: Place): Interaction | null {
  if (!place.threadRoot) return null;
  const eventType = activity.channelData?.eventType;
  if (activity.type === 'messageUpdate' && eventType === 'editMessage') {
    const { text } = wordsOf({ ...activity, type: 'message' });
    return { kind: 'edit', threadId: place.threadRoot, messageId: activity.id, text };
  }
  if (activity.type === 'messageDelete' && eventType === 'softDeleteMessage')
    return { kind: 'delete', threadId: place.threadRoot, messageId: activity.id };
  return null;
}

/** The one builder: every activity the core is handed becomes its `Incoming` here. */
export function teamsIncoming(
  activity: ActivityBase,
  tenant: string,
  place: Place,
  interaction: Interaction,
): Incoming & { eventId: string } {
  return {
    platform: 'teams',
    workspace: { externalId: tenant },
    user: teamsPerson(activity),
    channel: place.channel,
    eventId: eventIdOf(activity, interaction),
  };
}
