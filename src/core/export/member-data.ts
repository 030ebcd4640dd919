import type { GoalCadence, GoalStatus } from '../goals/goal.js';
import type { CheckinPhase } from '../model.js';
import type { NudgePrefs } from '../nudges/schedule.js';

// Everything Mentor Circle keeps of one member, in the core's terms: what `export` hands back to them.
// Texts are null where retention has already removed them.

export interface MemberData {
  member: { name: string; timeZone: string | null; isAdmin: boolean; joinedAt: Date; nudges: NudgePrefs };
  communities: { name: string; isFacilitator: boolean; joinedAt: Date }[];
  checkins: {
    community: string;
    sessionTopic: string | null;
    sessionOpenedAt: Date;
    phase: CheckinPhase;
    text: string | null;
    sharedWithLeaders: boolean;
    at: Date;
  }[];
  reflections: { community: string; prompt: string; text: string | null; at: Date }[];
  goals: ExportedGoal[];
  mentoring: ExportedMentoring;
  /** What they wrote in protocol sessions (tuning, consultancy), with what it was kept as. */
  protocolReplies: {
    community: string;
    protocol: string;
    topic: string | null;
    kind: string;
    text: string;
    at: Date;
  }[];
}

/** Mentoring: their own asks in full; as a mentor, only when they helped (the asks' words are the askers'). */
export interface ExportedMentoring {
  mentor: { circle: string | null; topics: string[]; perWeek: number; awayUntil: Date | null; since: Date } | null;
  asks: {
    text: string | null;
    whenSuits: string | null;
    urgency: string | null;
    status: string;
    askedAt: Date;
    takenAt: Date | null;
    followUp: string | null;
  }[];
  helped: { askedAt: Date; takenAt: Date }[];
  /** Their suggestions to school leaders, and whether their name goes with each. */
  suggestions: { text: string; named: boolean; at: Date }[];
  /** The pairing rounds they were in: when, where, and whether they said they met (never who with: that is the others'). */
  pairings: { circle: string | null; at: Date; met: boolean | null }[];
  /** Named by an admin to mentor from the next term on (`rotation next`), with the topics given. */
  nextTerm: { topics: string[]; namedAt: Date } | null;
  /**
   * Their classroom visits, without the other person (that is theirs): the focus, and the notes where
   * they wrote them or were given them; the reflection only where it is their own.
   */
  visits: ExportedVisit[];
}

export interface ExportedVisit {
  kind: 'visit' | 'invite' | 'model';
  youAsked: boolean;
  youObserved: boolean;
  at: Date;
  status: string;
  focus: string | null;
  notes: string[] | null;
  reflection: string | null;
}

export interface ExportedGoal {
  id: number;
  community: string | null;
  specific: string | null;
  measure: string | null;
  target: number | null;
  unit: string | null;
  firstStep: string | null;
  relevance: string | null;
  dueOn: string;
  cadence: GoalCadence;
  status: GoalStatus;
  /** The goal this one reworks, by id within this export. */
  reworksGoalId: number | null;
  celebrate: boolean;
  createdAt: Date;
  endedAt: Date | null;
  updates: { value: number; note: string | null; at: Date }[];
}
