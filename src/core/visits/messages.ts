import type { Form, Message } from '../messages.js';
import {
  lessonTime,
  MAX_NOTE_LENGTH,
  MAX_REFLECTION_LENGTH,
  noticingQuestions,
  REFLECTION_QUESTION,
  type Visit,
  type VisitKind,
} from './visit.js';

// What visits say. A visit is two colleagues learning from each other's classrooms, never an
// evaluation: no rating, no checklist, and the observer's words reach the observed teacher only.

const FOCUS_LABEL = 'What you might look at together';

const focusLine = (focus: string | null) => (focus ? [`${FOCUS_LABEL}: ${focus}`] : []);

/** "on Tue 8 Dec, 10:00 (your time)". */
const when = (visit: Pick<Visit, 'at'>, zone: string) => `${lessonTime(visit.at, zone)} (your time)`;

/** What the requester asked for, as a phrase after their name. */
function asked(kind: VisitKind, at: string): string {
  if (kind === 'visit') return `would like to visit your lesson on ${at}, to learn alongside you`;
  if (kind === 'invite') return `would like you to come and watch their lesson on ${at}`;
  return `offers to model a lesson for you on ${at}: you watch them teach, and afterwards you can talk it over`;
}

/** The private request to the peer, with the two answers. A "no" needs no reason. */
export function requestMessage(input: { visit: Visit; requesterName: string; zone: string }): Message {
  const { visit } = input;
  const observerIsYou = visit.kind !== 'visit';
  return {
    text: `${input.requesterName} ${asked(visit.kind, when(visit, input.zone))}.`,
    sections: [
      ...focusLine(visit.focus),
      observerIsYou
        ? `Afterwards I will ask you three open questions about what you noticed; your answers go to ${input.requesterName} alone.`
        : `Afterwards ${input.requesterName} answers three open questions about what they noticed, and only you see their answers. It is a colleague learning with you, never an evaluation.`,
      'Only the two of you see this. "Not this time" needs no reason.',
    ].filter(Boolean),
    buttons: [
      {
        label: observerIsYou ? "Yes, I'll come" : 'Yes, welcome',
        action: { kind: 'visit.accept', visitId: visit.id },
        style: 'primary',
      },
      { label: 'Not this time', action: { kind: 'visit.decline', visitId: visit.id } },
    ],
  };
}

const cancelButton = (visitId: number) => ({
  label: 'Cancel the visit',
  action: { kind: 'visit.cancel' as const, visitId },
});

/** To the requester, once the request is on its way. */
export function requestedMessage(input: { visit: Visit; peerName: string; zone: string }): Message {
  return {
    text: `I have asked ${input.peerName} privately about ${when(input.visit, input.zone)}. I will tell you their answer.`,
    // No button here: the request in their chat is the one to answer (the console presses the last one).
    sections: ['If plans change, `visits` lists yours, each with a way to call it off; they will be told.'],
  };
}

/** To the requester: the peer's answer. */
export function answerMessage(input: {
  visit: Visit;
  peerName: string;
  zone: string;
  answer: 'accepted' | 'declined';
}): Message {
  const at = when(input.visit, input.zone);
  if (input.answer === 'declined') {
    return {
      text: `${input.peerName} can't make ${at} this time.`,
      sections: [
        'No reason needed, and none given. Another day might suit: you could ask them, or another colleague, again.',
      ],
    };
  }
  return {
    text: `${input.peerName} said yes: ${at}.`,
    sections: [
      'I will remind you both the school day before. If plans change, either of you can cancel here, and the other is told.',
    ],
    buttons: [cancelButton(input.visit.id)],
  };
}

/** To the peer, after they said yes. */
export function acceptedMessage(input: { visit: Visit; requesterName: string; zone: string }): Message {
  return {
    text: `Thank you: ${input.requesterName} is told. ${when(input.visit, input.zone)} it is.`,
    sections: [
      'I will remind you both the school day before. If plans change, you can cancel here, and they are told.',
    ],
    buttons: [cancelButton(input.visit.id)],
  };
}

