import type { Id, CreatedAt, Defaulted } from './columns.js';

// Communities, their sessions and prompts, and what people answered in them.

type Source = 'command' | 'thread' | 'form';

export interface CommunitiesTable {
  id: Id;
  workspace_id: number;
  channel_id: string;
  name: string;
  time_zone: string;
  created_by: number | null;
  schedule_cadence: 'weekly' | 'biweekly' | 'monthly' | null;
  schedule_day: number | null;
  schedule_minute: number | null;
  schedule_length_minutes: Defaulted<number>;
  schedule_anchor: string | null;
  next_step_at: Date | null;
  reminder: Defaulted<'day-before' | 'off'>;
  midweek_prompt_day: number | null;
  midweek_prompt_minute: number | null;
  next_midweek_prompt_at: Date | null;
  /** Pairing rounds (migration 0024): all three set, or none (off). */
  pairs_cadence: 'weekly' | 'biweekly' | 'monthly' | null;
  pairs_mode: 'peers' | 'mentors' | null;
  /** A date, read back as YYYY-MM-DD text. */
  pairs_anchor: string | null;
  next_pairs_at: Date | null;
  created_at: CreatedAt;
}

export interface CommunityMembersTable {
  community_id: number;
  member_id: number;
  is_facilitator: Defaulted<boolean>;
  joined_at: CreatedAt;
  /** `pairs skip`: left out of pairing rounds until then. */
  pairs_skip_until: Date | null;
}

export interface SessionsTable {
  id: Id;
  community_id: number;
  phase: 'opening' | 'reflection' | 'closing' | 'closed';
  topic: string | null;
  channel_id: string;
  root_message_id: string | null;
  opened_by: number | null;
  opened_at: Date;
  closed_at: Date | null;
  scheduled_for: Date | null;
}

export interface CheckinsTable {
  id: Id;
  session_id: number;
  member_id: number;
  phase: 'opening' | 'closing';
  text: string | null;
  shared_with_leaders: Defaulted<boolean>;
  source: Source;
  message_id: string | null;
  /** The person's first check-in in this session and phase: the one the digest counts. */
  first_in_phase: Defaulted<boolean>;
  created_at: Date;
  updated_at: Date;
}

export interface PromptsTable {
  id: Id;
  community_id: number;
  theme: string;
  text: string;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface PromptRetirementsTable {
  id: Id;
  community_id: number;
  prompt_key: string;
  retired_at: CreatedAt;
  /** Who retired it; null for retirements made before this was kept, and after forget-me. */
  retired_by: number | null;
}

/** Each prompt's number in a community, fixed for life (migration 0019). */
export interface PromptNumbersTable {
  community_id: number;
  prompt_key: string;
  number: number;
}

export interface PromptPostsTable {
  id: Id;
  community_id: number;
  session_id: number | null;
  kind: 'session' | 'midweek';
  prompt_key: string;
  prompt_text: string;
  channel_id: string;
  message_id: string | null;
  posted_at: Date;
}

export interface ReflectionsTable {
  id: Id;
  prompt_post_id: number;
  member_id: number;
  text: string | null;
  source: Source;
  message_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A protocol session's run: the step under way and when it ends by itself. */
export interface ProtocolRunsTable {
  session_id: number;
  protocol: 'tuning' | 'consultancy';
  presenter_id: number | null;
  step: Defaulted<number>;
  /** The steps' minutes, comma-separated. */
  minutes: string;
  step_started_at: Date;
  step_ends_at: Date | null;
  reminded: Defaulted<boolean>;
}

/** A reply in a protocol's thread, kept for the presenter's summary. */
export interface ProtocolEntriesTable {
  id: Id;
  session_id: number;
  member_id: number;
  step: number;
  kind: 'question' | 'probing' | 'warm' | 'cool' | 'unsure' | 'note' | 'reply';
  text: string;
  message_id: string | null;
  created_at: Date;
}
