import type { ZodType } from 'zod';

// Timed work (nudges, scheduled steps, mid-week prompts, digests) is written to the outbox with an
// idempotency key and delivered by any replica. What to do when a delivery fails is decided here;
// the outbox's storage is reached through the ports in src/core/ports/outbox.ts.

export interface NewOutboxItem {
  workspaceId: number | null;
  memberId?: number | null;
  /** What kind of work this is; the delivery loop has one handler per kind. */
  kind: string;
  /** Unique across all time: a second write of the same work is impossible. */
  key: string;
  dueAt: Date;
  payload: unknown;
}

export interface OutboxItem extends NewOutboxItem {
  id: number;
  /** Failed attempts so far. */
  attempts: number;
}

/** How a delivery failed, as the platform adapter understood it. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    /**
     * `deferred`: the item waits for something else to happen first (another message to be posted, a
     * rate budget to refill); trying again then is not a failed attempt.
     */
    readonly failure: { retryAfterMs?: number; permanent?: boolean; deferred?: boolean } = {},
  ) {
    super(message);
  }
}

/** An item's payload as its sender reads it; one that does not parse never will, so it is not retried. */
export function payloadOf<T>(schema: ZodType<T>, item: OutboxItem): T {
  const result = schema.safeParse(item.payload);
  if (!result.success) throw new DeliveryError(`the ${item.kind} payload is malformed`, { permanent: true });
  return result.data;
}

export const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 30 * 60_000;

export type NextAttempt = { kind: 'retry'; at: Date } | { kind: 'give-up'; reason: string };

/**
 * After a failed attempt (`attempts` counts it): a rate limit waits exactly its Retry-After; a
 * permanent refusal (no such channel, uninstalled) gives up at once; anything else backs off
 * exponentially with jitter, so replicas retrying together spread out, until MAX_ATTEMPTS.
 */
export function nextAttempt(input: { attempts: number; error: unknown; now: Date; random: number }): NextAttempt {
  const failure = input.error instanceof DeliveryError ? input.error.failure : {};
  if (failure.permanent) return { kind: 'give-up', reason: 'refused for good' };
  if (input.attempts >= MAX_ATTEMPTS) return { kind: 'give-up', reason: `failed ${input.attempts} times` };
  if (failure.retryAfterMs !== undefined)
    return { kind: 'retry', at: new Date(input.now.getTime() + failure.retryAfterMs) };
  const ceiling = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (input.attempts - 1));
  // "Equal jitter": at least half the ceiling, so a retry is never immediate.
  const delay = ceiling / 2 + (ceiling / 2) * input.random;
  return { kind: 'retry', at: new Date(input.now.getTime() + Math.round(delay)) };
}
