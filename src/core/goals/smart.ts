import type { GoalDraft } from './goal.js';
import { readMeasure } from './goal.js';

// A coach's read of a new goal: questions that help make it SMART, never a rejection. The teacher
// can save the goal as it is after seeing them.

const VAGUE = /\b(improve|be better|get better|do better|work on|try to|focus on|enhance|get more|be more)\b/i;
const MAX_DAYS_AHEAD = 365;

const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);

/** `today` is the teacher's local date, YYYY-MM-DD. */
export function coachGoal(draft: GoalDraft, today: string): string[] {
  const advice: string[] = [];
  if (VAGUE.test(draft.specific)) {
    advice.push(
      `"${draft.specific}" is a good direction. What would it look like in your classroom when it is working? ` +
        'Naming something you could see or do, like "read aloud to small groups twice a week", makes it easier to start.',
    );
  }
  if (readMeasure(draft.measure).target === null) {
    advice.push('What could you count to know it is working? A number helps you see progress, such as "10 exit tickets" or "3 small-group sessions a week".');
  }
  const days = dayNumber(draft.dueOn) - dayNumber(today);
  if (days < 0) advice.push(`${draft.dueOn} has already passed. What nearer date in the coming weeks would suit this goal?`);
  else if (days > MAX_DAYS_AHEAD) advice.push(`${draft.dueOn} is more than a year away. What could you reach in the next few weeks or months, as a first milestone?`);
  return advice;
}

// Kept here for the callers that read a teacher's local date with goals.
export { localDate } from '../time/local-time.js';
