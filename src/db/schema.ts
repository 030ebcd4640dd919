import type { ColumnType, Generated } from 'kysely';

// Row types of the tables created in migrations/. int8 and numeric columns arrive as numbers and
// dates as 'YYYY-MM-DD' strings on both drivers (see type-parsers.ts).

type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

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

type Source = 'command' | 'thread' | 'form';

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

export interface GoalsTable {
  id: Id;
  workspace_id: number;
  member_id: number;
  /** The owner's number for it, for life: 1, 2, 3... per person, never reused (set by a trigger). */
  number: Defaulted<number>;
  community_id: number | null;
  /** Null once retention removed the goal's words; its counts stay. */
  specific: string | null;
  measure: string | null;
  target: number | null;
  unit: string | null;
  first_step: string | null;
  relevance: string | null;
  due_on: string;
  cadence: Defaulted<'weekly' | 'biweekly' | 'monthly'>;
  status: Defaulted<'active' | 'achieved' | 'reworked' | 'dropped'>;
  reworks_goal_id: number | null;
  celebrate: Defaulted<boolean>;
  unanswered_nudges: Defaulted<number>;
  snoozed_until: Date | null;
  last_nudged_at: Date | null;
  created_at: Date;
  ended_at: Date | null;
}

export interface GoalUpdatesTable {
  id: Id;
  goal_id: number;
  value: number;
  note: string | null;
  created_at: Date;
}

export interface CalendarTable {
  id: Id;
  workspace_id: number;
  starts_on: string;
  ends_on: string;
  label: string;
  /** Given by a trigger from workspaces.calendar_numbers; kept for life (migration 0021). */
  number: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
}

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

export interface ExportLinksTable {
  id: Id;
  member_id: number;
  /** The files of one export: `[{ name, mimeType, content }]`. */
  files: unknown;
  created_at: Date;
  expires_at: Date;
}

/** A button or form nonce a person used: the same press sent again acts once. */
export interface PressesTable {
  member_id: number;
  nonce: string;
  event_id: string | null;
  used_at: Date;
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

/** A mentor (migration 0023): one row per person per workspace; `community_id` null names them for the whole workspace. */
export interface MentorsTable {
  id: Id;
  workspace_id: number;
  member_id: number;
  community_id: number | null;
  /** A JSON array of the topic tags, in the order given. */
  topics: ColumnType<string[], string, string>;
  per_week: Defaulted<number>;
  away_until: Date | null;
  named_by: number | null;
  created_at: Date;
  updated_at: Date;
}

/** A teacher's request for one-on-one help; its words are null once retention removed them. */
export interface AsksTable {
  id: Id;
  workspace_id: number;
  asker_id: number;
  community_id: number | null;
  text: string | null;
  when_suits: string | null;
  urgency: 'today' | 'this-week' | 'no-rush' | null;
  status: Defaulted<'open' | 'taken' | 'unanswered'>;
  helper_id: number | null;
  passes: Defaulted<number>;
  created_at: Date;
  answer_by: Date;
  taken_at: Date | null;
  follow_up: string | null;
  follow_up_at: Date | null;
}

/** An ask offered to one mentor; at most one per ask waits (`answer` null) at a time. */
export interface AskOffersTable {
  id: Id;
  ask_id: number;
  mentor_id: number;
  offered_at: Date;
  answer: 'help' | 'pass' | 'withdrawn' | null;
  answered_at: Date | null;
}

/** A pairing round (migration 0024): once per circle and time. */
export interface PairRoundsTable {
  id: Id;
  community_id: number;
  at: Date;
  /** How many earlier rounds no pair of this one repeats. */
  window: number;
  created_at: CreatedAt;
}

/** One person of a round's group; `met` null until they answer the follow-up. */
export interface PairMembersTable {
  round_id: number;
  /** The group's number in the round, from 1. */
  group_no: number;
  member_id: number;
  met: boolean | null;
  answered_at: Date | null;
}

/** A mentor's or facilitator's suggestion to leaders, for the digest of its week. */
export interface SuggestionsTable {
  id: Id;
  workspace_id: number;
  member_id: number;
  text: string;
  named: Defaulted<boolean>;
  created_at: Date;
}

/** A workspace's mentor term (migration 0026): when it ends, and the planner's next step. */
export interface RotationsTable {
  workspace_id: number;
  /** Set by an admin (`rotation <date>`); null: the end of the school year. */
  ends_on: string | null;
  started_at: Date | null;
  notice_for: string | null;
  next_at: Date | null;
  version: Defaulted<number>;
}

/** Someone an admin named to mentor from the next term on (`rotation next`). */
export interface NextMentorsTable {
  workspace_id: number;
  member_id: number;
  topics: ColumnType<string[], string, string>;
  named_by: number | null;
  created_at: Date;
}

/** A classroom visit (migration 0028); its people are null once forgotten. */
export interface VisitsTable {
  id: Id;
  workspace_id: number;
  kind: 'visit' | 'invite' | 'model';
  requester_id: number | null;
  peer_id: number | null;
  at: Date;
  zone: string;
  focus: string | null;
  status: Defaulted<'requested' | 'accepted' | 'declined' | 'cancelled' | 'noted'>;
  notes: string[] | null;
  notes_at: Date | null;
  reflection: string | null;
  reflection_at: Date | null;
  created_at: Date;
  answered_at: Date | null;
  cancelled_by: number | null;
  cancelled_at: Date | null;
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

export interface Database {
  workspaces: WorkspacesTable;
  members: MembersTable;
  communities: CommunitiesTable;
  community_members: CommunityMembersTable;
  sessions: SessionsTable;
  checkins: CheckinsTable;
  prompts: PromptsTable;
  prompt_retirements: PromptRetirementsTable;
  prompt_numbers: PromptNumbersTable;
  prompt_posts: PromptPostsTable;
  reflections: ReflectionsTable;
  goals: GoalsTable;
  goal_updates: GoalUpdatesTable;
  calendar: CalendarTable;
  outbox: OutboxTable;
  event_receipts: EventReceiptsTable;
  conversation_refs: ConversationRefsTable;
  digests_sent: DigestsSentTable;
  digest_weeks: DigestWeeksTable;
  audit: AuditTable;
  export_links: ExportLinksTable;
  scheduler_runs: SchedulerRunsTable;
  key_checks: KeyChecksTable;
  presses: PressesTable;
  channel_members: ChannelMembersTable;
  mentors: MentorsTable;
  asks: AsksTable;
  ask_offers: AskOffersTable;
  pair_rounds: PairRoundsTable;
  pair_members: PairMembersTable;
  suggestions: SuggestionsTable;
  protocol_runs: ProtocolRunsTable;
  protocol_entries: ProtocolEntriesTable;
  rotations: RotationsTable;
  next_mentors: NextMentorsTable;
  visits: VisitsTable;
}
