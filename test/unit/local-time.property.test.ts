import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goalsDue, nextNudgeSlot } from '../../src/core/nudges/schedule.js';
import type { Closure } from '../../src/core/time/closure.js';
import { lastFullWeek, nextDigestAt, weekSoFar } from '../../src/core/digest/week.js';
import { nextStep, startsBetween, type SessionSchedule } from '../../src/core/schedules/schedule.js';
import { atLocal, localDate, localMinute } from '../../src/core/time/local-time.js';
import {
  dateAt,
  firstMinuteAtOrAfter,
  shiftDate,
  transitions,
  wallAt,
  weekdayOf,
} from '../helpers/wall-clock-oracle.js';

// The local-time module against a brute-force reading of the wall clock, minute by minute, in zones
// with half-hour daylight saving (Lord Howe), 45-minute offsets (Chatham, Kathmandu), half-hour
// offsets without daylight saving (Kolkata), changes at midnight (Santiago, Havana) and late on a
// Thursday (Cairo), on dates chosen near their clock changes as often as not.

const ZONES = [
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/St_Johns',
  'America/New_York',
  'Europe/London',
  'Pacific/Chatham',
  'UTC',
  'Africa/Cairo',
  'America/Santiago',
  'America/Havana',
  'Asia/Kathmandu',
] as const;
const FIRST_YEAR = 2024;
const LAST_YEAR = 2030;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const changes = new Map(
  ZONES.map((zone) => [zone, transitions(zone, `${FIRST_YEAR}-01-01`, `${LAST_YEAR + 1}-01-01`)]),
);
const fromWall = (wall: number) => ({
  date: new Date(wall).toISOString().slice(0, 10),
  minute: Math.floor((wall % DAY_MS) / MINUTE_MS),
});

/** A zone and a wall reading in it: anywhere in the years, or within 90 minutes of a clock change. */
const zonedWall = fc.constantFrom(...ZONES).chain((zone) => {
  const anywhere = fc
    .integer({ min: Date.UTC(FIRST_YEAR, 0, 1) / MINUTE_MS, max: Date.UTC(LAST_YEAR, 11, 31) / MINUTE_MS })
    .map((m) => m * MINUTE_MS);
  const near = changes.get(zone) ?? [];
  const nearChange = near.length
    ? fc
        .tuple(fc.constantFrom(...near), fc.integer({ min: -90, max: 90 }), fc.boolean())
        .map(([c, shift, fromBefore]) => (fromBefore ? c.before : c.after) + shift * MINUTE_MS)
    : anywhere;
  return fc
    .tuple(fc.constant(zone), fc.oneof(anywhere, nearChange))
    .map(([z, wall]) => ({ zone: z, ...fromWall(wall) }));
});

/** Breaks and holidays around `date`: a few runs of one to ten days. */
const closuresNear = (date: string, spanDays: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: -10, max: spanDays }), fc.integer({ min: 0, max: 9 })), { maxLength: 5 })
    .map((runs) =>
      runs.map(([start, length]): Closure => ({ from: shiftDate(date, start), to: shiftDate(date, start + length) })),
    );

const closed = (date: string, closures: readonly Closure[]) => closures.some((c) => c.from <= date && date <= c.to);

/** The date a week's slot runs on: the planned weekday, else the next open school day of that week. */
function runsOn(planned: string, closures: readonly Closure[], onClosed: 'next-school-day' | 'skip'): string | null {
  if (onClosed === 'skip') return closed(planned, closures) ? null : planned;
  for (let date = planned; weekdayOf(date) <= 5 && weekdayOf(date) >= weekdayOf(planned); date = shiftDate(date, 1)) {
    if (!closed(date, closures)) return date;
  }
  return null;
}

/** Walks every local date from a week before `after`: the first that is its week's slot date and whose instant is after `after`. */
function oracleNextSlot(
  zone: string,
  day: number,
  minute: number,
  after: number,
  closures: readonly Closure[],
  onClosed: 'next-school-day' | 'skip',
): number | null {
  let date = shiftDate(dateAt(zone, after), -7);
  for (let i = 0; i < 7 * 62; i++, date = shiftDate(date, 1)) {
    const planned = shiftDate(date, day - weekdayOf(date));
    if (runsOn(planned, closures, onClosed) !== date) continue;
    const at = firstMinuteAtOrAfter(zone, date, minute);
    if (at > after) return at;
  }
  return null;
}

