import { z } from 'zod';
import type { ChatPort } from '../core/chat-port.js';
import { DeliveryError, type OutboxItem } from '../core/outbox.js';
import type { Platform } from '../core/model.js';
import { CLOSE_LEFT_OPEN, closeSessionLeftOpen } from '../core/use-cases/close-left-open.js';
import type { SystemDeps } from '../core/system-deps.js';
import { REPLAY_EVENT, replayEvent, type EventReplayer } from '../core/use-cases/replay-event.js';
import { NUDGE } from '../core/nudges/plan-nudge.js';
import { PROTOCOL_STEP, protocolStepDue } from '../core/use-cases/protocols/run-protocol.js';
import { sendNudge } from '../core/use-cases/nudges/send-nudge.js';
import { runScheduledStep, SESSION_STEP } from '../core/use-cases/schedules/run-step.js';
import { MIDWEEK_PROMPT, postMidweekPrompt } from '../core/use-cases/prompts/midweek.js';
import { DIGEST } from '../core/digest/plan-digest.js';
import { sendDigest } from '../core/use-cases/digest/send-digest.js';
import type { OutboxHandler } from './deliver.js';
import { deliverItem, LIVE_KINDS } from '../core/live-delivery.js';
import { ASK_DEADLINE, ASK_FOLLOW_UP, askPayloadSchema, sendFollowUp } from '../core/mentoring/sends.js';
import { askDeadlineReached } from '../core/use-cases/mentoring/asks.js';
import { PAIR_FOLLOW_UP, PAIR_ROUND, roundPayloadSchema, sendPairFollowUp } from '../core/pairing/sends.js';
import { runRound } from '../core/use-cases/pairing/pairs.js';
import {
  ROTATION_CARRIED_ON,
  ROTATION_NOTICE,
  ROTATION_THANKS,
  sendRotationCarriedOn,
  sendRotationNotice,
  sendRotationThanks,
} from '../core/mentoring/rotation-sends.js';
import { ASK_REOFFER, reofferAsk } from '../core/use-cases/mentoring/term-work.js';
import { deliverVisitItem, VISIT_TIMED_KINDS } from '../core/visits/sends.js';

export const SEND_MESSAGE = 'message';

/** A timed message's sender: reads what it says from the store when it is sent. */
type TimedSender = (
  deps: { store: HandlerDeps['store']; chat: ChatPort },
  workspace: string,
  item: OutboxItem,
) => Promise<void>;

// A message planned by a feature (a nudge, a reminder, a digest): where it goes and what it says.
const messagePayload = z.object({
  platform: z.enum(['slack', 'teams', 'console']),
  workspace: z.string().min(1),
  to: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('channel'), channel: z.string().min(1) }),
    z.object({ kind: z.literal('thread'), channel: z.string().min(1), id: z.string().min(1) }),
    z.object({ kind: z.literal('dm'), user: z.string().min(1) }),
  ]),
  message: z.object({ text: z.string().min(1), sections: z.array(z.string()).optional() }),
});

export type MessagePayload = z.infer<typeof messagePayload>;

function parseMessage(item: OutboxItem): MessagePayload {
  const parsed = messagePayload.safeParse(item.payload);
  // A payload that does not parse never will: no point retrying it.
  if (!parsed.success) throw new DeliveryError('the message payload is malformed', { permanent: true });
  return parsed.data;
}

export function sendMessage(chatFor: (platform: Platform, workspace: string) => Promise<ChatPort>): OutboxHandler {
  return async (item) => {
    const { platform, workspace, to, message } = parseMessage(item);
    const chat = await chatFor(platform, workspace);
    const body = { text: message.text, ...(message.sections ? { sections: message.sections } : {}) };
    if (to.kind === 'channel') await chat.post({ workspace, channel: to.channel }, body);
    else if (to.kind === 'thread') await chat.reply({ workspace, channel: to.channel, id: to.id }, body);
    else await chat.dm({ workspace, user: to.user }, body);
  };
}

const sessionPayload = z.object({ sessionId: z.number().int().positive() });
const protocolStepPayload = z.object({
  sessionId: z.number().int().positive(),
  step: z.number().int().min(0),
  endsAt: z.iso.datetime(),
});
const nudgePayload = z.object({
  memberId: z.number().int().positive(),
  goalIds: z.array(z.number().int().positive()).min(1),
});
const stepPayload = z.object({
  communityId: z.number().int().positive(),
  start: z.iso.datetime(),
  kind: z.enum(['reminder', 'open', 'reflection', 'closing', 'summary']),
});
const digestPayload = z.object({ memberId: z.number().int().positive(), weekStart: z.iso.date() });
const reofferPayload = z.object({ askId: z.number().int().positive(), mentorId: z.number().int().positive() });
const eventPayload = z.object({ platform: z.enum(['slack', 'teams', 'console']), eventId: z.string().min(1) });

export interface HandlerDeps extends SystemDeps {
  /** The adapter that can handle a stored event of a platform again, if this process runs one. */
  replayerFor: (platform: Platform) => EventReplayer | undefined;
}

