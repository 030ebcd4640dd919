import type { GoalDraft } from '../../src/core/goals/goal.js';

/** A SMART goal as a teacher fills in the form, with the fields a test cares about given. */
export const draft = (over: Partial<GoalDraft> = {}): GoalDraft => ({
  specific: 'Read aloud to small groups twice a week',
  measure: '20 read-alouds',
  firstStep: 'Pick the first three books',
  relevance: 'My quiet readers get more turns',
  dueOn: '2026-05-29',
  cadence: 'weekly',
  celebrate: false,
  ...over,
});
