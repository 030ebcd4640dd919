import { DateTime } from 'luxon';
import type { Closure } from '../nudges/schedule.js';

// A community's rhythm: when its sessions start and the steps each one runs through. Pure: every
// instant is passed in, and local times are the community's.

export type Cadence = 'weekly' | 'biweekly' | 'monthly';
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

const isClosed = (date: string, closures: readonly Closure[]) => closures.some((c) => c.from <= date && date <= c.to);

function startOn(day: DateTime, schedule: SessionSchedule, zone: string): DateTime {
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(schedule.minute / 60), minute: schedule.minute % 60 }, { zone });
}

/** The first date the rhythm falls on, on or after `from` (a local date). */
export function firstDate(day: number, from: DateTime): string {
  const offset = (day - from.weekday + 7) % 7;
  return from.plus({ days: offset }).toISODate() ?? '';
}

/** Scheduled starts from the week of `from` on, in order; dates on a break are skipped, and a two-weekly rhythm keeps counting through them. */
function* starts(schedule: SessionSchedule, zone: string, from: Date, closures: readonly Closure[]): Generator<DateTime> {
  const anchor = DateTime.fromISO(schedule.anchor, { zone });
  let day = DateTime.fromJSDate(from).setZone(zone).startOf('week').plus({ days: schedule.day - 1 });
  for (let week = 0; week < 120; week++, day = day.plus({ weeks: 1 })) {
    if (day < anchor.startOf('day')) continue;
    if (schedule.cadence === 'biweekly' && Math.round(day.diff(anchor.startOf('day'), 'weeks').weeks) % 2 !== 0) continue;
    if (schedule.cadence === 'monthly' && day.day > 7) continue;
    if (isClosed(day.toISODate() ?? '', closures)) continue;
    yield startOn(day, schedule, zone);
  }
}

/** Scheduled starts in [from, to), breaks skipped: what a digest counts sessions held and missed against. */
export function startsBetween(input: { schedule: SessionSchedule; timeZone: string; from: Date; to: Date; closures: readonly Closure[] }): Date[] {
  const zone = DateTime.local().setZone(input.timeZone).isValid ? input.timeZone : 'UTC';
  const found: Date[] = [];
  for (const start of starts(input.schedule, zone, input.from, input.closures)) {
    if (start.toMillis() >= input.to.getTime()) break;
    if (start.toMillis() >= input.from.getTime()) found.push(start.toJSDate());
  }
  return found;
}

/** Each step of the session that starts at `start`. */
export function stepsOf(start: DateTime, schedule: SessionSchedule): Step[] {
  const length = schedule.lengthMinutes;
  const at = (time: DateTime) => time.toJSDate();
  const reminder = start.minus({ days: 1 }).set({ hour: 15, minute: 0 });
  return [
    ...(schedule.remind && reminder < start ? [{ kind: 'reminder' as const, at: at(reminder), start: at(start) }] : []),
    { kind: 'open', at: at(start), start: at(start) },
    { kind: 'reflection', at: at(start.plus({ minutes: Math.round(length / 3) })), start: at(start) },
    { kind: 'closing', at: at(start.plus({ minutes: length - 15 })), start: at(start) },
    { kind: 'summary', at: at(start.plus({ minutes: length })), start: at(start) },
  ];
}

/** The first step strictly after `after`: within a session under way, or of the next one. */
export function nextStep(input: { schedule: SessionSchedule; timeZone: string; after: Date; closures: readonly Closure[] }): Step | null {
  const zone = DateTime.local().setZone(input.timeZone).isValid ? input.timeZone : 'UTC';
  // Start a week early: a session that began before `after` may still have steps to come.
  const from = new Date(input.after.getTime() - 8 * 86_400_000);
  for (const start of starts(input.schedule, zone, from, input.closures)) {
    const step = stepsOf(start, input.schedule).find((s) => s.at.getTime() > input.after.getTime());
    if (step) return step;
  }
  return null;
}
