import type { DateTime } from 'luxon';
import { addDays, atLocal, firstOnOrAfter, type LocalDate } from '../time/local-time.js';
import { occurrences, type Cadence, type Occurrence } from '../time/school-week.js';
import type { Closure } from '../time/closure.js';

// A community's rhythm: when its sessions start and the steps each one runs through. Pure: every
// instant is passed in, and local times are the community's.

export type { Cadence };
export type StepKind = 'reminder' | 'open' | 'reflection' | 'closing' | 'summary';

export interface SessionSchedule {
  cadence: Cadence;
  /** ISO weekday, 1 = Monday .. 5 = Friday: sessions are on school days. */
  day: number;
  /** Minutes after local midnight. */
  minute: number;
  lengthMinutes: number;
  /** The first scheduled date, YYYY-MM-DD: two-weekly rhythms count from it. */
  anchor: string;
  remind: boolean;
}

export interface Step {
  kind: StepKind;
  at: Date;
  /** The start of the session the step belongs to: with the community, it names the session. */
  start: Date;
}

/** The reminder goes at this local time the day before a session. */
const REMINDER_MINUTE = 15 * 60;

/** The first date the rhythm falls on, on or after `from` (a local date, or a Luxon date in the community's zone). */
export function firstDate(day: number, from: DateTime | LocalDate): LocalDate {
  const date = typeof from === 'string' ? from : from.toISODate();
  return date ? firstOnOrAfter(day, date) : '';
}

/**
 * Scheduled starts from the week of `from` on, in order. A date on a break or holiday is skipped,
 * not moved; `monthly` is the first such weekday of the month and a two-weekly rhythm counts from
 * its first date, both decided on the planned date, so a skipped date keeps the rhythm counting.
 */
function starts(
  schedule: SessionSchedule,
  timeZone: string,
  from: Date,
  closures: readonly Closure[],
): Generator<Occurrence> {
  const rule = {
    day: schedule.day,
    minute: schedule.minute,
    cadence: schedule.cadence,
    anchor: schedule.anchor,
    onClosed: 'skip' as const,
  };
  return occurrences(rule, timeZone, from, closures);
}

/** Scheduled starts in [from, to), breaks skipped: what a digest counts sessions held and missed against. */
export function startsBetween(input: {
  schedule: SessionSchedule;
  timeZone: string;
  from: Date;
  to: Date;
  closures: readonly Closure[];
}): Date[] {
  const found: Date[] = [];
  for (const { at } of starts(input.schedule, input.timeZone, input.from, input.closures)) {
    if (at.getTime() >= input.to.getTime()) break;
    if (at.getTime() >= input.from.getTime()) found.push(at);
  }
  return found;
}

/** Each step of the session that starts on local `date` at `start`; the reminder is 15:00 the day before, community time. */
function stepsOf(session: { date: LocalDate; start: Date }, schedule: SessionSchedule, timeZone: string): Step[] {
  const start = session.start;
  const after = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const reminder = atLocal(addDays(session.date, -1), REMINDER_MINUTE, timeZone);
  const length = schedule.lengthMinutes;
  return [
    ...(schedule.remind && reminder < start ? [{ kind: 'reminder' as const, at: reminder, start }] : []),
    { kind: 'open', at: start, start },
    { kind: 'reflection', at: after(Math.round(length / 3)), start },
    { kind: 'closing', at: after(length - 15), start },
    { kind: 'summary', at: after(length), start },
  ];
}

/** The first step strictly after `after`: within a session under way, or of the next one. */
export function nextStep(input: {
  schedule: SessionSchedule;
  timeZone: string;
  after: Date;
  closures: readonly Closure[];
}): Step | null {
  // Start a week early: a session that began before `after` may still have steps to come.
  const from = new Date(input.after.getTime() - 8 * 86_400_000);
  for (const { date, at } of starts(input.schedule, input.timeZone, from, input.closures)) {
    const step = stepsOf({ date, start: at }, input.schedule, input.timeZone).find(
      (s) => s.at.getTime() > input.after.getTime(),
    );
    if (step) return step;
  }
  return null;
}
