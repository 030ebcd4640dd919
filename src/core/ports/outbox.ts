import type { NewOutboxItem, OutboxItem } from '../outbox.js';

/**
 * The outbox as the core writes to it: messages are written in the transaction of the change they
 * belong to, then sent at once by the process that made the change, or later by the delivery loop.
 */
export interface OutboxPort {
  /** Writes new items; one whose key is already there is skipped. Returns how many were new. */
  enqueue(items: readonly NewOutboxItem[]): Promise<number>;
  /**
   * Leases the items with these keys to this process, to send now, in the order they were written;
   * items already sent, failed, or leased by another process are left out.
   */
  claimNow(keys: readonly string[], now: Date): Promise<OutboxItem[]>;
  /**
   * Takes the lease on a claimed item afresh, just before its send; false when it ran out and may be
   * another process's now, so the send must not be made.
   */
  renew(id: number, now: Date): Promise<boolean>;
  /** Records a send; false when this process no longer held the item. */
  markSent(id: number, at: Date): Promise<boolean>;
  /** Hands an item back to the delivery loop, due at `at` (a failed send, or one not tried). */
  handBack(id: number, at: Date, error?: string): Promise<void>;
  /** Where the item with this key stands; null when there is none. */
  state(key: string): Promise<'waiting' | 'sent' | 'failed' | null>;
}

/**
 * The outbox as the delivery loop works it, on every replica: due items are claimed under a lease
 * that only the worker holding it can renew or settle, so an item is sent by one worker at a time.
 */
export interface OutboxDeliveryPort {
  /**
   * Leases up to `limit` items due at `now` to `worker`, earliest due first; items leased by another
   * worker are skipped, and an item whose lease ran out (its worker died) can be claimed again.
   */
  claim(input: { now: Date; limit: number; leaseMs: number; worker: string }): Promise<OutboxItem[]>;
  /** Extends the worker's lease to `now + leaseMs`; false when it no longer holds the item and must not send it. */
  renew(input: { id: number; worker: string; now: Date; leaseMs: number }): Promise<boolean>;
  /** Records a send (or, with `dryRun`, a send only logged); false when the worker's lease was lost. */
  markSent(id: number, worker: string, at: Date, dryRun?: boolean): Promise<boolean>;
  /** Puts the item off until `dueAt`, counting a failed attempt unless `countAttempt` is false. */
  retryLater(id: number, worker: string, dueAt: Date, error: string, countAttempt?: boolean): Promise<void>;
  /** Hands claimed items back untouched, so another replica can take them at once (on stopping). */
  release(ids: readonly number[], worker: string): Promise<void>;
  /** Gives up on the item; it keeps its error for the operator. */
  markFailed(id: number, worker: string, at: Date, error: string): Promise<void>;
  /** What waits to be sent now: how many items, how long the oldest has been due, and how many failed. */
  depth(now: Date): Promise<{ due: number; oldestDueSeconds: number; failed: number }>;
}
