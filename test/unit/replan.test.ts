import { describe, expect, it } from 'vitest';
import { nextSlotWithGoalDue } from '../../src/core/plans/nudge-slot.js';
import { replanFrom } from '../../src/core/plans/replan-from.js';
import type { NudgeGoal } from '../../src/core/nudges/schedule.js';

const now = new Date('2026-03-02T12:00:00Z'); // a Monday
const tuesdays = { enabled: true, day: 2, minute: 15 * 60 + 30 };
const goal = (extra: Partial<NudgeGoal> = {}): NudgeGoal => ({
  id: 1,
  cadence: 'weekly',
  createdAt: new Date('2026-02-02T12:00:00Z'),
  snoozedUntil: null,
  ...extra,
});
const slot = (goals: NudgeGoal[], prefs = tuesdays) =>
  nextSlotWithGoalDue({ prefs, goals, timeZone: 'America/Chicago', after: now, closures: [] })?.toISOString() ?? null;

describe('re-planning', () => {
  it('counts from now, or from just before a time that came due and was not taken yet', () => {
    expect(replanFrom(null, now)).toEqual(now);
    expect(replanFrom(new Date('2026-03-02T12:05:00Z'), now)).toEqual(now);
    expect(replanFrom(new Date('2026-03-02T11:59:40Z'), now)).toEqual(new Date('2026-03-02T11:59:39.999Z'));
  });

  it('plans the next nudge on the first slot in which some goal is due', () => {
    expect(slot([])).toBeNull();
    expect(slot([goal()], { ...tuesdays, enabled: false })).toBeNull();
    expect(slot([goal()])).toBe('2026-03-03T21:30:00.000Z');
    // Snoozed past two Tuesdays: the third.
    expect(slot([goal({ snoozedUntil: new Date('2026-03-12T15:00:00Z') })])).toBe('2026-03-17T20:30:00.000Z');
    // Another goal still due: the snooze of one does not move the slot.
    expect(slot([goal({ snoozedUntil: new Date('2026-03-12T15:00:00Z') }), goal({ id: 2 })])).toBe(
      '2026-03-03T21:30:00.000Z',
    );
    // Monthly: the month's first slot, this week's in March; once it has passed, April's.
    expect(slot([goal({ cadence: 'monthly' })])).toBe('2026-03-03T21:30:00.000Z');
    expect(
      nextSlotWithGoalDue({
        prefs: tuesdays,
        goals: [goal({ cadence: 'monthly' })],
        timeZone: 'America/Chicago',
        after: new Date('2026-03-04T00:00:00Z'),
        closures: [],
      })?.toISOString(),
    ).toBe('2026-04-07T20:30:00.000Z');
  });

  it('still plans a slot when nothing falls due within a year, so the planner looks again then', () => {
    const far = slot([goal({ snoozedUntil: new Date('2028-01-01T00:00:00Z') })]);
    expect(far).not.toBeNull();
    expect(Date.parse(far ?? '')).toBeGreaterThan(Date.parse('2027-02-01T00:00:00Z'));
  });
});
