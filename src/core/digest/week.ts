import { DateTime } from 'luxon';

// Digest weeks run Monday 00:00 to the next Monday 00:00 in the receiving admin's zone. A sent
// digest covers the last full week before it goes out; the preview covers the current week so far.
// Pure: the current instant is passed in.

export interface DigestWeek {
  /** The week's Monday, YYYY-MM-DD, in the admin's zone: names the week in keys and storage. */
  startDate: string;
  from: Date;
  /** Exclusive: the next Monday's midnight, or now for a week still under way. */
  to: Date;
}

/** Digests go out each week at this local day and time unless an admin sets another. */
export const DEFAULT_DIGEST_TIME = { day: 1, minute: 7 * 60 + 30 };

export function validZone(timeZone: string): string {
  return DateTime.local().setZone(timeZone).isValid ? timeZone : 'UTC';
}

function monday(now: Date, timeZone: string): DateTime {
  return DateTime.fromJSDate(now).setZone(validZone(timeZone)).startOf('week');
}

/** The week whose Monday is `startDate`, in the zone given. */
export function weekStarting(startDate: string, timeZone: string): DigestWeek {
  const start = DateTime.fromISO(startDate, { zone: validZone(timeZone) }).startOf('day');
  return { startDate: start.toISODate() ?? startDate, from: start.toJSDate(), to: start.plus({ weeks: 1 }).toJSDate() };
}

/** The last full Monday-to-Sunday week before `now`: what a digest sent now covers. */
export function lastFullWeek(now: Date, timeZone: string): DigestWeek {
  return weekStarting(monday(now, timeZone).minus({ weeks: 1 }).toISODate() ?? '', timeZone);
}

/** This week from its Monday up to `now`: what `digest` previews. */
export function weekSoFar(now: Date, timeZone: string): DigestWeek {
  const start = monday(now, timeZone);
  return { startDate: start.toISODate() ?? '', from: start.toJSDate(), to: now };
}

/** The Mondays of the `count` weeks before the one starting on `startDate`, oldest first. */
export function weeksBefore(startDate: string, count: number): string[] {
  const start = DateTime.fromISO(startDate, { zone: 'UTC' });
  return Array.from({ length: count }, (_, i) => start.minus({ weeks: count - i }).toISODate() ?? '');
}

/**
 * The first send time strictly after `after`: ISO weekday `day` (1 = Monday .. 7 = Sunday) at
 * `minute` past local midnight. A local time that does not exist on a daylight-saving day moves to
 * the next valid minute (Luxon moves it forward); a repeated one fires once, at its first occurrence.
 */
export function nextDigestAt(input: { day: number; minute: number; timeZone: string; after: Date }): Date {
  const zone = validZone(input.timeZone);
  let day = monday(input.after, zone).plus({ days: input.day - 1 });
  for (;;) {
    const at = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: Math.floor(input.minute / 60), minute: input.minute % 60 },
      { zone },
    );
    // Luxon resolves a repeated local time to its second occurrence; the first is an hour earlier.
    const earlier = at.minus({ hours: 1 });
    const repeated = earlier.hour === at.hour && earlier.minute === at.minute;
    const first = repeated ? earlier : at;
    if (first.toMillis() > input.after.getTime()) return first.toJSDate();
    day = day.plus({ weeks: 1 });
  }
}

const DAY_NAMES = ['', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];

export function describeDigestTime(time: { day: number; minute: number }): string {
  const hhmm = `${String(Math.floor(time.minute / 60)).padStart(2, '0')}:${String(time.minute % 60).padStart(2, '0')}`;
  return `${DAY_NAMES[time.day] ?? 'Mondays'} at ${hhmm}`;
}
