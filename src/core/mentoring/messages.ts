import type { Form, Message } from '../messages.js';
import {
  MAX_ASK_LENGTH,
  MAX_FOLLOW_UP_LENGTH,
  MAX_WHEN_LENGTH,
  URGENCY_LABELS,
  type Ask,
  type Urgency,
} from './ask.js';
import type { Mentor } from './mentor.js';
import { localDate } from '../time/local-time.js';

// What mentoring says. Mentors are colleagues to go to, never evaluators: nothing here ranks or
// reports on anyone, and an ask's words go only to the asker and the mentor it is offered to.

const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** The ask as the mentor it is offered to reads it: what, when, how urgent. */
function askLines(ask: Pick<Ask, 'text' | 'whenSuits' | 'urgency'>): string {
  return [
    `What they need: ${ask.text ?? '(no longer kept)'}`,
    ...(ask.whenSuits ? [`When it suits them: ${ask.whenSuits}`] : []),
    ...(ask.urgency ? [`How soon: ${URGENCY_LABELS[ask.urgency]}`] : []),
  ].join('\n');
}

/** The private offer to one mentor, with the buttons that answer it. */
export function offerMessage(input: {
  askId: number;
  askerName: string;
  ask: Pick<Ask, 'text' | 'whenSuits' | 'urgency'>;
  fitting: readonly string[];
}): Message {
  const why = input.fitting.length
    ? ` It touches on ${list(input.fitting.map((t) => `"${t}"`))}, which you offered to help with.`
    : '';
  return {
    text: `${input.askerName} would like some one-on-one help from a mentor.${why}`,
    sections: [
      askLines(input.ask),
      'Only you see this. If you can help, I will introduce the two of you in a private chat. If not, I will quietly offer it to another mentor; no one is told you passed.',
    ],
    buttons: [
      { label: "I'll help", action: { kind: 'ask.help', askId: input.askId }, style: 'primary' },
      { label: 'Not this time', action: { kind: 'ask.pass', askId: input.askId } },
    ],
  };
}

/** The introduction, to both of them at once. `withWords`: the helper is the mentor the ask was offered to, who has read it. */
export function introductionMessage(input: {
  askerName: string;
  helperName: string;
  ask: Pick<Ask, 'text' | 'whenSuits' | 'urgency'>;
  withWords: boolean;
}): Message {
  const { askerName, helperName } = input;
  if (!input.withWords) {
    return {
      text: `${askerName}, meet ${helperName}: ${helperName} would like to help with what you asked for.`,
      sections: [
        `${askerName}, your words were not passed on, so tell ${helperName} here what you need and when suits you.`,
      ],
    };
  }
  return {
    text: `${askerName}, meet ${helperName}: ${helperName} is glad to help with what you asked.`,
    sections: [
      askLines(input.ask),
      `This chat is just the two of you. A week from now I will ask ${askerName} how it went; the answer stays theirs.`,
    ],
  };
}

/** To the asker, when no mentor took it in time (or none could be offered it). */
export function unansweredMessage(input: { toLeaders: 'facilitators' | 'admins' | 'nobody' }): Message {
  const told =
    input.toLeaders === 'nobody'
      ? 'There is nobody I could pass it on to just now.'
      : `I have let your circle's ${input.toLeaders === 'facilitators' ? 'facilitators' : 'Mentor Circle admins'} know that someone is waiting for help, without your words or your name; one of them may offer to help, and then I will introduce you.`;
  return {
    text: 'No mentor has been able to take your ask yet, sorry.',
    sections: [told, 'You can also `ask` again, perhaps in other words, or reach out to a colleague you trust.'],
  };
}

/** To a facilitator or admin: someone is waiting, and nothing of what they wrote. */
export function leaderOfferMessage(input: { askId: number; circleName: string | null; daysWaiting: number }): Message {
  const where = input.circleName ? ` in ${input.circleName}` : '';
  const since = input.daysWaiting >= 1 ? ` ${input.daysWaiting === 1 ? 'a day' : `${input.daysWaiting} days`} ago` : '';
  return {
    text: `A teacher${where} asked for one-on-one help${since}, and no mentor has been able to take it.`,
    sections: [
      'Their words are theirs, so I have not passed them on. If you can reach out, press the button: I will introduce you and they can tell you what they need.',
    ],
    buttons: [{ label: "I'll reach out", action: { kind: 'ask.take', askId: input.askId }, style: 'primary' }],
  };
}

