import { DateTime } from 'luxon';
import type { GoalCadence } from '../goals/goal.js';

// When each teacher is nudged: on their school day and time, in their own zone. A slot on a break or
// holiday moves to the next school day of that week, and is not made up later; a week without one
// is skipped. Everything here is pure: the current instant is passed in.

export interface NudgePrefs {
  enabled: boolean;
  /** ISO weekday, 1 = Monday .. 5 = Friday. */
  day: number;
  /** Minutes after local midnight. */
  minute: number;
}

/** A workspace break or holiday, inclusive local dates YYYY-MM-DD. */
export interface Closure {
  from: string;
  to: string;
}

export const DEFAULT_PREFS: NudgePrefs = { enabled: true, day: 2, minute: 15 * 60 + 30 };
const WEEKS_AHEAD = 60;

const isClosed = (date: string, closures: readonly Closure[]) => closures.some((c) => c.from <= date && date <= c.to);

/**
 * The first slot strictly after `after`. A local time that does not exist on a daylight-saving day
 * moves to the next valid minute (Luxon moves it forward); a repeated one fires once, at its first
 * occurrence.
 */
export function nextNudgeSlot(input: { prefs: NudgePrefs; timeZone: string; after: Date; closures: readonly Closure[] }): Date | null {
  if (!input.prefs.enabled) return null;
  const zone = DateTime.fromJSDate(input.after).setZone(input.timeZone).isValid ? input.timeZone : 'UTC';
  const local = DateTime.fromJSDate(input.after).setZone(zone);
  let monday = local.startOf('week');
  for (let week = 0; week < WEEKS_AHEAD; week++, monday = monday.plus({ weeks: 1 })) {
    for (let weekday = input.prefs.day; weekday <= 5; weekday++) {
      const day = monday.plus({ days: weekday - 1 });
      const date = day.toISODate() ?? '';
      if (isClosed(date, input.closures)) continue;
      const slot = DateTime.fromObject(
        { year: day.year, month: day.month, day: day.day, hour: Math.floor(input.prefs.minute / 60), minute: input.prefs.minute % 60 },
        { zone },
      );
      if (slot.toMillis() > input.after.getTime()) return slot.toJSDate();
      // This week's slot (or its replacement) has passed: the next one is next week's.
      break;
    }
  }
  return null;
}

export interface NudgeGoal {
  id: number;
  cadence: GoalCadence;
  createdAt: Date;
  snoozedUntil: Date | null;
}

/** Which goals a slot covers: weekly ones always; every two weeks counting from the goal's week; monthly in the month's first slot. */
export function goalsDue<G extends NudgeGoal>(goals: readonly G[], slot: Date, timeZone: string): G[] {
  const local = DateTime.fromJSDate(slot).setZone(timeZone);
  return goals.filter((goal) => {
    if (goal.snoozedUntil && goal.snoozedUntil > slot) return false;
    if (goal.cadence === 'weekly') return true;
    if (goal.cadence === 'monthly') return local.day <= 7;
    const weeks = Math.round(local.startOf('week').diff(DateTime.fromJSDate(goal.createdAt).setZone(timeZone).startOf('week'), 'weeks').weeks);
    return weeks % 2 === 0;
  });
}
