import type { SchoolDay, LocalTime } from '../../commands/command.js';
import type { Context } from '../../context.js';
import type { Store } from '../../ports.js';
import type { Member, Workspace } from '../../model.js';
import { nextNudgeSlot } from '../../nudges/schedule.js';

const DAY_NUMBER: Record<SchoolDay, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5 };
const DAY_NAME = ['', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays'];

export const zoneOf = (member: Member, workspace: Workspace) => member.timeZone ?? workspace.timeZone ?? 'UTC';

/** Keeps the member's next nudge in step with their goals, preferences and calendar. */
export async function scheduleNextNudge(store: Store, member: Member, workspace: Workspace, now: Date): Promise<Date | null> {
  const [prefs, goals, closures] = await Promise.all([store.members.nudgePrefs(member.id), store.goals.countActive(member.id), store.calendar.closures(workspace.id)]);
  const next = goals > 0 ? nextNudgeSlot({ prefs, timeZone: zoneOf(member, workspace), after: now, closures }) : null;
  await store.members.setNextNudge(member.id, next);
  return next;
}

export function describeSlot(day: number, minute: number): string {
  return `${DAY_NAME[day] ?? 'Tuesdays'} at ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** `nudges <mon..fri> <HH:MM>` and `nudges off`. */
export async function setNudges(ctx: Context, choice: { day: SchoolDay; time: LocalTime } | 'off'): Promise<void> {
  const { store, now } = ctx.deps;
  const current = await store.members.nudgePrefs(ctx.member.id);
  const prefs = choice === 'off' ? { ...current, enabled: false } : { enabled: true, day: DAY_NUMBER[choice.day], minute: choice.time.hour * 60 + choice.time.minute };
  await store.members.setNudgePrefs(ctx.member.id, prefs);
  await scheduleNextNudge(store, ctx.member, ctx.workspace, now);
  if (!prefs.enabled) {
    await ctx.tellPrivately({ text: 'Nudges are off. Your goals stay as they are; `nudges tue 15:30` turns nudges back on.' });
    return;
  }
  await ctx.tellPrivately({
    text: `I will check in on your goals on ${describeSlot(prefs.day, prefs.minute)}, ${zoneOf(ctx.member, ctx.workspace)} time, on school days only.`,
  });
}