/** The one follow-up, a week after someone took the ask: open-ended, and theirs to keep. */
export function followUpMessage(input: { askId: number; helperName: string }): Message {
  return {
    text: `A week ago ${input.helperName} offered to help with what you asked. What helped most, and what is still open?`,
    sections: ['Your answer is yours: it is kept for you (it comes with `export`), and nobody else sees it.'],
    buttons: [{ label: 'Answer', action: { kind: 'ask.followup', askId: input.askId } }],
  };
}

const URGENCY_OPTIONS: { value: Urgency | 'unsaid'; label: string }[] = [
  { value: 'unsaid', label: 'Not urgent to say' },
  { value: 'today', label: 'Today if possible' },
  { value: 'this-week', label: 'This week' },
  { value: 'no-rush', label: 'No rush' },
];

/** To someone just named a mentor: what it means, and what they can set. */
export function mentorWelcomeMessage(input: { by: string | undefined; topics: readonly string[] }): Message {
  const on = input.topics.length ? ` on ${list(input.topics.map((t) => `"${t}"`))}` : '';
  return {
    text: `You are now a mentor here${input.by ? `, named by ${input.by}` : ''}: colleagues can ask you for one-on-one help${on}.`,
    sections: [
      'When an ask fits your topics, I show it to you privately with two buttons: "I\'ll help" introduces you to the teacher in a private chat, and "Not this time" passes it quietly to another mentor. Mentors are a colleague to go to, never evaluators.',
      [
        'You can:',
        '• `mentor capacity <n>` say how many asks a week suit you (2 to start)',
        '• `mentor away <days>` take a break, and `mentor back` end it',
        '• `mentors` see who else mentors, on what',
      ].join('\n'),
    ],
  };
}

/** `ask` without words: what they need, when suits, how soon. */
export function askForm(communityId: number | null): Form {
  return {
    kind: 'ask',
    title: 'Ask a mentor',
    intro:
      'A mentor whose topics fit will see this, and only they will. If they can help, I will introduce the two of you privately.',
    submitLabel: 'Ask',
    fields: [
      {
        kind: 'text',
        name: 'text',
        label: 'What would you like help with?',
        multiline: true,
        maxLength: MAX_ASK_LENGTH,
        hint: 'For example: setting up Google Classroom for grade 3',
      },
      {
        kind: 'text',
        name: 'when',
        label: 'When would suit you?',
        optional: true,
        maxLength: MAX_WHEN_LENGTH,
        hint: 'For example: Tuesday after school',
      },
      { kind: 'select', name: 'urgency', label: 'How soon?', options: URGENCY_OPTIONS, initial: 'unsaid' },
    ],
    context: communityId === null ? {} : { communityId },
    showsTheirOwn: true,
  };
}

export function followUpForm(askId: number): Form {
  return {
    kind: 'ask-follow-up',
    title: 'How did it go?',
    submitLabel: 'Keep it',
    fields: [
      {
        kind: 'text',
        name: 'text',
        label: 'What helped most, and what is still open?',
        multiline: true,
        maxLength: MAX_FOLLOW_UP_LENGTH,
      },
    ],
    context: { askId },
    showsTheirOwn: true,
  };
}

/** `mentors`: who, on what, and whether they can take an ask now. Never how much anyone has helped. */
export function mentorsMessage(
  mentors: readonly { mentor: Mentor; name: string; circle: string | null; available: 'yes' | 'away' | 'full' }[],
  now: Date,
  timeZone: string,
): Message {
  if (mentors.length === 0) {
    return {
      text: 'There are no mentors here yet. An admin can name one with `mentor add @person <topics>`; a facilitator can for their circle.',
      revealsNothingPrivate: true,
    };
  }
  const lines = mentors.map(({ mentor, name, circle, available }) => {
    const topics = mentor.topics.length ? mentor.topics.join(', ') : 'any topic';
    const scope = circle ? ` (for ${circle})` : '';
    const state =
      available === 'yes'
        ? 'available'
        : available === 'full'
          ? 'has a full week'
          : mentor.awayUntil && mentor.awayUntil > now
            ? `away until ${localDate(mentor.awayUntil, timeZone)}`
            : 'away';
    return `• ${name}${scope}: ${topics}; ${state}`;
  });
  return {
    text: `Mentors (${mentors.length}):`,
    sections: [lines.join('\n'), '`ask <what you need>` finds the one whose topics fit, and introduces you privately.'],
  };
}
