import { addDays, atLocal, isoWeekday, localDate, localMinute } from '../time/local-time.js';
import { isClosed, type Closure } from '../time/closure.js';
import { ANSWER_WITHIN_SCHOOL_DAYS } from './ask.js';

// "Two school days" counts only days a teacher is at school: weekends, breaks and holidays do not
// use up a mentor's time to answer. Pure.

const LONGEST_SEARCH_DAYS = 400;

/**
 * When an ask made at `at` must have a mentor: the same local time on the second school day after
 * the day it was made, in the workspace's zone and calendar. An ask made on Friday afternoon is due
 * on Tuesday afternoon; one made during a break, on the second school day after it.
 */
export function answerBy(
  at: Date,
  timeZone: string,
  closures: readonly Closure[],
  schoolDays = ANSWER_WITHIN_SCHOOL_DAYS,
): Date {
  const minute = localMinute(at, timeZone);
  let date = localDate(at, timeZone);
  for (let counted = 0, step = 0; counted < schoolDays;) {
    date = addDays(date, 1);
    // A calendar that closes school for more than a year is a mistake; the ask still gets an answer.
    if (++step > LONGEST_SEARCH_DAYS) return new Date(at.getTime() + 14 * 24 * 3_600_000);
    if (isoWeekday(date) <= 5 && !isClosed(date, closures)) counted++;
  }
  return atLocal(date, minute, timeZone);
}
