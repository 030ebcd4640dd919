import type { Figure, Shown } from '../digest/figures.js';
import { showFigure } from '../digest/privacy.js';
import { addDays, atLocal, daysBetween, isoWeekday, localDate, type LocalDate } from '../time/local-time.js';
import { isClosed, type Closure } from '../time/closure.js';
import { fittingTopics } from './match.js';

// Mentor rotation. Terms end on a date (the admin's, or the end of the school year), so that more
// teachers are recognised as mentors over the years and everyone finds one who fits. A month before,
// admins are asked to choose the next mentors, with figures across all mentors only (never who did
// more); at the end, mentors who step down are thanked with their own counts, shown to them alone,
// and the ones who come in are welcomed. Pure: the planner and the commands pass everything in.

/** The admins' notice comes this many days before the term ends. */
const NOTICE_DAYS = 30;

/** A break this long or longer is the long break between school years. */
const LONG_BREAK_DAYS = 28;

/**
 * A term found by default lasts at least this long: mentors named a week before the summer, or a term
 * an admin ended early, do not rotate again days later; the admins' notice month always fits.
 */
const MIN_TERM_DAYS = 30;

/** `rotation <date>`: no further ahead than this. */
const MAX_TERM_DAYS = 2 * 366;

/** When, in the workspace's zone, the notice goes (09:00) and the term ends (16:00, after lessons). */
const NOTICE_MINUTE = 9 * 60;
const CHANGE_MINUTE = 16 * 60;

/** Topics named in the notice, the most asked about first. */
const TOPICS_IN_NOTICE = 8;

/** Without a long break in the calendar, the school year is taken to end on 30 June. */
const YEAR_END = '06-30';

/** A workspace's term as stored; `endsOn` null is the default, the end of the school year. */
export interface RotationState {
  workspaceId: number;
  endsOn: LocalDate | null;
  /** When the term began: the last changeover, or null when there has been none yet. */
  startedAt: Date | null;
  /** The end date whose notice was sent. */
  noticeFor: LocalDate | null;
  nextAt: Date | null;
  version: number;
}

export const freshRotation = (workspaceId: number): RotationState => ({
  workspaceId,
  endsOn: null,
  startedAt: null,
  noticeFor: null,
  nextAt: null,
  version: 0,
});

const isSchoolDay = (date: LocalDate, closures: readonly Closure[]) =>
  isoWeekday(date) <= 5 && !isClosed(date, closures);

/** The last school day before `date`. */
function schoolDayBefore(date: LocalDate, closures: readonly Closure[]): LocalDate {
  let day = addDays(date, -1);
  // A year of closed days would be a mistake in the calendar: stop rather than walk back for ever.
  for (let step = 0; step < 366 && !isSchoolDay(day, closures); step++) day = addDays(day, -1);
  return day;
}

/**
 * The end of the school year on or after `after`: the last school day before the first long break
 * (four weeks or more) that starts after it, as the workspace's calendar holds it; without one,
 * 30 June. On that last day itself, the year still ends that day.
 */
export function schoolYearEnd(after: LocalDate, closures: readonly Closure[]): LocalDate {
  const longBreak = closures
    .filter((c) => c.from > after && daysBetween(c.from, c.to) + 1 >= LONG_BREAK_DAYS)
    .sort((a, b) => (a.from < b.from ? -1 : 1))[0];
  const year = Number(after.slice(0, 4));
  const june = `${year}-${YEAR_END}` >= after ? `${year}-${YEAR_END}` : `${year + 1}-${YEAR_END}`;
  if (longBreak && longBreak.from <= addDays(june, 120)) {
    const end = schoolDayBefore(longBreak.from, closures);
    if (end >= after) return end;
  }
  return june;
}

/** When the term ends, and whether an admin chose the date. */
export function termEnd(input: { state: RotationState; closures: readonly Closure[]; zone: string; now: Date }): {
  endsOn: LocalDate;
  chosen: boolean;
} {
  const { state, closures, zone, now } = input;
  if (state.endsOn) return { endsOn: state.endsOn, chosen: true };
  // A term not begun yet (no mentor planned for so far) begins now; the planner stores that.
  const begun = localDate(state.startedAt ?? now, zone);
  const today = localDate(now, zone);
  const earliest = addDays(begun, MIN_TERM_DAYS) > today ? addDays(begun, MIN_TERM_DAYS) : today;
  return { endsOn: schoolYearEnd(earliest, closures), chosen: false };
}

export interface RotationStep {
  /** `notice`: admins are asked now; `change`: the term ends now; `wait`: nothing until `next`. */
  kind: 'notice' | 'change' | 'wait';
  endsOn: LocalDate;
  noticeAt: Date;
  changeAt: Date;
  /** When the planner looks again, after this step. */
  next: Date;
}

