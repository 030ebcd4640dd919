import type { GoalCadence } from '../goals/goal.js';
import { localDate } from '../time/local-time.js';
import { isEveryOtherWeek, isFirstWeekOfMonth, nextOccurrence, plannedDate } from '../time/school-week.js';
import type { Closure } from '../time/closure.js';

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

export const DEFAULT_PREFS: NudgePrefs = { enabled: true, day: 2, minute: 15 * 60 + 30 };
const WEEKS_AHEAD = 60;

/**
 * The first slot strictly after `after`. A local time that does not exist on a daylight-saving day
 * moves to the next valid minute; a repeated one fires once, at its first occurrence.
 */
export function nextNudgeSlot(input: {
  prefs: NudgePrefs;
  timeZone: string;
  after: Date;
  closures: readonly Closure[];
}): Date | null {
  if (!input.prefs.enabled) return null;
  const rule = { day: input.prefs.day, minute: input.prefs.minute, onClosed: 'next-school-day' as const };
  return nextOccurrence(rule, input.timeZone, input.after, input.closures, WEEKS_AHEAD)?.at ?? null;
}

export interface NudgeGoal {
  id: number;
  cadence: GoalCadence;
  createdAt: Date;
  snoozedUntil: Date | null;
}

/**
 * Which goals a slot covers: weekly ones always; every two weeks counting from the goal's week;
 * monthly in the month's first slot. Both are decided on the date the slot was planned for (`day`
 * is the member's nudge weekday), not the one a break moved it to: a closed Tuesday 7 April still
 * gives April its monthly nudge on the Wednesday, and a closed Monday 31 August does not give
 * September a second one on Tuesday 1 September.
 */
export function goalsDue<G extends NudgeGoal>(goals: readonly G[], slot: Date, timeZone: string, day?: number): G[] {
  const date = localDate(slot, timeZone);
  const planned = day === undefined ? date : plannedDate(date, day);
  return goals.filter((goal) => {
    if (goal.snoozedUntil && goal.snoozedUntil > slot) return false;
    if (goal.cadence === 'weekly') return true;
    if (goal.cadence === 'monthly') return isFirstWeekOfMonth(planned);
    return isEveryOtherWeek(planned, localDate(goal.createdAt, timeZone));
  });
}
