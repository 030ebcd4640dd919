import type { MemberData } from '../export/member-data.js';

export interface RetentionResult {
  checkins: number;
  reflections: number;
  goals: number;
  goalUpdates: number;
  /** Asks whose words (what, when it suits, the follow-up) were removed. */
  asks: number;
  /** Classroom visits whose focus, notes and reflection were removed. */
  visits: number;
}

export interface DataRightsRepo {
  /** Everything kept of the member, for `export`. */
  memberData(memberId: number): Promise<MemberData>;
  /**
   * Removes the words of check-ins, reflections, goals, progress notes and asks older than each
   * workspace's retention period; the rows stay, so every count stays. Returns what was cleared.
   */
  applyRetention(now: Date): Promise<RetentionResult>;
  /** Deletes, whole, the workspaces uninstalled for longer than the grace period; returns how many. */
  purgeUninstalled(now: Date): Promise<number>;
  /**
   * Drops the words stored with platform events settled, or received, before `before` (their ids stay
   * for retries), and those of answers repeated in a session thread, once posted.
   */
  pruneEventPayloads(before: Date): Promise<number>;
  /** Deletes event receipts received, and outbox items sent or given up on, before `before`; returns how many of each. */
  deleteOldDeliveries(before: Date): Promise<{ receipts: number; outbox: number }>;
  /** Deletes exports kept for a link (Teams) once their link has expired; returns how many. */
  deleteExpiredExports(now: Date): Promise<number>;
  /** Who did what to which data, never with content. */
  audit(input: {
    workspaceId: number;
    actorMemberId: number | null;
    action: string;
    subject?: string;
    at: Date;
  }): Promise<void>;
}
