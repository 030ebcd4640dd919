import { DateTime } from 'luxon';
import { addDays, atLocal, isoWeekday, localDate } from '../time/local-time.js';
import { isClosed, type Closure } from '../time/closure.js';

// Classroom visits between two peers: one watches the other teach, then tells them, privately, what
// they noticed. Nothing here grades anyone: the observer answers open "noticing" questions, and what
// they write goes to the observed teacher alone.
//
// Whose texts are whose (for `export` and `forget-me`): the focus is the requester's; the noticing
// notes are written by the observer and kept for the observed teacher, the one person they are
// shown to; the reflection is the observed teacher's. Each person's export carries the texts they
// wrote or were given (the observer's notes go with the observed teacher's export, and with the
// observer's own as what they wrote); forgetting either person deletes every text they wrote, and
// forgetting the observed teacher deletes the notes about them too.

/** `visit`: I watch your lesson; `invite`: you watch mine; `model`: I model a lesson, you watch. */
export type VisitKind = 'visit' | 'invite' | 'model';

/**
 * `requested`: waiting for the peer's answer; `accepted`: on, with a reminder and the noticing form
 * planned; `declined` and `cancelled` end it; `noted`: the observer's notes reached the observed teacher.
 */
export type VisitStatus = 'requested' | 'accepted' | 'declined' | 'cancelled' | 'noted';

export interface Visit {
  id: number;
  workspaceId: number;
  kind: VisitKind;
  /** Null once they were forgotten. */
  requesterId: number | null;
  peerId: number | null;
  /** The lesson's start, UTC; it was given in the requester's zone, `zone`. */
  at: Date;
  zone: string;
  focus: string | null;
  status: VisitStatus;
  /** The observer's answers to the three noticing questions, in order; null until given, or once deleted. */
  notes: string[] | null;
  /** The observed teacher's own reflection, kept for them. */
  reflection: string | null;
  createdAt: Date;
  answeredAt: Date | null;
  /** Who cancelled it (a member id), when it was cancelled. */
  cancelledBy: number | null;
}

export const MAX_FOCUS_LENGTH = 300;
export const MAX_NOTE_LENGTH = 2_000;
export const MAX_REFLECTION_LENGTH = 2_000;
/**
 * The noticing form comes this long after the lesson's start: the time given is when the lesson
 * starts, and an hour covers most lessons with a little time to gather one's thoughts.
 */
const NOTICING_AFTER_MS = 60 * 60_000;
/** The reminder goes at this local time (minutes after midnight) on the school day before, like the session reminder. */
const REMINDER_MINUTE = 15 * 60;
/** Visits further ahead than this are refused: plans that far out change. */
const MAX_DAYS_AHEAD = 120;

/** The one who watches. */
export const observerOf = (visit: Pick<Visit, 'kind' | 'requesterId' | 'peerId'>): number | null =>
  visit.kind === 'visit' ? visit.requesterId : visit.peerId;
/** The one whose lesson it is. */
export const observedOf = (visit: Pick<Visit, 'kind' | 'requesterId' | 'peerId'>): number | null =>
  visit.kind === 'visit' ? visit.peerId : visit.requesterId;

export const isParty = (visit: Pick<Visit, 'requesterId' | 'peerId'>, memberId: number): boolean =>
  visit.requesterId === memberId || visit.peerId === memberId;

/** The first school day on or after `date` (weekends and the calendar's breaks skipped). */
function nextSchoolDay(date: string, closures: readonly Closure[]): string {
  let day = date;
  for (let step = 0; step < 400 && (isoWeekday(day) > 5 || isClosed(day, closures)); step++) day = addDays(day, 1);
  return day;
}

/** The school day before `date`, or null when there is none within a term's reach. */
export function schoolDayBefore(date: string, closures: readonly Closure[]): string | null {
  let day = addDays(date, -1);
  for (let step = 0; step < 60; step++, day = addDays(day, -1))
    if (isoWeekday(day) <= 5 && !isClosed(day, closures)) return day;
  return null;
}

/** A lesson time as the person it is shown to reads it: "Tue 8 Dec, 10:00". */
export const lessonTime = (at: Date, zone: string): string =>
  DateTime.fromJSDate(at).setZone(zone).toFormat('ccc d LLL, HH:mm');

export type SlotCheck = { ok: true; at: Date } | { ok: false; problem: string };

/**
 * Whether a lesson on `date` at `minute` (the requester's zone) can be visited: a school day, not
 * past, not too far ahead. A refusal names the next school day, so the person can try again at once.
 */
export function checkSlot(input: {
  date: string;
  minute: number;
  zone: string;
  now: Date;
  closures: readonly Closure[];
}): SlotCheck {
  const { date, minute, zone, now, closures } = input;
  const today = localDate(now, zone);
  const at = atLocal(date, minute, zone);
  const suggest = (from: string) => {
    const next = nextSchoolDay(from, closures);
    return `The next school day is ${DateTime.fromISO(next).toFormat('cccc d LLLL')}.`;
  };
  if (at.getTime() <= now.getTime()) {
    return { ok: false, problem: `That time has passed already. ${suggest(date < today ? today : addDays(today, 1))}` };
  }
  if (isoWeekday(date) > 5)
    return { ok: false, problem: `${DateTime.fromISO(date).toFormat('cccc d LLLL')} is a weekend. ${suggest(date)}` };
  if (isClosed(date, closures))
    return {
      ok: false,
      problem: `${DateTime.fromISO(date).toFormat('cccc d LLLL')} is in a school break or holiday on the calendar. ${suggest(date)}`,
    };
  if (date > addDays(today, MAX_DAYS_AHEAD))
    return {
      ok: false,
      problem: `That is more than ${MAX_DAYS_AHEAD} days ahead; plans that far out change. Ask again nearer the time.`,
    };
  return { ok: true, at };
}

/** When the reminder goes to someone in `zone`: 15:00 their time on the school day before the lesson; null when that has passed. */
export function reminderAt(input: {
  at: Date;
  lessonZone: string;
  zone: string;
  now: Date;
  closures: readonly Closure[];
}): Date | null {
  const before = schoolDayBefore(localDate(input.at, input.lessonZone), input.closures);
  if (!before) return null;
  const when = atLocal(before, REMINDER_MINUTE, input.zone);
  return when.getTime() > input.now.getTime() && when.getTime() < input.at.getTime() ? when : null;
}

export const noticingAt = (at: Date): Date => new Date(at.getTime() + NOTICING_AFTER_MS);

/**
 * The three open questions the observer answers, shaped by the focus the two agreed. They ask what
 * was seen and wondered, never how good it was: "I noticed...", "I wonder...", "What if...?".
 */
export function noticingQuestions(focus: string | null): [string, string, string] {
  const about = focus ? ` about ${focus}` : '';
  return [
    `What did you notice${about}? What did students say or do?`,
    focus ? `What do you wonder about ${focus} after watching?` : 'What do you wonder about, after watching?',
    'What might you try in your own classroom, and what would you like to ask them?',
  ];
}

/** The one question the observed teacher is asked after reading the notes; their answer stays theirs. */
export const REFLECTION_QUESTION =
  'Reading what your colleague noticed, what stands out to you, and what might you try next?';
