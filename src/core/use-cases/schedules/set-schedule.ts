import { DateTime } from 'luxon';
import type { Cadence, LocalTime, Weekday } from '../../commands/command.js';
import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { firstDate, nextStep, type SessionSchedule } from '../../schedules/schedule.js';
import { requireCommunity, requireFacilitator } from '../../session-flow.js';

const DAY_NUMBER: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const DAY_NAME = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const RHYTHM: Record<Cadence, string> = { weekly: 'every', biweekly: 'every other', monthly: 'the first' };

/** `schedule <weekly|biweekly|monthly> <day> <HH:MM> [<N>m]` and `schedule off`: the bot runs the sessions. */
export async function setSchedule(
  ctx: Context,
  choice: { cadence: Cadence; day: Weekday; time: LocalTime; minutes?: number } | 'off',
): Promise<void> {
  const { store, now } = ctx.deps;
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'schedule sessions');
  if (choice === 'off') {
    await store.communities.setSchedule(community.id, null, null);
    await ctx.tellPrivately({ text: `${community.name} has no schedule now. Sessions run when a facilitator starts them.` });
    return;
  }
  const day = DAY_NUMBER[choice.day];
  if (day > 5) throw new DomainError('WeekendSchedule', 'Sessions are on school days: choose a day from Monday to Friday.');
  const previous = await store.communities.schedule(community.id);
  const today = DateTime.fromJSDate(now).setZone(community.timeZone);
  const schedule: SessionSchedule = {
    cadence: choice.cadence,
    day,
    minute: choice.time.hour * 60 + choice.time.minute,
    lengthMinutes: choice.minutes ?? 60,
    anchor: firstDate(day, today),
    remind: previous?.remind ?? true,
  };
  const closures = await store.calendar.closures(community.workspaceId);
  const step = nextStep({ schedule, timeZone: community.timeZone, after: now, closures });
  await store.communities.setSchedule(community.id, schedule, step?.at ?? null);
  const time = `${String(choice.time.hour).padStart(2, '0')}:${String(choice.time.minute).padStart(2, '0')}`;
  const first = step ? DateTime.fromJSDate(step.start).setZone(community.timeZone).toFormat('cccc d LLLL') : 'not yet';
  await ctx.tellPrivately({
    text: `${community.name} meets ${RHYTHM[choice.cadence]} ${DAY_NAME[day]} at ${time} (${community.timeZone}) for ${schedule.lengthMinutes} minutes. First: ${first}.`,
    sections: [
      'I open each session with the "what\'s working" check-in, post the reflection a third of the way in, the closing check-in 15 minutes before the end, and the summary at the end. You can still move it on by hand.',
      'Breaks and holidays in the school calendar are skipped.',
    ],
  });
}