/** What is due for a workspace's term at `now`. A notice goes once per end date, even if the date moved after it. */
export function rotationStep(input: {
  state: RotationState;
  closures: readonly Closure[];
  zone: string;
  now: Date;
}): RotationStep {
  const { endsOn } = termEnd(input);
  const noticeAt = atLocal(addDays(endsOn, -NOTICE_DAYS), NOTICE_MINUTE, input.zone);
  const changeAt = atLocal(endsOn, CHANGE_MINUTE, input.zone);
  const now = input.now.getTime();
  const noticeSent = input.state.noticeFor === endsOn;
  if (now >= changeAt.getTime()) return { kind: 'change', endsOn, noticeAt, changeAt, next: changeAt };
  if (!noticeSent && now >= noticeAt.getTime()) return { kind: 'notice', endsOn, noticeAt, changeAt, next: changeAt };
  return { kind: 'wait', endsOn, noticeAt, changeAt, next: noticeSent ? changeAt : noticeAt };
}

/** Why a date cannot end the term, or null when it can. */
export function endDateProblem(date: LocalDate, today: LocalDate): string | null {
  if (date <= today) return `Mentor terms can only end on a date still to come; ${date} is not.`;
  if (daysBetween(today, date) > MAX_TERM_DAYS) return 'Mentor terms end within two years; pick a nearer date.';
  return null;
}

/** One ask of the term, as the figures need it: who asked, who took it, and the words the topics are read from. */
export interface TermAsk {
  askerId: number;
  createdAt: Date;
  helperId: number | null;
  takenAt: Date | null;
  /** What they asked, or null when the retention period has cleared it. */
  text: string | null;
}

export interface TermFigures {
  made: Shown;
  taken: Shown;
  /** Topics of today's mentors that at least `threshold` different people asked about, the most asked first. */
  topics: string[];
}

/**
 * Figures across all mentors for a term, under the fewer-than-threshold rule: asks made (people: the
 * askers), asks a mentor or leader took (people: the fewer of askers and helpers, so one mentor who
 * took them all is not singled out). Topics carry no numbers: two topic counts could be subtracted
 * from each other or from the total to describe a handful of asks.
 */
export function termFigures(input: {
  asks: readonly TermAsk[];
  topics: readonly string[];
  from: Date;
  to: Date;
  threshold: number;
}): TermFigures {
  const inTerm = (at: Date | null) => at !== null && at >= input.from && at < input.to;
  const made = input.asks.filter((ask) => inTerm(ask.createdAt));
  const taken = input.asks.filter((ask) => inTerm(ask.takenAt) && ask.helperId !== null);
  const distinct = (ids: readonly (number | null)[]) => new Set(ids).size;
  const madeFigure: Figure = { count: made.length, people: distinct(made.map((a) => a.askerId)) };
  const takenFigure: Figure = {
    count: taken.length,
    people: Math.min(distinct(taken.map((a) => a.askerId)), distinct(taken.map((a) => a.helperId))),
  };
  const askersOf = new Map<string, Set<number>>();
  for (const ask of made) {
    if (!ask.text) continue;
    for (const topic of fittingTopics(input.topics, ask.text)) {
      const key = topic.toLowerCase();
      askersOf.set(key, (askersOf.get(key) ?? new Set()).add(ask.askerId));
    }
  }
  const named = new Map(input.topics.map((t) => [t.toLowerCase(), t]));
  const topics = [...askersOf.entries()]
    .filter(([, askers]) => askers.size >= input.threshold)
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
    .slice(0, TOPICS_IN_NOTICE)
    .map(([key]) => named.get(key) ?? key);
  return { made: showFigure(madeFigure, input.threshold), taken: showFigure(takenFigure, input.threshold), topics };
}

/** A mentor's own figures for their term, for their thank-you only. */
export function ownFigures(
  asks: readonly Pick<TermAsk, 'askerId' | 'helperId' | 'takenAt'>[],
  memberId: number,
  from: Date,
  to: Date,
): { taken: number; people: number } {
  const theirs = asks.filter(
    (ask) => ask.helperId === memberId && ask.takenAt !== null && ask.takenAt >= from && ask.takenAt < to,
  );
  return { taken: theirs.length, people: new Set(theirs.map((a) => a.askerId)).size };
}

/** Who steps down, who carries on, who comes in, when the term ends with these named for the next. */
export function changeover<M extends { memberId: number }, N extends { memberId: number }>(
  current: readonly M[],
  next: readonly N[],
): { outgoing: M[]; continuing: N[]; incoming: N[] } {
  const nextIds = new Set(next.map((n) => n.memberId));
  const currentIds = new Set(current.map((m) => m.memberId));
  return {
    outgoing: current.filter((m) => !nextIds.has(m.memberId)),
    continuing: next.filter((n) => currentIds.has(n.memberId)),
    incoming: next.filter((n) => !currentIds.has(n.memberId)),
  };
}
