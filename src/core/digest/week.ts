import { addDays, atLocal, localDate, mondayOf } from '../time/local-time.js';
import { nextOccurrence } from '../time/school-week.js';

// Digest weeks run Monday 00:00 to the next Monday 00:00 in the receiving admin's zone. A sent
// digest covers the last full week before it goes out, and `digest` previews that week as stored;
// of the week under way (`weekSoFar`) only its sessions held are shown.
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

/** Monday of the week of `now`, in the zone's local dates. */
const mondayOfWeek = (now: Date, timeZone: string) => mondayOf(localDate(now, timeZone));

/** The week whose Monday is `startDate`, in the zone given: from its midnight to the next Monday's. */
export function weekStarting(startDate: string, timeZone: string): DigestWeek {
  return { startDate, from: atLocal(startDate, 0, timeZone), to: atLocal(addDays(startDate, 7), 0, timeZone) };
}

/** The last full Monday-to-Sunday week before `now`: what a digest sent now covers. */
export function lastFullWeek(now: Date, timeZone: string): DigestWeek {
  return weekStarting(addDays(mondayOfWeek(now, timeZone), -7), timeZone);
}

/** This week from its Monday up to `now`: what `digest` previews. */
export function weekSoFar(now: Date, timeZone: string): DigestWeek {
  const startDate = mondayOfWeek(now, timeZone);
  return { startDate, from: atLocal(startDate, 0, timeZone), to: now };
}

/** The Mondays of the `count` weeks before the one starting on `startDate`, oldest first. */
export function weeksBefore(startDate: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(startDate, -7 * (count - i)));
}

/**
 * The first send time strictly after `after`: ISO weekday `day` (1 = Monday .. 7 = Sunday) at
 * `minute` past local midnight. A local time that does not exist on a daylight-saving day moves to
 * the next valid minute; a repeated one fires once, at its first occurrence.
 */
export function nextDigestAt(input: { day: number; minute: number; timeZone: string; after: Date }): Date {
  const rule = { day: input.day, minute: input.minute, onClosed: 'skip' as const };
  const next = nextOccurrence(rule, input.timeZone, input.after, []);
  // A weekly rule with no breaks has a date every week.
  if (!next) throw new Error(`no digest time after ${input.after.toISOString()}`);
  return next.at;
}

const DAY_NAMES = ['', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];

export function describeDigestTime(time: { day: number; minute: number }): string {
  const hhmm = `${String(Math.floor(time.minute / 60)).padStart(2, '0')}:${String(time.minute % 60).padStart(2, '0')}`;
  return `${DAY_NAMES[time.day] ?? 'Mondays'} at ${hhmm}`;
}
