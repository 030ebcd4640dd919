import { z } from 'zod';
import type { ChatPort } from './chat-port.js';
import { DeliveryError, nextAttempt, payloadOf, type OutboxItem } from './outbox.js';
import type { Logger } from './ports/logger.js';
import type { Store } from './ports/store.js';
import {
  CHANNEL_NOTICE,
  FACILITATOR_WELCOME,
  noticePayloadSchema,
  sendNotice,
  sendWelcome,
  welcomePayloadSchema,
} from './notices.js';
import { PROMPT_POST, sendPromptPost } from './prompt-posts.js';
import { SESSION_POST, sendSessionPost, type SessionPost } from './session-posts.js';
import { deliverMentoringItem, MENTORING_LIVE_KINDS } from './mentoring/sends.js';
import { deliverVisitItem, VISIT_LIVE_KINDS } from './visits/sends.js';
import { deliverPairIntroduction, PAIR_INTRODUCTION, PAIRING_LIVE_KINDS } from './pairing/sends.js';

// Messages a change implies are outbox items, written with the change. The process that made the
// change sends them at once, in the order they were written, under a lease of its own; whatever it
// cannot send (a platform down, a rate limit, the process stopping) the delivery loop of any replica
// sends later. Either way the same function sends an item.

/** The kinds of item a change writes for sending at once. */
export const LIVE_KINDS = [
  SESSION_POST,
  PROMPT_POST,
  CHANNEL_NOTICE,
  FACILITATOR_WELCOME,
  ...MENTORING_LIVE_KINDS,
  ...PAIRING_LIVE_KINDS,
  ...VISIT_LIVE_KINDS,
] as const;

const sessionPostPayload = z.discriminatedUnion('part', [
  z.object({
    sessionId: z.number().int().positive(),
    part: z.enum(['root', 'opening', 'no-prompt', 'closing', 'left-open']),
  }),
  z.object({
    sessionId: z.number().int().positive(),
    part: z.literal('summary'),
    from: z.number().int().positive().optional(),
  }),
  z.object({
    sessionId: z.number().int().positive(),
    part: z.literal('redraw'),
    phase: z.enum(['opening', 'reflection', 'closing', 'closed']),
  }),
  z.object({ sessionId: z.number().int().positive(), part: z.literal('prompt'), postId: z.number().int().positive() }),
  z.object({
    sessionId: z.number().int().positive(),
    part: z.literal('answer'),
    text: z.string().min(1),
    tag: z.string().min(1),
  }),
  z.object({
    sessionId: z.number().int().positive(),
    part: z.enum(['protocol-step', 'protocol-redraw']),
    step: z.number().int().min(0),
  }),
  z.object({
    sessionId: z.number().int().positive(),
    part: z.enum(['protocol-summary', 'protocol-presenter']),
    from: z.number().int().positive().optional(),
  }),
]);
const promptPostPayload = z.object({ postId: z.number().int().positive() });

/** Sends one item of a live kind through `chat`, which must be the item's workspace's. */
export async function deliverItem(deps: { store: Store; chat: ChatPort }, item: OutboxItem): Promise<void> {
  if (item.kind === SESSION_POST) {
    const post = payloadOf<SessionPost>(sessionPostPayload, item);
    const place = await deps.store.sessions.withPlace(post.sessionId);
    if (!place) return;
    await sendSessionPost(
      deps,
      { workspace: place.workspace.externalId, session: place.session, community: place.community },
      post,
      item.dueAt,
    );
    return;
  }
  const workspace = item.workspaceId === null ? null : await deps.store.workspaces.byId(item.workspaceId);
  if (item.kind === PROMPT_POST) {
    const { postId } = payloadOf(promptPostPayload, item);
    if (workspace) await sendPromptPost(deps, workspace.externalId, postId);
    return;
  }
  if (item.kind === CHANNEL_NOTICE) {
    const payload = payloadOf(noticePayloadSchema, item);
    if (workspace) await sendNotice(deps, workspace.externalId, payload);
    return;
  }
  if (item.kind === FACILITATOR_WELCOME) {
    const payload = payloadOf(welcomePayloadSchema, item);
    if (workspace) await sendWelcome(deps, workspace.externalId, payload);
    return;
  }
  if (item.kind === PAIR_INTRODUCTION) {
    if (workspace) await deliverPairIntroduction(deps, workspace.externalId, item);
    return;
  }
  if ((MENTORING_LIVE_KINDS as readonly string[]).includes(item.kind)) {
    if (workspace) await deliverMentoringItem(deps, workspace.externalId, item);
    return;
  }
  if ((VISIT_LIVE_KINDS as readonly string[]).includes(item.kind)) {
    if (workspace) await deliverVisitItem(deps, workspace.externalId, item);
    return;
  }
  throw new DeliveryError(`no live sender for ${item.kind}`, { permanent: true });
}

const describe = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);

/**
 * Sends the items with these keys now, in order, through `outboxChat` (paced) where there is one.
 * Each item's lease is taken afresh just before its send: one whose lease ran out (a slow platform,
 * a long wait for the budget) is left to whoever holds it now. Never throws: the change they belong
 * to is stored, and at the first failure this one and the rest are handed to the delivery loop.
 */
export async function sendNow(
  deps: { store: Store; chat: ChatPort; outboxChat?: ChatPort; now: Date; clock?: () => Date; log: Logger },
  keys: readonly string[],
): Promise<void> {
  if (keys.length === 0) return;
  const { store, now, log } = deps;
  const chat = deps.outboxChat ?? deps.chat;
  const items = await store.outbox.claimNow(keys, now).catch((error: unknown) => {
    log.warn({ err: error }, 'messages could not be claimed to send at once; the delivery loop sends them');
    return [] as OutboxItem[];
  });
  for (const [index, item] of items.entries()) {
    try {
      if (!(await store.outbox.renew(item.id, deps.clock?.() ?? now))) {
        log.info(
          { kind: item.kind, key: item.key },
          'lease ran out before this message was reached; left to the delivery loop',
        );
        continue;
      }
      await deliverItem({ store, chat }, item);
      await store.outbox.markSent(item.id, now);
    } catch (error) {
      // Put off (waiting for its thread, or for room in a rate budget) is not a failed attempt.
      const deferred = error instanceof DeliveryError && error.failure.deferred === true;
      const next = deferred ? null : nextAttempt({ attempts: item.attempts + 1, error, now, random: Math.random() });
      const retryAt =
        error instanceof DeliveryError && error.failure.retryAfterMs !== undefined
          ? new Date(now.getTime() + error.failure.retryAfterMs)
          : next?.kind === 'retry'
            ? next.at
            : now;
      if (deferred) log.info({ kind: item.kind, key: item.key }, 'a message was put off; the delivery loop sends it');
      else
        log.warn(
          { err: error, kind: item.kind, key: item.key },
          'a message could not be sent at once; the delivery loop tries again',
        );
      await store.outbox.handBack(item.id, retryAt, deferred ? undefined : describe(error)).catch(() => {});
      // The rest keep their order behind it: the loop sends them, the next one first.
      for (const rest of items.slice(index + 1)) await store.outbox.handBack(rest.id, retryAt).catch(() => {});
      return;
    }
  }
}
