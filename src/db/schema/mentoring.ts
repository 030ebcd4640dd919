import type { ColumnType } from 'kysely';
import type { Id, CreatedAt, Defaulted } from './columns.js';

// Mentors and their asks, pairing rounds, suggestions to leaders, mentor terms and classroom visits.

/** A mentor (migration 0023): one row per person per workspace; `community_id` null names them for the whole workspace. */
export interface MentorsTable {
  id: Id;
  workspace_id: number;
  member_id: number;
  community_id: number | null;
  /** A JSON array of the topic tags, in the order given. */
  topics: ColumnType<string[], string | undefined, string>;
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
  topics: ColumnType<string[], string | undefined, string>;
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
