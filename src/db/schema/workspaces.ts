import type { Id, CreatedAt, Defaulted } from './columns.js';

// Workspaces and their members, what the platform told of them, and the workspace-wide records.

export interface WorkspacesTable {
  id: Id;
  platform: 'slack' | 'teams' | 'console';
  external_id: string;
  name: string | null;
  time_zone: string | null;
  retention_months: Defaulted<number>;
  digest_day: Defaulted<number>;
  digest_minute: Defaulted<number>;
  /** The smallest group a digest figure may describe, 3..10. */
  privacy_threshold: Defaulted<number>;
  /** The last number given to a calendar entry here (migration 0021): numbers are never reused. */
  calendar_numbers: Defaulted<number>;
  install_data: string | null;
  installed_at: Defaulted<Date>;
  uninstalled_at: Date | null;
  purge_after: Date | null;
  created_at: CreatedAt;
}

export interface MembersTable {
  id: Id;
  workspace_id: number;
  external_id: string;
  display_name: Defaulted<string>;
  time_zone: string | null;
  /** The member set `time_zone` themselves (`my timezone`): their platform's zone no longer moves it. */
  time_zone_chosen: Defaulted<boolean>;
  is_admin: Defaulted<boolean>;
  is_platform_admin: Defaulted<boolean>;
  /** The admin role given in the app; `is_admin` is this or `is_platform_admin`. */
  admin_granted: Defaulted<boolean>;
  profile_refreshed_at: Date | null;
  nudges_enabled: Defaulted<boolean>;
  nudge_day: Defaulted<number>;
  nudge_minute: Defaulted<number>;
  next_nudge_at: Date | null;
  next_digest_at: Date | null;
  /** Away (holiday or sick status) until then; 'infinity' until they clear it; null not away. Read through memberRepo.awayStatus. */
  away_until: Date | null;
  /** When the platform says the profile last changed, on its clock (Slack's `updated`, migration 0022): an older change is not kept over it. */
  profile_changed_at: Date | null;
  /** Teams refused a personal chat with them (they blocked the bot): not tried again until they write to it. */
  personal_chat_refused_at: Date | null;
  created_at: CreatedAt;
}

/** Whether the platform says a person (by platform id) is in a channel, and when that was learnt. */
export interface ChannelMembersTable {
  workspace_id: number;
  channel_id: string;
  user_id: string;
  present: boolean;
  checked_at: Date;
}

export interface AuditTable {
  id: Id;
  workspace_id: number | null;
  actor_member_id: number | null;
  action: string;
  subject: string | null;
  at: Date;
}

/** A value sealed with ENCRYPTION_KEY, so a different key is noticed at start-up. */
export interface KeyChecksTable {
  purpose: string;
  sealed: string;
  created_at: Date;
}
