import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, goalsDue, nextNudgeSlot, type NudgePrefs } from '../../src/core/nudges/schedule.js';
import { planMemberNudge } from '../../src/core/nudges/plan-nudge.js';
import { aGoal } from '../helpers/goal-fixture.js';

const slot = (
  after: string,
  timeZone: string,
  prefs: NudgePrefs = DEFAULT_PREFS,
  closures: { from: string; to: string }[] = [],
) => nextNudgeSlot({ prefs, timeZone, after: new Date(after), closures })?.toISOString();

describe('the next nudge', () => {
  it("comes on the teacher's day and time, in their own zone, on both sides of UTC", () => {
    // Tuesday 15:30 local.
    expect(slot('2026-03-02T12:00:00Z', 'America/Chicago')).toBe('2026-03-03T21:30:00.000Z');
    expect(slot('2026-03-02T12:00:00Z', 'Australia/Sydney')).toBe('2026-03-03T04:30:00.000Z');
    expect(slot('2026-03-02T12:00:00Z', 'Asia/Kolkata')).toBe('2026-03-03T10:00:00.000Z');
  });

  it('is strictly after the instant given, so a sent slot leads to the next week', () => {
    expect(slot('2026-03-03T21:30:00Z', 'America/Chicago')).toBe('2026-03-10T20:30:00.000Z');
  });

  it('follows daylight saving: the same local time, a different UTC instant', () => {
    // Chicago moves to summer time on Sunday 8 March 2026; Sydney to winter time on Sunday 5 April.
    expect(slot('2026-03-04T00:00:00Z', 'America/Chicago')).toBe('2026-03-10T20:30:00.000Z');
    expect(slot('2026-04-01T00:00:00Z', 'Australia/Sydney')).toBe('2026-04-07T05:30:00.000Z');
    expect(slot('2026-03-31T00:00:00Z', 'Australia/Sydney')).toBe('2026-03-31T04:30:00.000Z');
  });

  it('never falls on a weekend, and moves a holiday to the next school day of that week', () => {
    const friday = { enabled: true, day: 5, minute: 8 * 60 };
    expect(slot('2026-03-06T20:00:00Z', 'Europe/London', friday)).toBe('2026-03-13T08:00:00.000Z');
    expect(
      slot('2026-03-02T00:00:00Z', 'Europe/London', DEFAULT_PREFS, [{ from: '2026-03-03', to: '2026-03-03' }]),
    ).toBe('2026-03-04T15:30:00.000Z');
    // A break to the end of the week skips that week rather than doubling the next one.
    expect(
      slot('2026-03-02T00:00:00Z', 'Europe/London', DEFAULT_PREFS, [{ from: '2026-03-02', to: '2026-03-06' }]),
    ).toBe('2026-03-10T15:30:00.000Z');
    expect(slot('2026-03-02T00:00:00Z', 'Europe/London', friday, [{ from: '2026-03-06', to: '2026-03-06' }])).toBe(
      '2026-03-13T08:00:00.000Z',
    );
  });

  it('is off when nudges are off, and survives an unknown zone', () => {
    expect(slot('2026-03-02T00:00:00Z', 'UTC', { ...DEFAULT_PREFS, enabled: false })).toBeUndefined();
    expect(slot('2026-03-02T00:00:00Z', 'Mars/Olympus')).toBe('2026-03-03T15:30:00.000Z');
  });
});

describe('which goals a nudge covers', () => {
  const created = new Date('2026-03-02T12:00:00Z');
  const goals = [
    { id: 1, cadence: 'weekly' as const, createdAt: created, snoozedUntil: null },
    { id: 2, cadence: 'biweekly' as const, createdAt: created, snoozedUntil: null },
    { id: 3, cadence: 'monthly' as const, createdAt: created, snoozedUntil: null },
    { id: 4, cadence: 'weekly' as const, createdAt: created, snoozedUntil: new Date('2026-03-12T00:00:00Z') },
  ];
  const due = (at: string) => goalsDue(goals, new Date(at), 'America/Chicago').map((g) => g.id);

  it('takes weekly goals every week, two-weekly ones every other week, monthly ones in the first week, and none snoozed', () => {
    expect(due('2026-03-03T21:30:00Z')).toEqual([1, 2, 3]);
    expect(due('2026-03-10T20:30:00Z')).toEqual([1]);
    expect(due('2026-03-17T20:30:00Z')).toEqual([1, 2, 4]);
    expect(due('2026-04-07T20:30:00Z')).toEqual([1, 3, 4]);
  });
});

describe('planning a member whose zone changed since their slot was planned', () => {
  const goal = aGoal();

  it('sends the slot that came and plans the next one a week on, not the same weekday again hours later', () => {
    // Monday 07:00 in Sydney, planned before the teacher's profile moved to New York.
    const slot = new Date('2026-03-08T20:00:00Z');
    const plan = planMemberNudge({
      memberId: 1,
      workspaceId: 1,
      prefs: { enabled: true, day: 1, minute: 420 },
      timeZone: 'America/New_York',
      slot,
      now: slot,
      goals: [goal],
      closures: [],
    });
    expect(plan.item?.dueAt).toEqual(slot);
    // Monday 07:00 New York time is 2026-03-09T11:00Z, only 15 hours on: the week after instead.
    expect(plan.next?.toISOString()).toBe('2026-03-16T11:00:00.000Z');
  });
});