export function outboxHandlers(deps: () => HandlerDeps): Record<string, OutboxHandler> {
  return {
    [SEND_MESSAGE]: sendMessage((platform, workspace) => deps().chatFor(platform, workspace)),
    [CLOSE_LEFT_OPEN]: async (item) => {
      const parsed = sessionPayload.safeParse(item.payload);
      if (!parsed.success) throw new DeliveryError('the session payload is malformed', { permanent: true });
      await closeSessionLeftOpen(deps(), parsed.data.sessionId);
    },
    [PROTOCOL_STEP]: async (item) => {
      const parsed = protocolStepPayload.safeParse(item.payload);
      if (!parsed.success) throw new DeliveryError('the protocol step payload is malformed', { permanent: true });
      await protocolStepDue(deps(), { ...parsed.data, endsAt: new Date(parsed.data.endsAt) });
    },
    [NUDGE]: async (item) => {
      const parsed = nudgePayload.safeParse(item.payload);
      if (!parsed.success) throw new DeliveryError('the nudge payload is malformed', { permanent: true });
      await sendNudge(deps(), parsed.data);
    },
    [SESSION_STEP]: async (item) => {
      const parsed = stepPayload.safeParse(item.payload);
      if (!parsed.success) throw new DeliveryError('the step payload is malformed', { permanent: true });
      await runScheduledStep(deps(), { ...parsed.data, start: new Date(parsed.data.start) });
    },
    [MIDWEEK_PROMPT]: async (item) => {
      const parsed = z.object({ communityId: z.number().int().positive() }).safeParse(item.payload);
      if (!parsed.success) throw new DeliveryError('the prompt payload is malformed', { permanent: true });
      await postMidweekPrompt(deps(), parsed.data.communityId, item.key);
    },
    [DIGEST]: async (item) => {
      const parsed = digestPayload.safeParse(item.payload);
      if (!parsed.success) throw new DeliveryError('the digest payload is malformed', { permanent: true });
      await sendDigest(deps(), parsed.data);
    },
    // Messages a change wrote to send at once, which its process could not send.
    ...Object.fromEntries(
      LIVE_KINDS.map((kind) => [
        kind,
        async (item: OutboxItem) => {
          const workspace = item.workspaceId === null ? null : await deps().store.workspaces.byId(item.workspaceId);
          if (!workspace) throw new DeliveryError('the workspace of this message is gone', { permanent: true });
          const chat = await deps().chatFor(workspace.platform, workspace.externalId);
          await deliverItem({ store: deps().store, chat }, item);
        },
      ]),
    ),
    [ASK_DEADLINE]: async (item) => {
      const parsed = askPayloadSchema.safeParse(item.payload);
      if (!parsed.success) throw new DeliveryError('the ask payload is malformed', { permanent: true });
      const workspace = item.workspaceId === null ? null : await deps().store.workspaces.byId(item.workspaceId);
      if (!workspace) return;
      const chat = await deps().chatFor(workspace.platform, workspace.externalId);
      await askDeadlineReached({ deps: { ...deps(), chat } }, parsed.data.askId);
    },
    [ASK_FOLLOW_UP]: async (item) => {
      const parsed = askPayloadSchema.safeParse(item.payload);
      if (!parsed.success) throw new DeliveryError('the ask payload is malformed', { permanent: true });
      const workspace = item.workspaceId === null ? null : await deps().store.workspaces.byId(item.workspaceId);
      if (!workspace) return;
      const chat = await deps().chatFor(workspace.platform, workspace.externalId);
      await sendFollowUp({ store: deps().store, chat }, workspace.externalId, parsed.data.askId);
    },
    [PAIR_ROUND]: async (item) => {
      const parsed = roundPayloadSchema.safeParse(item.payload);
      if (!parsed.success) throw new DeliveryError('the round payload is malformed', { permanent: true });
      await runRound(deps(), { communityId: parsed.data.communityId, at: new Date(parsed.data.at) });
    },
    [PAIR_FOLLOW_UP]: async (item) => {
      const workspace = item.workspaceId === null ? null : await deps().store.workspaces.byId(item.workspaceId);
      if (!workspace) return;
      const chat = await deps().chatFor(workspace.platform, workspace.externalId);
      await sendPairFollowUp({ store: deps().store, chat }, workspace.externalId, item);
    },
    // Timed messages that read what they say when they are sent: the rotation's, and a visit's reminder
    // and noticing form (each reads its visit afresh, so a cancelled one sends nothing).
    ...Object.fromEntries(
      (
        [
          [ROTATION_NOTICE, sendRotationNotice],
          [ROTATION_THANKS, sendRotationThanks],
          [ROTATION_CARRIED_ON, sendRotationCarriedOn],
          ...VISIT_TIMED_KINDS.map((kind) => [kind, deliverVisitItem] as const),
        ] satisfies (readonly [string, TimedSender])[]
      ).map(([kind, send]) => [
        kind,
        async (item: OutboxItem) => {
          const workspace = item.workspaceId === null ? null : await deps().store.workspaces.byId(item.workspaceId);
          if (!workspace) return;
          const chat = await deps().chatFor(workspace.platform, workspace.externalId);
          await send({ store: deps().store, chat }, workspace.externalId, item);
        },
      ]),
    ),
    [ASK_REOFFER]: async (item) => {
      const parsed = reofferPayload.safeParse(item.payload);
      if (!parsed.success) throw new DeliveryError('the ask payload is malformed', { permanent: true });
      await reofferAsk(deps(), parsed.data);
    },
    [REPLAY_EVENT]: async (item) => {
      const parsed = eventPayload.safeParse(item.payload);
      if (!parsed.success) throw new DeliveryError('the event payload is malformed', { permanent: true });
      await replayEvent(deps(), parsed.data.platform, parsed.data.eventId);
    },
  };
}
