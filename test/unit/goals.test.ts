import { describe, expect, it } from 'vitest';
import { describeProgress, readMeasure, type Goal } from '../../src/core/goals/goal.js';
import { coachGoal, localDate } from '../../src/core/goals/smart.js';
import { draft } from '../helpers/goal-drafts.js';

describe('SMART coaching', () => {
  const today = '2026-03-02';

  it('has nothing to ask of a specific, countable goal with a near date', () => {
    expect(coachGoal(draft(), today)).toEqual([]);
  });

  it('asks what it would look like when the verb is vague', () => {
    const [advice] = coachGoal(draft({ specific: 'Improve my reading groups' }), today);
    expect(advice).toMatch(/What would it look like in your classroom/);
  });

  it('asks what could be counted when the measure has no number', () => {
    expect(coachGoal(draft({ measure: 'students seem more engaged' }), today)).toEqual([
      expect.stringMatching(/What could you count/),
    ]);
  });

  it('asks for a nearer date when it has passed or is more than a year away', () => {
    expect(coachGoal(draft({ dueOn: '2026-03-01' }), today)).toEqual([expect.stringMatching(/has already passed/)]);
    expect(coachGoal(draft({ dueOn: '2027-03-03' }), today)).toEqual([expect.stringMatching(/more than a year away/)]);
    expect(coachGoal(draft({ dueOn: '2027-03-02' }), today)).toEqual([]);
  });

  it("reads the teacher's local date, on both sides of UTC", () => {
    const instant = new Date('2026-03-02T03:30:00Z');
    expect(localDate(instant, 'America/Chicago')).toBe('2026-03-01');
    expect(localDate(instant, 'Australia/Sydney')).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T18:45:00Z'), 'Asia/Kolkata')).toBe('2026-03-02');
  });
});

describe('progress lines', () => {
  const goal = (over: Partial<Goal>): Goal => ({
    ...draft(),
    id: 1,
    number: 1,
    memberId: 1,
    communityId: null,
    status: 'active',
    target: 20,
    unit: 'read-alouds',
    latest: null,
    previous: null,
    endedAt: null,
    createdAt: new Date(0),
    snoozedUntil: null,
    unanswered: 0,
    ...over,
  });

  it('shows the target, the percent and the trend', () => {
    expect(readMeasure('20 read-alouds')).toEqual({ target: 20, unit: 'read-alouds' });
    expect(readMeasure('students seem engaged')).toEqual({ target: null, unit: null });
    expect(describeProgress(goal({}))).toBe(
      'Read aloud to small groups twice a week: no progress logged yet. By 2026-05-29, checking in every week.',
    );
    expect(describeProgress(goal({ latest: 14, previous: 10 }))).toContain('14 of 20 read-alouds (70%), up from 10');
    expect(describeProgress(goal({ latest: 8, previous: 10 }))).toContain('8 of 20 read-alouds (40%), down from 10');
    expect(describeProgress(goal({ latest: 10, previous: 10 }))).toContain('(50%), steady');
    expect(describeProgress(goal({ target: null, unit: null, latest: 3 }))).toContain(': 3. By');
  });
});
