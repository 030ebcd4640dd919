import type { Message } from '../messages.js';
import type { PairsMode } from './model.js';

// What pairing rounds say. Introductions are open-ended and strengths-first; whether a pair met is
// asked once, gently, and never reported as anyone's failure.

const list = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** When no reflection prompt has been posted in the circle yet. */
export const FIRST_QUESTION = 'What is one thing that is working in your classroom right now, and what makes it work?';

export function pairIntroduction(input: {
  circle: string;
  names: readonly string[];
  question: string;
  mentorNames: readonly string[];
}): Message {
  const { circle, names } = input;
  const who = input.mentorNames.length
    ? ` ${list(input.mentorNames)} ${input.mentorNames.length === 1 ? 'mentors' : 'mentor'} this round.`
    : '';
  return {
    text: `This round of ${circle} pairs ${list(names)}: find half an hour to meet.${who}`,
    sections: [
      `A question to start with, from your circle's recent reflection: ${input.question}`,
      'In a few days I will ask whether you managed to meet. `pairs skip <weeks>` sits out rounds for a while.',
    ],
  };
}

export function pairFollowUp(input: { roundId: number; circle: string; others: readonly string[] }): Message {
  return {
    text: `Did you and ${list(input.others)} manage to meet this round of ${input.circle}?`,
    sections: ['Either answer is fine; busy weeks happen. It only helps the circle see how pairing is going.'],
    buttons: [
      { label: 'Yes, we met', action: { kind: 'pairs.met', roundId: input.roundId, met: true }, style: 'primary' },
      { label: 'Not yet', action: { kind: 'pairs.met', roundId: input.roundId, met: false } },
    ],
  };
}

const CADENCE = { weekly: 'every week', biweekly: 'every two weeks', monthly: 'every month' } as const;

/** The settings in words, for the channel's notice and the bare `pairs`. */
export function describePairs(
  settings: { cadence: keyof typeof CADENCE; mode: PairsMode },
  next: string | null,
): string {
  const how = settings.mode === 'mentors' ? 'each mentor with a mentee' : 'peers in pairs';
  return `${CADENCE[settings.cadence]}, ${how}, on Monday mornings (school days only)${next ? `; the next round is ${next}` : ''}`;
}
