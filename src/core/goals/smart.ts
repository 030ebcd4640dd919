import type { GoalDraft } from './goal.js';
import { readMeasure } from './goal.js';

// A coach's read of a new goal: questions that help make it SMART, never a rejection. The teacher
// can save the goal as it is after seeing them.

const VAGUE =
  /\b(improv\w*|be (?:an? )?better|become (?:an? )?better|get better|do better|better at|work on|try to|focus on|enhance|get more|be more|more engag\w*|engagement|strengthen|boost)\b/i;
// A direction plus a concrete how ("improve reading by running small groups twice a week") is specific enough.
const CONCRETE = /\d|\b(by|using|through|with)\b/i;
// Measures that count without a number yet: "Number of lessons with exit tickets", "every lesson", "weekly".
const COUNTABLE = /\b(number of|how many|count\w*|every|each|daily|weekly|monthly|per|times|tally|percent\w*)\b/i;
const MAX_DAYS_AHEAD = 365;

const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);

/** `today` is the teacher's local date, YYYY-MM-DD. */
export function coachGoal(draft: GoalDraft, today: string): string[] {
  const advice: string[] = [];
  if (VAGUE.test(draft.specific) && !CONCRETE.test(draft.specific)) {
    advice.push(
      `"${draft.specific}" is a good direction. What would it look like in your classroom when it is working? ` +
        'Naming something you could see or do, like "read aloud to small groups twice a week", makes it easier to start.',
    );
  }
  if (readMeasure(draft.measure).target === null && !COUNTABLE.test(draft.measure)) {
    advice.push(
      'What could you count to know it is working? A number helps you see progress, such as "10 exit tickets" or "3 small-group sessions a week".',
    );
  }
  const days = dayNumber(draft.dueOn) - dayNumber(today);
  if (days < 0) advice.push(pastDue(draft.dueOn));
  else if (days > MAX_DAYS_AHEAD)
    advice.push(
      `${draft.dueOn} is more than a year away. What could you reach in the next few weeks or months, as a first milestone?`,
    );
  return advice;
}

/** A due date before the teacher's today: such a goal is not saved. */
export const isPastDue = (dueOn: string, today: string) => dayNumber(dueOn) < dayNumber(today);

/** The coach's question for a date that has passed. */
export const pastDue = (dueOn: string) =>
  `${dueOn} has already passed. What nearer date in the coming weeks would suit this goal, such as in 6 weeks?`;

// Kept here for the callers that read a teacher's local date with goals.
export { localDate } from '../time/local-time.js';
