import type { Ask, AskOffer, Urgency } from './ask.js';
import type { Workspace } from '../model.js';
import type { Mentor } from './mentor.js';
import type { RotationState, TermAsk } from './rotation.js';

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
  upsert(input: { workspaceId: number; memberId: number; communityId: number | null; topics: string[]; namedBy: number | null; at: Date }): Promise<{ mentor: Mentor; before: Mentor | null }>;
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

export interface AskRepo {
  create(input: {
    workspaceId: number;
    askerId: number;
    communityId: number | null;
    text: string;
    whenSuits: string | null;
    urgency: Urgency | null;
    answerBy: Date;
    at: Date;
  }): Promise<Ask>;
  /** The ask, only if it is of this workspace. */
  find(workspaceId: number, askId: number): Promise<Ask | null>;
  byId(askId: number): Promise<Ask | null>;
  /**
   * Offers an open ask to a mentor; null when it has a waiting offer already or is no longer open
   * (one offer waits at a time, so two replicas cannot offer it twice).
   */
  offer(askId: number, mentorId: number, at: Date): Promise<AskOffer | null>;
  /** The offer waiting for an answer, if any. */
  waitingOffer(askId: number): Promise<AskOffer | null>;
  /** Everyone it was offered to, in order. */
  offers(askId: number): Promise<AskOffer[]>;
  /**
   * Answers the waiting offer, if it is still waiting and still this mentor's: a compare-and-set, so
   * a double press answers once. `pass` counts towards the ask's passes.
   */
  answerOffer(offerId: number, mentorId: number, answer: 'help' | 'pass' | 'withdrawn', at: Date): Promise<boolean>;
  /** open or unanswered → taken by this helper, once; false when it was taken (or is gone) already. */
  take(askId: number, helperId: number, at: Date): Promise<boolean>;
  /** open → unanswered, once. */
  markUnanswered(askId: number, at: Date): Promise<boolean>;
  /** The asker's answer to the follow-up; false when the ask is not theirs or is gone. */
  saveFollowUp(askId: number, askerId: number, text: string, at: Date): Promise<boolean>;
  /** Open asks whose waiting offer is to this mentor (they stopped mentoring or went away). */
  waitingFor(workspaceId: number, mentorId: number): Promise<Ask[]>;
}

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
  advance(workspaceId: number, version: number, change: { nextAt: Date | null; noticeFor?: string; startedAt?: Date; endsOn?: null }): Promise<boolean>;
  /** Names someone for the next term, or changes their topics; returns the topics they had, or null when new. */
  nameNext(input: { workspaceId: number; memberId: number; topics: string[]; namedBy: number; at: Date }): Promise<{ before: string[] | null }>;
  /** False when they were not named. */
  dropNext(workspaceId: number, memberId: number): Promise<boolean>;
  /** Everyone named for the next term, by name. */
  nextMentors(workspaceId: number): Promise<(NextMentor & { name: string })[]>;
  clearNext(workspaceId: number): Promise<void>;
  /** Asks of the workspace made or taken in [from, to). */
  termAsks(workspaceId: number, from: Date, to: Date): Promise<TermAsk[]>;
}
