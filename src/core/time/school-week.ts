import { isClosed, type Closure } from './closure.js';
import {
  addDays,
  atLocal,
  dayNumber,
  dayOfMonth,
  isoWeekday,
  localDate,
  mondayOf,
  type LocalDate,
} from './local-time.js';

// Weekly rhythms on school days: which date of each Monday-to-Sunday week a rule plans, what a
// break or holiday does to it, and the instant it comes at. Whether a week has a date at all (a
// monthly rule's first week, a two-weekly rule's every other week) is decided on the planned date,
// before any break moves it: a date a break moves within its week never gives a month a second
// monthly date or takes its one away, and a skipped date keeps a two-weekly rhythm counting.

export type Cadence = 'weekly' | 'biweekly' | 'monthly';

/**
 * What a planned date on a break or holiday does: `next-school-day` moves to the next open school
 * day (Monday to Friday) of the same week, and the week has none when the rest of it is closed (it
 * is not made up later); `skip` drops that date.
 */
export type OnClosed = 'next-school-day' | 'skip';

export interface WeeklyRule {
  /** ISO weekday of the planned date, 1 = Monday .. 7 = Sunday. */
  day: number;
  /** Minutes after local midnight. */
  minute: number;
  /** Default weekly; `monthly` is the first such weekday of each month. */
  cadence?: Cadence;
  /** No planned date before this one; a two-weekly rhythm counts its weeks from it. */
  anchor?: LocalDate;
  onClosed: OnClosed;
}

/** One date a rule comes on: the date it planned, the date it runs on after a break moved it, and when. */
export interface Occurrence {
  planned: LocalDate;
  date: LocalDate;
  at: Date;
}

const LAST_SCHOOL_DAY = 5;
const DEFAULT_WEEKS_AHEAD = 120;

/** A monthly rhythm's date: the first of its weekday in the month. */
export const isFirstWeekOfMonth = (planned: LocalDate): boolean => dayOfMonth(planned) <= 7;

/** Whole Monday-to-Sunday weeks from the week of `from` to the week of `to`. */
const weeksBetween = (from: LocalDate, to: LocalDate): number =>
  Math.round((dayNumber(mondayOf(to)) - dayNumber(mondayOf(from))) / 7);

/** A two-weekly rhythm's date: an even number of weeks from the week it counts from. */
export const isEveryOtherWeek = (planned: LocalDate, countFrom: LocalDate): boolean =>
  weeksBetween(countFrom, planned) % 2 === 0;

/**
 * The date a slot on `date` was planned for, when its rule's weekday is `day`: a break moves a slot
 * later in its week only, so an earlier weekday of the same week was the plan. A slot on a weekday
 * before `day` (the rule changed since) is taken as planned where it is.
 */
export function plannedDate(date: LocalDate, day: number): LocalDate {
  return isoWeekday(date) >= day ? addDays(mondayOf(date), day - 1) : date;
}

const hasAnchor = (rule: WeeklyRule): rule is WeeklyRule & { anchor: LocalDate } =>
  rule.anchor !== undefined && !Number.isNaN(dayNumber(rule.anchor));

/** Whether the rule plans a date in the week of `planned`, on `planned` (already its weekday). */
function plans(rule: WeeklyRule, planned: LocalDate): boolean {
  if (hasAnchor(rule) && planned < rule.anchor) return false;
  if (rule.cadence === 'monthly') return isFirstWeekOfMonth(planned);
  // Without a first date to count from, two-weekly rhythms count from the week of 1970-01-05.
  if (rule.cadence === 'biweekly') return isEveryOtherWeek(planned, hasAnchor(rule) ? rule.anchor : '1970-01-05');
  return true;
}

/** Where a planned date runs once breaks and holidays are taken into account; null: not that week. */
function schoolDay(planned: LocalDate, closures: readonly Closure[], onClosed: OnClosed): LocalDate | null {
  if (!isClosed(planned, closures)) return planned;
  if (onClosed === 'skip') return null;
  for (
    let date = addDays(planned, 1);
    isoWeekday(date) <= LAST_SCHOOL_DAY && isoWeekday(date) > isoWeekday(planned);
    date = addDays(date, 1)
  ) {
    if (!isClosed(date, closures)) return date;
  }
  return null;
}

/** The rule's occurrences in order, week by week from the local week of `from`, for `weeks` weeks. */
export function* occurrences(
  rule: WeeklyRule,
  timeZone: string,
  from: Date,
  closures: readonly Closure[],
  weeks = DEFAULT_WEEKS_AHEAD,
): Generator<Occurrence> {
  let planned = addDays(mondayOf(localDate(from, timeZone)), rule.day - 1);
  for (let week = 0; week < weeks; week++, planned = addDays(planned, 7)) {
    if (!plans(rule, planned)) continue;
    const date = schoolDay(planned, closures, rule.onClosed);
    if (date) yield { planned, date, at: atLocal(date, rule.minute, timeZone) };
  }
}

/** The first occurrence strictly after `after`; null when none comes within `weeks` weeks. */
export function nextOccurrence(
  rule: WeeklyRule,
  timeZone: string,
  after: Date,
  closures: readonly Closure[],
  weeks = DEFAULT_WEEKS_AHEAD,
): Occurrence | null {
  // From the week before: a date the clocks skip whole (a zone moving across the date line) comes
  // at the start of the next day, which may be in the next week.
  for (const occurrence of occurrences(
    rule,
    timeZone,
    new Date(after.getTime() - 7 * 86_400_000),
    closures,
    weeks + 1,
  )) {
    if (occurrence.at.getTime() > after.getTime()) return occurrence;
  }
  return null;
}
