import { z } from 'zod';
import type { ChatPort } from './chat-port.js';
import type { Message } from './messages.js';
import type { Community } from './model.js';
import type { NewOutboxItem } from './outbox.js';
import type { Store } from './ports/store.js';

// Changes that affect everyone in a circle (its schedule, its facilitators, its mid-week prompt and
// reminder) are announced in its channel, and a new facilitator is told privately. Each notice is an
// outbox item written in the transaction of the change. It keeps member ids, never names: names are
// read when it is sent, so a person who has used `forget-me` since is never named.

export const CHANNEL_NOTICE = 'channel.notice';
export const FACILITATOR_WELCOME = 'facilitator.welcome';

const id = z.number().int().positive();

/** What changed; `detail` is the bot's own description of the new setting, never anyone's name or words. */
const noticeSchema = z.discriminatedUnion('about', [
  z.object({ about: z.literal('schedule.set'), by: id, detail: z.string().min(1).max(500) }),
  z.object({ about: z.literal('schedule.off'), by: id }),
  z.object({ about: z.literal('facilitator.added'), by: id, who: id }),
  z.object({ about: z.literal('facilitator.removed'), by: id, who: id }),
  z.object({ about: z.literal('midweek.set'), by: id, detail: z.string().min(1).max(500) }),
  z.object({ about: z.literal('midweek.off'), by: id }),
  z.object({ about: z.literal('remind'), by: id, on: z.boolean() }),
  z.object({ about: z.literal('pairs.set'), by: id, detail: z.string().min(1).max(500) }),
  z.object({ about: z.literal('pairs.off'), by: id }),
]);

export type Notice = z.infer<typeof noticeSchema>;

export const noticePayloadSchema = z.object({ communityId: id, notice: noticeSchema });
export const welcomePayloadSchema = z.object({ communityId: id, by: id, who: id });

/**
 * `at` and the people involved make the key: the same change sent again is one notice, and each
 * change of a setting is a notice of its own.
 */
export function channelNotice(
  community: Pick<Community, 'id' | 'workspaceId'>,
  notice: Notice,
  at: Date,
): NewOutboxItem {
  const who = 'who' in notice ? `:${notice.who}` : '';
  return {
    workspaceId: community.workspaceId,
    kind: CHANNEL_NOTICE,
    key: `${CHANNEL_NOTICE}:${community.id}:${notice.about}:${notice.by}${who}:${at.toISOString()}`,
    dueAt: at,
    payload: { communityId: community.id, notice },
  };
}

/** The private word to a new facilitator; it goes with them if they are forgotten before it is sent. */
export function facilitatorWelcome(
  community: Pick<Community, 'id' | 'workspaceId'>,
  by: number,
  who: number,
  at: Date,
): NewOutboxItem {
  return {
    workspaceId: community.workspaceId,
    memberId: who,
    kind: FACILITATOR_WELCOME,
    key: `${FACILITATOR_WELCOME}:${community.id}:${who}:${at.toISOString()}`,
    dueAt: at,
    payload: { communityId: community.id, by, who },
  };
}

/** Names read at send time; someone no longer there is "Someone". */
type Names = ReadonlyMap<number, string>;
const nameOf = (names: Names, memberId: number) => names.get(memberId) ?? 'Someone';

/** What the channel is told: who made the change, and what it is now. */
function noticeMessage(notice: Notice, communityName: string, names: Names): Message {
  const by = nameOf(names, notice.by);
  switch (notice.about) {
    case 'schedule.set':
      return {
        text: `${by} set a schedule: ${communityName} meets ${notice.detail}`,
        sections: ['`status` shows the next session at any time.'],
      };
    case 'schedule.off':
      return { text: `${by} turned the schedule off: ${communityName} meets when a facilitator starts a session.` };
    case 'facilitator.added':
      return { text: `${nameOf(names, notice.who)} now facilitates ${communityName} (named by ${by}).` };
    case 'facilitator.removed':
      return notice.by === notice.who
        ? { text: `${by} no longer facilitates ${communityName}.` }
        : { text: `${nameOf(names, notice.who)} no longer facilitates ${communityName} (changed by ${by}).` };
    case 'midweek.set':
      return { text: `${by} set a mid-week reflection prompt for ${communityName}: ${notice.detail}` };
    case 'midweek.off':
      return { text: `${by} turned the mid-week reflection prompt off for ${communityName}.` };
    case 'remind':
      return notice.on
        ? {
            text: `${by} turned the reminder on: a reminder comes to this channel at 15:00 the day before each scheduled session.`,
          }
        : { text: `${by} turned the reminder off: no reminder comes before scheduled sessions.` };
    case 'pairs.set':
      return {
        text: `${by} started pairing rounds in ${communityName}: ${notice.detail}.`,
        sections: [
          'Each round introduces you to someone from the circle, privately. `pairs skip <weeks>` sits out a while.',
        ],
      };
    case 'pairs.off':
      return { text: `${by} turned pairing rounds off in ${communityName}.` };
  }
}

/** What a new facilitator is told, privately: that they facilitate now, and what they can do. */
function welcomeMessage(communityName: string, by: string | undefined): Message {
  return {
    text: `You now facilitate ${communityName}${by ? `, named by ${by}` : ''}.`,
    sections: [
      [
        'In its channel you can:',
        '• `start [topic]`, `next` and `close` run a session',
        '• `schedule weekly tue 3:30pm` lets me run them for you',
        '• `prompt add <question>` and `prompts weekly wed 12:00` for reflection prompts',
        '• `facilitator add @person` to share the role',
        '• `status` to see where things stand',
      ].join('\n'),
    ],
  };
}

/** Posts a notice to its circle's channel, with the names as they are now. */
export async function sendNotice(
  deps: { store: Store; chat: ChatPort },
  workspace: string,
  payload: z.infer<typeof noticePayloadSchema>,
): Promise<void> {
  const community = await deps.store.communities.findById(payload.communityId);
  if (!community) return;
  const { notice } = payload;
  const names = await deps.store.members.names([notice.by, ...('who' in notice ? [notice.who] : [])]);
  await deps.chat.post({ workspace, channel: community.channelId }, noticeMessage(notice, community.name, names));
}

/** Tells a new facilitator, in a direct message, unless they have been forgotten or removed since. */
export async function sendWelcome(
  deps: { store: Store; chat: ChatPort },
  workspace: string,
  payload: z.infer<typeof welcomePayloadSchema>,
): Promise<void> {
  const [community, found] = await Promise.all([
    deps.store.communities.findById(payload.communityId),
    deps.store.members.withWorkspace(payload.who),
  ]);
  if (!community || !found || !(await deps.store.communities.isFacilitator(community.id, payload.who))) return;
  const names = await deps.store.members.names([payload.by]);
  await deps.chat.dm(
    { workspace, user: found.member.externalId },
    welcomeMessage(community.name, names.get(payload.by)),
  );
}
