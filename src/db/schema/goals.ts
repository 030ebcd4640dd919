import type { Generated } from 'kysely';
import type { Id, CreatedAt, Defaulted } from './columns.js';

// Goals, their updates, and the workspace calendar their dates are planned around.

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
