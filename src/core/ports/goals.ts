import type { Goal, GoalDraft, GoalStatus } from '../goals/goal.js';

export interface GoalRepo {
  countActive(memberId: number): Promise<number>;
  /** Active goals by their numbers. */
  listActive(memberId: number): Promise<Goal[]>;
  /** The member's goal with this number, whatever its status; null when they never had one. */
  findNumbered(memberId: number, number: number): Promise<Goal | null>;
  /** Goals that ended, newest first. */
  listEnded(memberId: number, limit: number): Promise<Goal[]>;
  create(input: {
    workspaceId: number;
    memberId: number;
    communityId: number | null;
    draft: GoalDraft;
    target: number | null;
    unit: string | null;
    reworksGoalId: number | null;
    at: Date;
  }): Promise<Goal>;
  /**
   * Creates the goal only while the member has fewer than `cap` active goals; null when they have
   * `cap` already. Decided under a lock on the member, so saves at once cannot pass the cap; call it
   * inside a transaction.
   */
  createWithinCap(input: Parameters<GoalRepo['create']>[0], cap: number): Promise<Goal | null>;
  addUpdate(input: { goalId: number; value: number; note: string | null; at: Date }): Promise<void>;
  /**
   * Makes active again a goal of this member that they marked achieved or set aside at or after
   * `since`: the one named, or the one they ended last. Decided under a lock on the member, as a new
   * goal is, so it cannot pass the cap ('too-many'); null when there is no such goal.
   */
  reopen(input: { memberId: number; goalId?: number; since: Date; cap: number }): Promise<Goal | 'too-many' | null>;
  /** Ends an active goal of this member; false when it was not active any more. */
  end(input: { goalId: number; memberId: number; status: Exclude<GoalStatus, 'active'>; at: Date }): Promise<boolean>;
  snooze(input: { goalIds: number[]; memberId: number; until: Date }): Promise<void>;
  /** A nudge went out about these goals: one more unanswered each. */
  markNudged(input: { goalIds: number[]; at: Date }): Promise<void>;
  /** The teacher answered: their goals start counting unanswered nudges afresh. */
  markAnswered(memberId: number): Promise<void>;
}
