import { IANAZone } from 'luxon';

// Local wall time in an IANA zone, and the instants it names. Every rule of the bot that says "at
// this local day and time" (nudges, sessions and their reminders, mid-week prompts, digests, digest
// weeks) turns a wall time into an instant here, under one policy:
// - a local time that does not exist (clocks go forward over it) moves to the next valid minute,
//   the moment the clocks jump: 02:30 on a New York spring-forward day is 03:00;
// - a local time that happens twice (clocks go back over it) names its first occurrence only.
// In other words the instant is the first one whose wall clock reads the wanted time or later.
// A zone that is not a valid IANA name is read as UTC. Pure: no clock is read here.

/** A local calendar date, YYYY-MM-DD. */
export type LocalDate = string;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Luxon keeps one zone object per name, its validity checked once.
const zoneFor = (timeZone: string): IANAZone => {
  const zone = IANAZone.create(timeZone);
  return zone.isValid ? zone : IANAZone.create('UTC');
};

/** `timeZone` when it is a valid IANA zone, else UTC. */
export const validZone = (timeZone: string): string => zoneFor(timeZone).name;

/** The zone's offset from UTC at an instant, in milliseconds. */
const offsetMs = (zone: IANAZone, at: number) => zone.offset(at) * MINUTE_MS;

/** Days since 1970-01-01 of a local date; NaN for a string that is not YYYY-MM-DD. */
export function dayNumber(date: LocalDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** The local date `days` days since 1970-01-01. */
function dateOfDay(days: number): LocalDate {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export const addDays = (date: LocalDate, days: number): LocalDate => dateOfDay(dayNumber(date) + days);

/** Whole days from `from` to `to` (negative when `to` comes first). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => dayNumber(to) - dayNumber(from);

/** ISO weekday of a date: 1 = Monday .. 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday.
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the Monday-to-Sunday week a date is in. */
export const mondayOf = (date: LocalDate): LocalDate => addDays(date, 1 - isoWeekday(date));

/** The day of the month, 1..31. */
export const dayOfMonth = (date: LocalDate): number => Number(date.slice(8, 10));

/** The first date on or after `from` that falls on ISO weekday `day`. */
export const firstOnOrAfter = (day: number, from: LocalDate): LocalDate =>
  addDays(from, (((day - isoWeekday(from)) % 7) + 7) % 7);

/** What the wall clock reads at an instant, as milliseconds since 1970-01-01 00:00 local. */
function wallClock(zone: IANAZone, at: number): number {
  return at + offsetMs(zone, at);
}

/** The local date at an instant. */
export function localDate(at: Date, timeZone: string): LocalDate {
  return dateOfDay(Math.floor(wallClock(zoneFor(timeZone), at.getTime()) / DAY_MS));
}

/** The local time at an instant, in minutes after local midnight. */
export function localMinute(at: Date, timeZone: string): number {
  const wall = wallClock(zoneFor(timeZone), at.getTime());
  return Math.floor((wall - Math.floor(wall / DAY_MS) * DAY_MS) / MINUTE_MS);
}

/**
 * The instant of a local date and time (`minute` after local midnight) in a zone: its first
 * occurrence when the clocks go back over it, the moment they jump when they go forward over it.
 */
export function atLocal(date: LocalDate, minute: number, timeZone: string): Date {
  const zone = zoneFor(timeZone);
  const wanted = dayNumber(date) * DAY_MS + minute * MINUTE_MS;
  // Most days the clocks do not change within a day either side: one offset, one instant.
  const before = offsetMs(zone, wanted - DAY_MS);
  if (before === offsetMs(zone, wanted + DAY_MS) && wallClock(zone, wanted - before) === wanted)
    return new Date(wanted - before);
  // Each offset in force near the wanted time gives one candidate instant; it names the wanted time
  // only if that offset is in force at the candidate itself. Two such in a repeated hour, none in a gap.
  const offsets = new Set([-DAY_MS, 0, DAY_MS].map((shift) => offsetMs(zone, wanted + shift)));
  for (const offset of [...offsets]) offsets.add(offsetMs(zone, wanted - offset));
  const exact = [...offsets].map((offset) => wanted - offset).filter((at) => wallClock(zone, at) === wanted);
  if (exact.length > 0) return new Date(Math.min(...exact));
  // In a gap: the clocks read earlier than wanted at `earlier` and later at `later`; the jump between
  // them is the first instant at or past the wanted time.
  let earlier = wanted - Math.max(...offsets);
  let later = wanted - Math.min(...offsets);
  while (later - earlier > 1) {
    const middle = Math.floor((earlier + later) / 2);
    if (wallClock(zone, middle) >= wanted) later = middle;
    else earlier = middle;
  }
  return new Date(later);
}
