import fc from 'fast-check';
import type { Closure } from '../../src/core/time/closure.js';
import { dateAt, firstMinuteAtOrAfter, shiftDate, transitions, weekdayOf } from './wall-clock-oracle.js';

// Zones and wall readings for the local-time properties, drawn near clock changes as often as not,
// school closures around a date, and the slot a week runs on as the oracle reads it.

export const ZONES = [
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/St_Johns',
  'America/New_York',
  'Europe/London',
  'Pacific/Chatham',
  'UTC',
  'Africa/Cairo',
  'America/Santiago',
  'America/Havana',
  'Asia/Kathmandu',
] as const;
export const FIRST_YEAR = 2024;
export const LAST_YEAR = 2030;
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const changes = new Map(
  ZONES.map((zone) => [zone, transitions(zone, `${FIRST_YEAR}-01-01`, `${LAST_YEAR + 1}-01-01`)]),
);
const fromWall = (wall: number) => ({
  date: new Date(wall).toISOString().slice(0, 10),
  minute: Math.floor((wall % DAY_MS) / MINUTE_MS),
});

/** A zone and a wall reading in it: anywhere in the years, or within 90 minutes of a clock change. */
export const zonedWall = fc.constantFrom(...ZONES).chain((zone) => {
  const anywhere = fc
    .integer({ min: Date.UTC(FIRST_YEAR, 0, 1) / MINUTE_MS, max: Date.UTC(LAST_YEAR, 11, 31) / MINUTE_MS })
    .map((m) => m * MINUTE_MS);
  const near = changes.get(zone) ?? [];
  const nearChange = near.length
    ? fc
        .tuple(fc.constantFrom(...near), fc.integer({ min: -90, max: 90 }), fc.boolean())
        .map(([c, shift, fromBefore]) => (fromBefore ? c.before : c.after) + shift * MINUTE_MS)
    : anywhere;
  return fc
    .tuple(fc.constant(zone), fc.oneof(anywhere, nearChange))
    .map(([z, wall]) => ({ zone: z, ...fromWall(wall) }));
});

/** Breaks and holidays around `date`: a few runs of one to ten days. */
export const closuresNear = (date: string, spanDays: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: -10, max: spanDays }), fc.integer({ min: 0, max: 9 })), { maxLength: 5 })
    .map((runs) =>
      runs.map(([start, length]): Closure => ({ from: shiftDate(date, start), to: shiftDate(date, start + length) })),
    );

export const closed = (date: string, closures: readonly Closure[]) =>
  closures.some((c) => c.from <= date && date <= c.to);

/** The date a week's slot runs on: the planned weekday, else the next open school day of that week. */
export function runsOn(
  planned: string,
  closures: readonly Closure[],
  onClosed: 'next-school-day' | 'skip',
): string | null {
  if (onClosed === 'skip') return closed(planned, closures) ? null : planned;
  for (let date = planned; weekdayOf(date) <= 5 && weekdayOf(date) >= weekdayOf(planned); date = shiftDate(date, 1)) {
    if (!closed(date, closures)) return date;
  }
  return null;
}

/** Walks every local date from a week before `after`: the first that is its week's slot date and whose instant is after `after`. */
export function oracleNextSlot(
  zone: string,
  day: number,
  minute: number,
  after: number,
  closures: readonly Closure[],
  onClosed: 'next-school-day' | 'skip',
): number | null {
  let date = shiftDate(dateAt(zone, after), -7);
  for (let i = 0; i < 7 * 62; i++, date = shiftDate(date, 1)) {
    const planned = shiftDate(date, day - weekdayOf(date));
    if (runsOn(planned, closures, onClosed) !== date) continue;
    const at = firstMinuteAtOrAfter(zone, date, minute);
    if (at > after) return at;
  }
  return null;
}
