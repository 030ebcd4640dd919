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

/** A teacher's first three goals, as they would type them in the goal form: what, and how they will know. */
export const THREE_GOALS = [
  { specific: 'Read aloud to small groups twice a week', measure: '20 read-alouds' },
  { specific: 'Use exit tickets in every math lesson', measure: '30 exit tickets' },
  { specific: 'Try one new questioning move each week', measure: '10 lessons with a new move' },
] as const;
