import type { Goal } from '../../src/core/goals/goal.js';

/** An active weekly goal to plan nudges for, with the fields a test cares about given. */
export function aGoal(over: Partial<Goal> = {}): Goal {
  return {
    id: 1,
    number: 1,
    memberId: 1,
    communityId: null,
    status: 'active',
    specific: 'Read aloud',
    measure: '10 read-alouds',
    firstStep: null,
    relevance: null,
    dueOn: '2026-06-30',
    cadence: 'weekly',
    celebrate: false,
    target: 10,
    unit: 'read-alouds',
    latest: null,
    previous: null,
    endedAt: null,
    createdAt: new Date('2026-03-01T00:00:00Z'),
    snoozedUntil: null,
    unanswered: 0,
    ...over,
  };
}
