import type { Platform } from '../model.js';

export interface ReceiptRepo {
  /**
   * True the first time a platform event id is seen; false for a retry. `payload` keeps what is
   * needed to handle the event again if this process stops before it is handled.
   */
  claim(platform: Platform, eventId: string, at: Date, payload?: unknown): Promise<boolean>;
  /**
   * Settles an event, once: handled, or failed (the person was asked to try again). False when it was
   * settled already (another process handled it first).
   */
  settle(platform: Platform, eventId: string, outcome: 'handled' | 'failed', at: Date): Promise<boolean>;
  /** Events stored but never settled (their process stopped, or could not reach the database), received in the window given. */
  unhandled(input: {
    receivedAfter: Date;
    receivedBefore: Date;
    limit: number;
  }): Promise<{ platform: Platform; eventId: string }[]>;
  /** A stored event and whether it was handled since. */
  find(platform: Platform, eventId: string): Promise<{ payload: unknown; settled: boolean } | null>;
}
