import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goalsDue, nextNudgeSlot } from '../../src/core/nudges/schedule.js';
import type { Closure } from '../../src/core/time/closure.js';
import { startsBetween, type SessionSchedule } from '../../src/core/schedules/schedule.js';
import { dateAt, firstMinuteAtOrAfter, shiftDate, weekdayOf } from '../helpers/wall-clock-oracle.js';
import { DAY_MS, FIRST_YEAR, LAST_YEAR, ZONES, closed, runsOn } from '../helpers/zoned-walls.js';

// Nudges and scheduled sessions over a whole year, against a brute-force reading of the wall clock:
// a rhythm's dates are decided on the planned date, and a break only moves or drops them.

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
