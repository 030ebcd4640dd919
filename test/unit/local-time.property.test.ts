import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextNudgeSlot } from '../../src/core/nudges/schedule.js';
import { lastFullWeek, nextDigestAt, weekSoFar } from '../../src/core/digest/week.js';
import { nextStep, type SessionSchedule } from '../../src/core/schedules/schedule.js';
import { atLocal, localDate, localMinute } from '../../src/core/time/local-time.js';
import { dateAt, firstMinuteAtOrAfter, shiftDate, wallAt, weekdayOf } from '../helpers/wall-clock-oracle.js';
import { DAY_MS, MINUTE_MS, closuresNear, oracleNextSlot, zonedWall } from '../helpers/zoned-walls.js';

// The local-time module against a brute-force reading of the wall clock, minute by minute, in zones
// with half-hour daylight saving (Lord Howe), 45-minute offsets (Chatham, Kathmandu), half-hour
// offsets without daylight saving (Kolkata), changes at midnight (Santiago, Havana) and late on a
// Thursday (Cairo), on dates chosen near their clock changes as often as not.

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
