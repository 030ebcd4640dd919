import type { Id, CreatedAt, Defaulted } from './columns.js';

// What comes in from the platforms and what goes out to them, and the scheduler's claims.

export interface OutboxTable {
  id: Id;
  workspace_id: number | null;
  member_id: number | null;
  kind: string;
  key: string;
  due_at: Date;
  payload: unknown;
  claimed_until: Date | null;
  claimed_by: string | null;
  attempts: Defaulted<number>;
  last_error: string | null;
  sent_at: Date | null;
  failed_at: Date | null;
  dry_run: Defaulted<boolean>;
  created_at: CreatedAt;
}

export interface SchedulerRunsTable {
  key: string;
  claimed_by: string;
  claimed_at: Date;
}

export interface EventReceiptsTable {
  platform: string;
  event_id: string;
  workspace_id: number | null;
  member_id: number | null;
  received_at: Date;
  payload: unknown;
  handled_at: Date | null;
  failed_at: Date | null;
}

export interface ConversationRefsTable {
  workspace_id: number;
  kind: 'channel' | 'personal';
  key: string;
  reference: unknown;
  updated_at: Defaulted<Date>;
}

/** A button or form nonce a person used: the same press sent again acts once. */
export interface PressesTable {
  member_id: number;
  nonce: string;
  event_id: string | null;
  used_at: Date;
}

export interface ExportLinksTable {
  id: Id;
  member_id: number;
  /** The files of one export: `[{ name, mimeType, content }]`. */
  files: unknown;
  created_at: Date;
  expires_at: Date;
}

/** A token bucket shared by every replica (migration 0009), written by raw SQL in pace-budgets.ts. */
export interface PaceBudgetsTable {
  key: string;
  /** May go below zero: a queue of reservations. */
  tokens: number;
  burst: number;
  per_ms: number;
  at: Date;
}