/** To the other person, when one of them called it off. */
export function cancelledMessage(input: { visit: Visit; byName: string | null; zone: string }): Message {
  const who = input.byName ?? 'The other teacher';
  return {
    text: `${who} has called off the visit on ${when(input.visit, input.zone)}.`,
    sections: ['Plans change; nothing else is needed from you. Another time may suit you both.'],
  };
}

/** The reminder, to each of them, the school day before. */
export function reminderMessage(input: { visit: Visit; otherName: string; observing: boolean; zone: string }): Message {
  const at = when(input.visit, input.zone);
  return {
    text: input.observing
      ? `A reminder: you are watching ${input.otherName}'s lesson on ${at}.`
      : `A reminder: ${input.otherName} comes to watch your lesson on ${at}.`,
    sections: [
      ...focusLine(input.visit.focus),
      input.observing
        ? 'Afterwards I will ask you three open questions about what you noticed; only they will see your answers.'
        : 'Afterwards they answer three open questions about what they noticed, for you alone.',
    ],
    buttons: [cancelButton(input.visit.id)],
  };
}

/** To the observer, an hour after the lesson began. */
export function noticingMessage(input: { visit: Visit; observedName: string }): Message {
  return {
    text: `Thank you for visiting ${input.observedName}'s classroom. What did you notice?`,
    sections: [
      `Three open questions, no ratings. Your answers go to ${input.observedName} alone, as a colleague's notes.`,
    ],
    buttons: [
      { label: 'Write what you noticed', action: { kind: 'visit.notes', visitId: input.visit.id }, style: 'primary' },
    ],
  };
}

/** To the observed teacher: the notes, and nobody else ever sees them. */
export function notesMessage(input: { visit: Visit; observerName: string }): Message {
  const questions = noticingQuestions(input.visit.focus);
  const notes = input.visit.notes ?? [];
  return {
    text: `${input.observerName} wrote down what they noticed in your lesson. These notes are for you alone.`,
    sections: questions.map((question, index) => `${question}\n${notes[index]?.trim() || '(left blank)'}`),
  };
}

/** To the observed teacher, after the notes: one question, and the answer stays theirs. */
export function reflectionMessage(input: { visit: Visit }): Message {
  return {
    text: REFLECTION_QUESTION,
    sections: ['Your answer is yours: it is kept for you (it comes with `export`), and nobody else sees it.'],
    buttons: [{ label: 'Reflect', action: { kind: 'visit.reflect', visitId: input.visit.id } }],
  };
}

export function notesForm(visit: Pick<Visit, 'id' | 'focus'>, observedName: string): Form {
  const [noticed, wondered, next] = noticingQuestions(visit.focus);
  return {
    kind: 'visit-notes',
    title: 'What you noticed',
    intro: `Only ${observedName} will read this. Describe what you saw and heard; there is no rating.`,
    submitLabel: 'Send to them',
    fields: [
      {
        kind: 'text',
        name: 'noticed',
        label: noticed,
        multiline: true,
        maxLength: MAX_NOTE_LENGTH,
        hint: 'For example: I noticed that...',
      },
      {
        kind: 'text',
        name: 'wondered',
        label: wondered,
        multiline: true,
        maxLength: MAX_NOTE_LENGTH,
        optional: true,
        hint: 'For example: I wonder...',
      },
      {
        kind: 'text',
        name: 'next',
        label: next,
        multiline: true,
        maxLength: MAX_NOTE_LENGTH,
        optional: true,
        hint: 'For example: What if...?',
      },
    ],
    context: { visitId: visit.id },
    showsTheirOwn: true,
  };
}

export function reflectionForm(visitId: number): Form {
  return {
    kind: 'visit-reflection',
    title: 'Your reflection',
    submitLabel: 'Keep it',
    fields: [
      { kind: 'text', name: 'text', label: REFLECTION_QUESTION, multiline: true, maxLength: MAX_REFLECTION_LENGTH },
    ],
    context: { visitId },
    showsTheirOwn: true,
  };
}