describe('a local wall time in a zone, against the minute-by-minute oracle', () => {
  it('is the first UTC minute whose wall clock reads that date and time or later', () => {
    fc.assert(
      fc.property(zonedWall, ({ zone, date, minute }) => {
        expect(atLocal(date, minute, zone).getTime()).toBe(firstMinuteAtOrAfter(zone, date, minute));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back the local date and minute of any instant', () => {
    fc.assert(
      fc.property(zonedWall, fc.integer({ min: -26 * 60, max: 26 * 60 }), ({ zone, date }, shift) => {
        const at = Date.parse(`${date}T12:00:00Z`) + shift * MINUTE_MS;
        const wall = wallAt(zone, at);
        expect(localDate(new Date(at), zone)).toBe(dateAt(zone, at));
        expect(localMinute(new Date(at), zone)).toBe(Math.floor((wall % DAY_MS) / MINUTE_MS));
      }),
      { numRuns: 400 },
    );
  });
});

describe('digest weeks, against the oracle', () => {
  it('run from the first minute of a local Monday to the first of the next, the last full one before the instant', () => {
    fc.assert(
      fc.property(zonedWall, fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }), ({ zone, date, minute }, shift) => {
        const now = firstMinuteAtOrAfter(zone, date, minute) + shift * MINUTE_MS;
        const today = dateAt(zone, now);
        const monday = shiftDate(today, 1 - weekdayOf(today));
        const last = lastFullWeek(new Date(now), zone);
        expect(last.startDate).toBe(shiftDate(monday, -7));
        expect(last.from.getTime()).toBe(firstMinuteAtOrAfter(zone, shiftDate(monday, -7), 0));
        expect(last.to.getTime()).toBe(firstMinuteAtOrAfter(zone, monday, 0));
        const current = weekSoFar(new Date(now), zone);
        expect(current.startDate).toBe(monday);
        expect(current.from.getTime()).toBe(last.to.getTime());
      }),
      { numRuns: 100 },
    );
  });
});

/** A slot placed on (or near) a wall reading, `after` a few days before it. */
const slotCase = (maxDay: number) =>
  fc
    .tuple(zonedWall, fc.integer({ min: 1, max: maxDay }), fc.integer({ min: 0, max: 9 * 24 * 60 }))
    .map(([wall, otherDay, before]) => {
      const weekday = weekdayOf(wall.date);
      return {
        zone: wall.zone,
        day: weekday <= maxDay ? weekday : otherDay,
        minute: wall.minute,
        after: firstMinuteAtOrAfter(wall.zone, wall.date, wall.minute) - before * MINUTE_MS,
        date: wall.date,
      };
    });

describe('the next weekly slot, against the oracle', () => {
  it('nudges: school days, a closed day moving to the next open one that week, none when the rest of the week is closed', () => {
    fc.assert(
      fc.property(
        slotCase(5).chain((c) => fc.tuple(fc.constant(c), closuresNear(c.date, 40))),
        ([{ zone, day, minute, after }, closures]) => {
          const got = nextNudgeSlot({
            prefs: { enabled: true, day, minute },
            timeZone: zone,
            after: new Date(after),
            closures,
          });
          expect(got?.getTime() ?? null).toBe(oracleNextSlot(zone, day, minute, after, closures, 'next-school-day'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('digests: any weekday, every week', () => {
    fc.assert(
      fc.property(slotCase(7), ({ zone, day, minute, after }) => {
        expect(nextDigestAt({ day, minute, timeZone: zone, after: new Date(after) }).getTime()).toBe(
          oracleNextSlot(zone, day, minute, after, [], 'skip'),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("sessions: the next start is the oracle's, a closed date skipped, its reminder at 15:00 the local day before", () => {
    fc.assert(
      fc.property(
        slotCase(5).chain((c) => fc.tuple(fc.constant(c), closuresNear(c.date, 40))),
        ([{ zone, day, minute, after }, closures]) => {
          const schedule: SessionSchedule = {
            cadence: 'weekly',
            day,
            minute,
            lengthMinutes: 60,
            anchor: '2020-01-01',
            remind: true,
          };
          const start = oracleNextSlot(zone, day, minute, after, closures, 'skip');
          if (start === null) return;
          // From just before the session's first step: its reminder when that comes before the start, else its opening.
          const reminder = firstMinuteAtOrAfter(zone, shiftDate(dateAt(zone, start), -1), 15 * 60);
          const first = nextStep({
            schedule,
            timeZone: zone,
            after: new Date(Math.min(reminder, start) - 1),
            closures,
          });
          expect(first?.start.getTime()).toBe(start);
          expect(first?.at.getTime()).toBe(Math.min(reminder, start));
          expect(first?.kind).toBe(reminder < start ? 'reminder' : 'open');
          const open = nextStep({ schedule, timeZone: zone, after: new Date(start - 1), closures });
          expect(open).toEqual({ kind: 'open', at: new Date(start), start: new Date(start) });
        },
      ),
      { numRuns: 200 },
    );
  });
});

// Whole years: a rhythm's dates are decided on the planned date, and a break only moves or drops them.

const yearCase = fc.record({
  zone: fc.constantFrom(...ZONES),
  year: fc.integer({ min: FIRST_YEAR, max: LAST_YEAR - 1 }),
  day: fc.integer({ min: 1, max: 5 }),
  minute: fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 240 })),
  closures: fc.array(fc.tuple(fc.integer({ min: -7, max: 372 }), fc.integer({ min: 0, max: 9 })), { maxLength: 12 }),
});
const yearClosures = (year: number, runs: [number, number][]): Closure[] =>
  runs.map(([start, length]) => ({
    from: shiftDate(`${year}-01-01`, start),
    to: shiftDate(`${year}-01-01`, start + length),
  }));

/** Each date of the year on ISO weekday `day`. */
function weekdaysOfYear(year: number, day: number): string[] {
  const dates: string[] = [];
  for (let date = `${year}-01-01`; date < `${year + 1}-01-01`; date = shiftDate(date, 1))
    if (weekdayOf(date) === day) dates.push(date);
  return dates;
}

const monthOf = (date: string) => date.slice(0, 7);

describe('nudges over a whole year', () => {
  it('one a week on the first open school day from the planned one; monthly goals once in every month whose planned week has one; two-weekly goals every other planned week', () => {
    fc.assert(
      fc.property(
        yearCase,
        fc.integer({ min: -60, max: 60 }),
        ({ zone, year, day, minute, closures: runs }, createdShift) => {
          const closures = yearClosures(year, runs);
          const createdAt = new Date(Date.UTC(year, 0, 1) + createdShift * DAY_MS);
          const goals = [
            { id: 1, cadence: 'weekly' as const, createdAt, snoozedUntil: null },
            { id: 2, cadence: 'biweekly' as const, createdAt, snoozedUntil: null },
            { id: 3, cadence: 'monthly' as const, createdAt, snoozedUntil: null },
          ];
          const sent: { date: string; goals: number[] }[] = [];
          const start = firstMinuteAtOrAfter(zone, `${year}-01-01`, 0);
          const end = firstMinuteAtOrAfter(zone, `${year + 1}-01-01`, 0);
          for (
            let at = nextNudgeSlot({
              prefs: { enabled: true, day, minute },
              timeZone: zone,
              after: new Date(start - 1),
              closures,
            });
            at && at.getTime() < end;
          ) {
            sent.push({ date: dateAt(zone, at.getTime()), goals: goalsDue(goals, at, zone, day).map((g) => g.id) });
            at = nextNudgeSlot({ prefs: { enabled: true, day, minute }, timeZone: zone, after: at, closures });
          }

          // Planned from the week Jan 1 is in: a break may move the last planned date of the year before into this one.
          const expected = [...weekdaysOfYear(year - 1, day).slice(-1), ...weekdaysOfYear(year, day)].flatMap(
            (planned) => {
              const date = runsOn(planned, closures, 'next-school-day');
              return date && date.startsWith(String(year)) ? [{ planned, date }] : [];
            },
          );
          // Every week with an open school day from the planned one gets exactly one, there.
          expect(sent.map((s) => s.date)).toEqual(expected.map((e) => e.date));
          expect(sent.every((s) => s.goals.includes(1))).toBe(true);
          // Monthly: once in each month whose first planned weekday has an open school day after it that week.
          for (let month = 1; month <= 12; month++) {
            const key = `${year}-${String(month).padStart(2, '0')}`;
            const firstPlanned = weekdaysOfYear(year, day).find((d) => monthOf(d) === key) ?? '';
            const monthly = sent.filter((s) => s.goals.includes(3));
            const inMonth = monthly.filter((s) => monthOf(s.date) === key);
            expect(inMonth.length, key).toBe(runsOn(firstPlanned, closures, 'next-school-day') ? 1 : 0);
          }
          // Two-weekly: the planned weeks an even number of weeks from the goal's week.
          const createdMonday = shiftDate(
            dateAt(zone, createdAt.getTime()),
            1 - weekdayOf(dateAt(zone, createdAt.getTime())),
          );
          expected.forEach(({ planned }, index) => {
            const weeks = (Date.parse(planned) - Date.parse(createdMonday)) / (7 * DAY_MS);
            expect(sent[index]?.goals.includes(2), planned).toBe(Math.floor(weeks) % 2 === 0);
          });
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('scheduled sessions over a whole year', () => {
  const sessionYear = fc.tuple(
    yearCase,
    fc.constantFrom('weekly' as const, 'biweekly' as const, 'monthly' as const),
    fc.integer({ min: -20, max: 200 }),
  );

  it('start on exactly the planned dates that are open: the first weekday of each month, or every other week from the first date', () => {
    fc.assert(
      fc.property(sessionYear, ([{ zone, year, day, minute, closures: runs }, cadence, anchorShift]) => {
        const closures = yearClosures(year, runs);
        const anchor = runsOnWeekday(shiftDate(`${year}-01-01`, anchorShift), day);
        const schedule: SessionSchedule = { cadence, day, minute, lengthMinutes: 60, anchor, remind: false };
        const from = firstMinuteAtOrAfter(zone, `${year}-01-01`, 0);
        const to = firstMinuteAtOrAfter(zone, `${year + 1}-01-01`, 0);
        const got = startsBetween({ schedule, timeZone: zone, from: new Date(from), to: new Date(to), closures }).map(
          (at) => at.getTime(),
        );

        const planned = weekdaysOfYear(year, day).filter((date) => {
          if (date < anchor) return false;
          if (cadence === 'monthly') return Number(date.slice(8)) <= 7;
          if (cadence === 'biweekly') return ((Date.parse(date) - Date.parse(anchor)) / DAY_MS) % 14 === 0;
          return true;
        });
        const open = planned.filter((date) => !closed(date, closures));
        expect(got).toEqual(
          open.map((date) => firstMinuteAtOrAfter(zone, date, minute)).filter((at) => at >= from && at < to),
        );

        if (cadence === 'monthly') {
          // Each month from the first date's: exactly one session unless its first such weekday is closed.
          for (const date of planned) {
            const month = monthOf(date);
            const sessions = got.filter((at) => monthOf(dateAt(zone, at)) === month);
            expect(sessions.length, month).toBe(closed(date, closures) ? 0 : 1);
          }
        }
        if (cadence === 'biweekly') {
          // A skipped date keeps the rhythm: every start is a whole number of fortnights from the first date.
          for (const at of got) expect(((Date.parse(dateAt(zone, at)) - Date.parse(anchor)) / DAY_MS) % 14).toBe(0);
        }
      }),
      { numRuns: 80 },
    );
  });
});

/** The first date on or after `date` on ISO weekday `day`. */
function runsOnWeekday(date: string, day: number): string {
  return shiftDate(date, (day - weekdayOf(date) + 7) % 7);
}
