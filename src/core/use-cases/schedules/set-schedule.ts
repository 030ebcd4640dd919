import { DateTime } from 'luxon';
import type { Cadence, LocalTime, Weekday } from '../../commands/command.js';
import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { replanFrom } from '../../plans/replan-from.js';
import { firstDate, nextStep, type SessionSchedule } from '../../schedules/schedule.js';
import { channelNotice } from '../../notices.js';
import { commitWithMessages, requireCommunity, requireFacilitator } from '../../session-flow.js';

const DAY_NUMBER: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const DAY_NAME = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const RHYTHM: Record<Cadence, string> = { weekly: 'every', biweekly: 'every other', monthly: 'the first' };

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** "every Tuesday at 15:30 (Europe/London) for 60 minutes": a schedule as people read it. */
export function describeRhythm(
  schedule: Pick<SessionSchedule, 'cadence' | 'day' | 'minute' | 'lengthMinutes'>,
  zone: string,
): string {
  return `${RHYTHM[schedule.cadence]} ${DAY_NAME[schedule.day] ?? ''} at ${hhmm(schedule.minute)} (${zone}) for ${schedule.lengthMinutes} minutes`;
}

/** `schedule <weekly|biweekly|monthly> <day> <HH:MM> [<N>m]` and `schedule off`: the bot runs the sessions. */
export async function setSchedule(
  ctx: Context,
  choice: { cadence: Cadence; day: Weekday; time: LocalTime; minutes?: number } | 'off',
): Promise<void> {
  const { now } = ctx.deps;
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'schedule sessions');
  if (choice === 'off') {
    await commitWithMessages(ctx, async (repos) => {
      await repos.communities.setSchedule(community.id, null, null);
      return [channelNotice(community, { about: 'schedule.off', by: ctx.member.id }, now)];
    });
    await ctx.tellPrivately({
      text: `${community.name} has no schedule now. Sessions run when a facilitator starts them.`,
    });
    return;
  }
  const day = DAY_NUMBER[choice.day];
  if (day > 5)
    throw new DomainError('WeekendSchedule', 'Sessions are on school days: choose a day from Monday to Friday.');
  const minute = choice.time.hour * 60 + choice.time.minute;
  let said = '';
  // The schedule, the first step it leads to and the channel's notice, saved together; the row is
  // held while they are planned.
  await commitWithMessages(ctx, async (repos) => {
    const plan = await repos.communities.plan(community.id);
    const zone = plan?.community.timeZone ?? community.timeZone;
    const schedule: SessionSchedule = {
      cadence: choice.cadence,
      day,
      minute,
      lengthMinutes: choice.minutes ?? 60,
      anchor: firstDate(day, DateTime.fromJSDate(now).setZone(zone)),
      remind: plan?.schedule?.remind ?? true,
    };
    const closures = await repos.calendar.closures(community.workspaceId);
    const step = nextStep({ schedule, timeZone: zone, after: replanFrom(plan?.nextStepAt ?? null, now), closures });
    await repos.communities.setSchedule(community.id, schedule, step?.at ?? null);
    const first = step ? DateTime.fromJSDate(step.start).setZone(zone).toFormat('cccc d LLLL') : 'not yet';
    said = `${describeRhythm(schedule, zone)}. First: ${first}.`;
    return [channelNotice(community, { about: 'schedule.set', by: ctx.member.id, detail: said }, now)];
  });
  await ctx.tellPrivately({
    text: `${community.name} meets ${said}`,
    sections: [
      'I open each session with the "what\'s working" check-in, post the reflection a third of the way in, the closing check-in 15 minutes before the end, and the summary at the end. You can still move it on by hand.',
      'Breaks and holidays in the school calendar are skipped.',
    ],
  });
}
