import { goalsDue, nextNudgeSlot, type NudgeGoal, type NudgePrefs } from '../nudges/schedule.js';
import type { Closure } from '../time/closure.js';

/** How many slots ahead a re-plan looks for one in which a goal is due (a year of weekly slots). */
const MAX_SLOTS = 53;

/**
 * The member's next nudge slot after `after` in which at least one goal is due: a slot whose goals
 * are all snoozed, or not due in their rhythm (every two weeks, monthly), is passed over, so a snooze
 * moves the plan. Null with no goal or with nudges off. Should nothing fall due within a year, the
 * last slot looked at is planned, so the planner looks again then.
 */
export function nextSlotWithGoalDue(input: {
  prefs: NudgePrefs;
  goals: readonly NudgeGoal[];
  timeZone: string;
  after: Date;
  closures: readonly Closure[];
}): Date | null {
  if (input.goals.length === 0) return null;
  let slot: Date | null = null;
  let after = input.after;
  for (let i = 0; i < MAX_SLOTS; i++) {
    slot = nextNudgeSlot({ prefs: input.prefs, timeZone: input.timeZone, after, closures: input.closures });
    if (!slot || goalsDue(input.goals, slot, input.timeZone).length > 0) return slot;
    after = slot;
  }
  return slot;
}
