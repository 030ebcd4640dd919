import { describe, expect, it } from 'vitest';
import { planAdminDigest } from '../../src/core/digest/plan-digest.js';
import {
  DEFAULT_DIGEST_TIME,
  lastFullWeek,
  nextDigestAt,
  weekSoFar,
  weekStarting,
  weeksBefore,
} from '../../src/core/digest/week.js';

const iso = (d: Date) => d.toISOString();
const hours = (w: { from: Date; to: Date }) => (w.to.getTime() - w.from.getTime()) / 3_600_000;

describe('the digest week', () => {
  it("is the last full Monday-to-Sunday week in the admin's zone when a digest is sent", () => {
    const week = lastFullWeek(new Date('2026-12-07T13:30:00Z'), 'America/Chicago');
    expect(week.startDate).toBe('2026-11-30');
    expect(iso(week.from)).toBe('2026-11-30T06:00:00.000Z');
    expect(iso(week.to)).toBe('2026-12-07T06:00:00.000Z');
  });

  it('depends on the zone: the same instant is Monday in Sydney and still Sunday in Chicago', () => {
    const instant = new Date('2026-12-06T20:30:00Z');
    expect(lastFullWeek(instant, 'Australia/Sydney').startDate).toBe('2026-11-30');
    expect(iso(lastFullWeek(instant, 'Australia/Sydney').from)).toBe('2026-11-29T13:00:00.000Z');
    expect(lastFullWeek(instant, 'America/Chicago').startDate).toBe('2026-11-23');
  });

  it('is 167 hours when clocks go forward and 169 when they go back', () => {
    const spring = weekStarting('2026-03-02', 'America/New_York');
    expect(iso(spring.from)).toBe('2026-03-02T05:00:00.000Z');
    expect(iso(spring.to)).toBe('2026-03-09T04:00:00.000Z');
    expect(hours(spring)).toBe(167);
    const autumn = weekStarting('2026-10-19', 'Europe/London');
    expect(iso(autumn.from)).toBe('2026-10-18T23:00:00.000Z');
    expect(hours(autumn)).toBe(169);
  });

  it('previews the current week from its Monday up to now', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const week = weekSoFar(now, 'Asia/Kolkata');
    expect(week.startDate).toBe('2026-11-30');
    expect(iso(week.from)).toBe('2026-11-29T18:30:00.000Z');
    expect(week.to).toEqual(now);
  });

  it('falls back to UTC for a zone that does not exist', () => {
    expect(iso(lastFullWeek(new Date('2026-12-07T00:30:00Z'), 'Mars/Olympus').from)).toBe('2026-11-30T00:00:00.000Z');
  });

  it('names the weeks before it, oldest first, across a year end', () => {
    expect(weeksBefore('2027-01-04', 3)).toEqual(['2026-12-14', '2026-12-21', '2026-12-28']);
  });
});

describe('the next digest', () => {
  it("goes out on Monday at 07:30 in the admin's zone by default, strictly after the instant given", () => {
    const first = nextDigestAt({
      ...DEFAULT_DIGEST_TIME,
      timeZone: 'America/Chicago',
      after: new Date('2026-12-01T19:00:00Z'),
    });
    expect(iso(first)).toBe('2026-12-07T13:30:00.000Z');
    expect(iso(nextDigestAt({ ...DEFAULT_DIGEST_TIME, timeZone: 'America/Chicago', after: first }))).toBe(
      '2026-12-14T13:30:00.000Z',
    );
    expect(
      iso(
        nextDigestAt({ ...DEFAULT_DIGEST_TIME, timeZone: 'Australia/Sydney', after: new Date('2026-12-01T19:00:00Z') }),
      ),
    ).toBe('2026-12-06T20:30:00.000Z');
  });

  it('keeps the local time across a daylight-saving change', () => {
    const before = nextDigestAt({
      day: 1,
      minute: 450,
      timeZone: 'Europe/London',
      after: new Date('2026-03-25T00:00:00Z'),
    });
    expect(iso(before)).toBe('2026-03-30T06:30:00.000Z');
    expect(
      iso(nextDigestAt({ day: 1, minute: 450, timeZone: 'Europe/London', after: new Date('2026-03-20T00:00:00Z') })),
    ).toBe('2026-03-23T07:30:00.000Z');
  });

  it('moves a local time that does not exist to the next valid minute, and fires a repeated one once', () => {
    // 02:30 on Sunday 8 March 2026 does not exist in New York: the next valid minute is 03:00 EDT,
    // when the clocks jump.
    const gap = nextDigestAt({
      day: 7,
      minute: 150,
      timeZone: 'America/New_York',
      after: new Date('2026-03-07T00:00:00Z'),
    });
    expect(iso(gap)).toBe('2026-03-08T07:00:00.000Z');
    // 01:30 on Sunday 1 November 2026 happens twice: the first, EDT, and not again an hour later.
    const twice = nextDigestAt({
      day: 7,
      minute: 90,
      timeZone: 'America/New_York',
      after: new Date('2026-10-31T00:00:00Z'),
    });
    expect(iso(twice)).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(nextDigestAt({ day: 7, minute: 90, timeZone: 'America/New_York', after: twice }))).toBe(
      '2026-11-08T06:30:00.000Z',
    );
  });
});

describe("planning an admin's digest", () => {
  const base = { workspaceId: 4, memberId: 9, time: DEFAULT_DIGEST_TIME, timeZone: 'America/Chicago' };

  it('plans only the next send for an admin with none planned', () => {
    const plan = planAdminDigest({ ...base, slot: null, now: new Date('2026-12-01T19:00:00Z') });
    expect(plan.item).toBeNull();
    expect(iso(plan.next)).toBe('2026-12-07T13:30:00.000Z');
  });

  it('sends the last full week once its time has come, keyed per admin and week, and plans the week after', () => {
    const slot = new Date('2026-12-07T13:30:00Z');
    const plan = planAdminDigest({ ...base, slot, now: new Date('2026-12-07T13:31:00Z') });
    expect(plan.item).toEqual({
      workspaceId: 4,
      memberId: 9,
      kind: 'digest',
      key: 'digest:4:9:2026-11-30',
      dueAt: slot,
      payload: { memberId: 9, weekStart: '2026-11-30' },
    });
    expect(iso(plan.next)).toBe('2026-12-14T13:30:00.000Z');
  });

  it('gives the same key when the time is changed and comes round again in the same week', () => {
    const monday = planAdminDigest({
      ...base,
      slot: new Date('2026-12-07T13:30:00Z'),
      now: new Date('2026-12-07T13:30:00Z'),
    });
    const friday = planAdminDigest({
      ...base,
      time: { day: 5, minute: 600 },
      slot: new Date('2026-12-11T16:00:00Z'),
      now: new Date('2026-12-11T16:00:00Z'),
    });
    expect(friday.item?.key).toBe(monday.item?.key);
  });

  it('does not make up a send more than a week late', () => {
    const plan = planAdminDigest({
      ...base,
      slot: new Date('2026-11-23T13:30:00Z'),
      now: new Date('2026-12-07T13:31:00Z'),
    });
    expect(plan.item).toBeNull();
    expect(iso(plan.next)).toBe('2026-12-14T13:30:00.000Z');
  });
});
