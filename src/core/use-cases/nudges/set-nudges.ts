import type { SchoolDay, LocalTime } from '../../commands/command.js';
import type { Context } from '../../context.js';
import type { Repositories } from '../../ports/store.js';
import type { Member, Workspace } from '../../model.js';
import type { Closure } from '../../time/closure.js';
import { nextSlotWithGoalDue } from '../../plans/nudge-slot.js';
import { replanFrom } from '../../plans/replan-from.js';
import { zoneOf } from '../../time/zone-of.js';

const DAY_NUMBER: Record<SchoolDay, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5 };
const DAY_NAME = ['', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays'];

/**
 * Keeps the member's next nudge in step with their goals, snoozes, preferences, zone and calendar.
 * Run it in the transaction of the change: it locks the member's row before reading the plan, so the
 * planner's compare-and-set on the slot it read loses to this one.
 */
export async function scheduleNextNudge(
  repos: Repositories,
  member: Member,
  workspace: Workspace,
  now: Date,
  closures?: readonly Closure[],
): Promise<Date | null> {
  const plan = await repos.members.nudgePlan(member.id);
  if (!plan) return null;
  const goals = await repos.goals.listActive(member.id);
  const days = closures ?? (await repos.calendar.closures(workspace.id));
  const next = nextSlotWithGoalDue({
    prefs: plan.prefs,
    goals,
    timeZone: zoneOf(member, workspace),
    after: replanFrom(plan.next, now),
    closures: days,
  });
  await repos.members.setNextNudge(member.id, plan.next, next);
  return next;
}

export function describeSlot(day: number, minute: number): string {
  return `${DAY_NAME[day] ?? 'Tuesdays'} at ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** `nudges <mon..fri> <HH:MM>` and `nudges off`. */
export async function setNudges(ctx: Context, choice: { day: SchoolDay; time: LocalTime } | 'off'): Promise<void> {
  const { store, now } = ctx.deps;
  const current = await store.members.nudgePrefs(ctx.member.id);
  const prefs =
    choice === 'off'
      ? { ...current, enabled: false }
      : { enabled: true, day: DAY_NUMBER[choice.day], minute: choice.time.hour * 60 + choice.time.minute };
  await store.transaction(async (repos) => {
    await repos.members.setNudgePrefs(ctx.member.id, prefs);
    await scheduleNextNudge(repos, ctx.member, ctx.workspace, now);
  });
  if (!prefs.enabled) {
    await ctx.tellPrivately({
      text: 'Nudges are off. Your goals stay as they are; `nudges tue 15:30` turns nudges back on.',
    });
    return;
  }
  await ctx.tellPrivately({
    text: `I will check in on your goals on ${describeSlot(prefs.day, prefs.minute)}, ${zoneOf(ctx.member, ctx.workspace)} time, on school days only.`,
  });
}
