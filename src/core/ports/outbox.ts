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
