import type { RotationState, TermAsk } from '../mentoring/rotation.js';
import type { Workspace } from '../model.js';

// What mentoring needs from storage, in the core's terms. Races are settled by the database: each
// compare-and-set says what it returns when it loses.

/** Someone named to mentor from the next term on. */
export interface NextMentor {
  memberId: number;
  topics: string[];
  namedBy: number | null;
}

export interface RotationRepo {
  /** The workspace's term as stored; a fresh one (default end, nothing sent) when none is. */
  state(workspaceId: number): Promise<RotationState>;
  /**
   * A person's change: the end date an admin set (null: back to the default). Clears the planned step
   * and bumps the version, so the next tick plans afresh and a planner that read the row before writes nothing.
   */
  setEndsOn(workspaceId: number, endsOn: string | null): Promise<void>;
  /** The calendar or the workspace's zone changed: the next tick plans the term afresh. */
  replan(workspaceId: number): Promise<void>;
  /** Workspaces whose term needs the planner: a step has come, or none is planned while they have mentors. */
  due(now: Date, limit: number): Promise<{ workspace: Workspace; state: RotationState }[]>;
  /**
   * The planner's write, only if the row is still at `version`: the next step, and what this one
   * changed (the notice sent for a date; a new term begun, the admin's date used up). False when it lost.
   */
  advance(
    workspaceId: number,
    version: number,
    change: { nextAt: Date | null; noticeFor?: string; startedAt?: Date; endsOn?: null },
  ): Promise<boolean>;
  /** Names someone for the next term, or changes their topics; returns the topics they had, or null when new. */
  nameNext(input: {
    workspaceId: number;
    memberId: number;
    topics: string[];
    namedBy: number;
    at: Date;
  }): Promise<{ before: string[] | null }>;
  /** False when they were not named. */
  dropNext(workspaceId: number, memberId: number): Promise<boolean>;
  /** Everyone named for the next term, by name. */
  nextMentors(workspaceId: number): Promise<(NextMentor & { name: string })[]>;
  clearNext(workspaceId: number): Promise<void>;
  /** Asks of the workspace made or taken in [from, to). */
  termAsks(workspaceId: number, from: Date, to: Date): Promise<TermAsk[]>;
}
