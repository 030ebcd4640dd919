import type { Goal } from '../goals/goal.js';
import type { NewOutboxItem } from '../outbox.js';
import { localDate } from '../time/local-time.js';
import { goalsDue, nextNudgeSlot, type NudgePrefs } from './schedule.js';
import { type Closure, isClosed } from '../time/closure.js';

export const NUDGE = 'nudge';

/** The next slot is at least this long after the one being sent, so no one gets two in a day. */
const MIN_GAP_MS = 24 * 60 * 60 * 1000;

/**
 * A member whose slot has come: the nudge to send (one per member, local date and slot, whoever plans
 * it), and the slot after, counted from now so a planner that was down does not send a backlog, and
 * at least a day after this one: a teacher whose zone changed since this slot was planned (travel,
 * a corrected profile) would otherwise meet the same weekday again in the new zone within hours.
 */
export function planMemberNudge(input: {
  memberId: number;
  workspaceId: number;
  prefs: NudgePrefs;
  timeZone: string;
  slot: Date;
  now: Date;
  goals: readonly Goal[];
  closures: readonly Closure[];
  /** How long after the slot this nudge goes, so that a crowded slot is spread (see spread.ts). */
  offsetMs?: number;
}): { item: NewOutboxItem | null; next: Date | null } {
  const after = new Date(Math.max(input.now.getTime(), input.slot.getTime() + MIN_GAP_MS));
  const next = input.goals.length
    ? nextNudgeSlot({ prefs: input.prefs, timeZone: input.timeZone, after, closures: input.closures })
    : null;
  const due = goalsDue(input.goals, input.slot, input.timeZone, input.prefs.day);
  const slotDate = localDate(input.slot, input.timeZone);
  // A break entered after this slot was planned: nothing goes out on it.
  const closed = isClosed(slotDate, input.closures);
  if (due.length === 0 || !input.prefs.enabled || closed) return { item: null, next };
  const minute = `${String(Math.floor(input.prefs.minute / 60)).padStart(2, '0')}${String(input.prefs.minute % 60).padStart(2, '0')}`;
  return {
    item: {
      workspaceId: input.workspaceId,
      memberId: input.memberId,
      kind: NUDGE,
      key: `${NUDGE}:${input.memberId}:${slotDate}:${minute}`,
      dueAt: new Date(input.slot.getTime() + (input.offsetMs ?? 0)),
      payload: { memberId: input.memberId, goalIds: due.map((goal) => goal.id) },
    },
    next,
  };
}
