import type { Mentor } from '../mentoring/mentor.js';

// What mentoring needs from storage, in the core's terms. Races are settled by the database: each
// compare-and-set says what it returns when it loses.

/** How busy a mentor is, for the matcher. */
export interface MentorLoad {
  /** Offers waiting for their answer now. */
  waiting: number;
  /** Asks they took since the time given (a week back). */
  takenSince: number;
  /** Asks they took ever: the matcher shares asks out among equally fitting mentors. */
  takenEver: number;
}

export interface MentorRepo {
  /**
   * Names someone a mentor, or changes their topics and scope when they are one already; returns the
   * row as it was before (null when new), so nothing is replaced silently. An admin's naming
   * (`communityId` null) makes them a workspace mentor; a facilitator's never narrows an admin's.
   */
  upsert(input: {
    workspaceId: number;
    memberId: number;
    communityId: number | null;
    topics: string[];
    namedBy: number | null;
    at: Date;
  }): Promise<{ mentor: Mentor; before: Mentor | null }>;
  /** Stops someone mentoring; returns what they were, or null when they were not a mentor. */
  remove(workspaceId: number, memberId: number): Promise<Mentor | null>;
  find(workspaceId: number, memberId: number): Promise<Mentor | null>;
  /** Every mentor of the workspace, with their names today, by name. */
  list(workspaceId: number): Promise<(Mentor & { name: string })[]>;
  setAwayUntil(workspaceId: number, memberId: number, until: Date | null): Promise<boolean>;
  setPerWeek(workspaceId: number, memberId: number, perWeek: number): Promise<boolean>;
  /** Each mentor's load (by member id); mentors with none are missing from the map. */
  loads(workspaceId: number, since: Date): Promise<Map<number, MentorLoad>>;
}
