import type { Id } from './columns.js';

// The weekly digest: weeks as counted, and who was sent which.

export interface DigestsSentTable {
  id: Id;
  workspace_id: number;
  admin_member_id: number | null;
  week_start: string;
  figures: unknown;
  sent_at: Date;
}

/** A digest week as first counted and shown: figures only, never texts. */
export interface DigestWeeksTable {
  workspace_id: number;
  week_start: string;
  window_from: Date;
  window_to: Date;
  figures: unknown;
  counted_at: Date;
}
