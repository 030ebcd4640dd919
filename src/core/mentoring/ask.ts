// An ask: one teacher's request for one-on-one help. Its words are private to the asker and the
// mentors it is offered to; admins and facilitators only ever learn that someone is waiting.

export type Urgency = 'today' | 'this-week' | 'no-rush';

/**
 * `open`: offered to a mentor, or waiting for one; `taken`: a mentor (or, after no mentor could, a
 * facilitator or admin) is helping; `unanswered`: no mentor took it in time, and facilitators or
 * admins were told that someone is waiting.
 */
export type AskStatus = 'open' | 'taken' | 'unanswered';

export interface Ask {
  id: number;
  workspaceId: number;
  askerId: number;
  /** The circle it was asked in, if any: its facilitators are the ones told if no mentor takes it. */
  communityId: number | null;
  /** Null once retention or forgetting has removed it. */
  text: string | null;
  whenSuits: string | null;
  urgency: Urgency | null;
  status: AskStatus;
  /** Who took it: a mentor, or a facilitator or admin after it went unanswered. */
  helperId: number | null;
  /** Mentors who said "not this time" so far. */
  passes: number;
  createdAt: Date;
  /** When, without a mentor taking it, facilitators or admins are told (2 school days on). */
  answerBy: Date;
  takenAt: Date | null;
  /** The asker's own answer to the follow-up a week later; shown to nobody else. */
  followUp: string | null;
}

export interface AskOffer {
  id: number;
  askId: number;
  mentorId: number;
  offeredAt: Date;
  /** Null while waiting; `withdrawn`: the mentor stopped mentoring or went away before answering. */
  answer: 'help' | 'pass' | 'withdrawn' | null;
  answeredAt: Date | null;
}

/** After this many passes the ask is not offered again: the asker is told, and leaders offered it. */
export const MAX_PASSES = 2;
/** School days a mentor has to answer before the ask goes to facilitators or admins. */
export const ANSWER_WITHIN_SCHOOL_DAYS = 2;
/** The follow-up comes this long after a mentor takes the ask. */
export const FOLLOW_UP_AFTER_MS = 7 * 24 * 3_600_000;
export const MAX_ASK_LENGTH = 1_000;
export const MAX_WHEN_LENGTH = 200;
export const MAX_FOLLOW_UP_LENGTH = 2_000;

export const URGENCY_LABELS: Record<Urgency, string> = {
  today: 'today if possible',
  'this-week': 'this week',
  'no-rush': 'no rush',
};
