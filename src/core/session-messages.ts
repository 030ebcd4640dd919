import type { Button, Form, Message } from './messages.js';
import type { Community, Session } from './model.js';

// What a live session says at each phase. Strengths first: it opens and closes with "what's working".

export type OpenPhase = 'opening' | 'reflection' | 'closing';

export const MAX_ANSWER_LENGTH = 4000;

const phaseNames: Record<OpenPhase, string> = {
  opening: "opening check-in: what's working",
  reflection: 'reflection',
  closing: "closing check-in: what's working",
};

export function openingPrompt(): Message {
  return {
    text:
      "Opening check-in: what's working? Share one thing that has gone well in your classroom since we last met, " +
      'however small. Reply in this thread, or use `checkin <your words>`.',
  };
}

export function reflectionPrompt(promptText: string): Message {
  return { text: `Reflection: ${promptText}\nReply in this thread; there are no wrong answers.` };
}

export function closingPrompt(): Message {
  return {
    text:
      "Closing check-in: what's working now? Share an idea you are taking away, or a win you want to keep. " +
      'Reply in this thread, or use `checkin <your words>`.',
  };
}

function buttons(session: Session, phase: OpenPhase): Button[] {
  const action = { sessionId: session.id, phase };
  return [
    {
      label: phase === 'reflection' ? 'Share a reflection' : "Share what's working",
      action: { kind: 'checkin.form', ...action },
      style: 'primary',
    },
    { label: 'Next', action: { kind: 'session.next', ...action } },
    { label: 'Close', action: { kind: 'session.close', ...action } },
  ];
}

/** The message that roots the session's thread, redrawn at every phase so its buttons carry the phase. */
export function sessionMessage(community: Community, session: Session, phase: OpenPhase): Message {
  const title = session.topic ? `${community.name} session: ${session.topic}` : `${community.name} session`;
  return {
    text: `${title}\nNow: ${phaseNames[phase]}. Answers go in this thread.`,
    buttons: buttons(session, phase),
  };
}

export function closedSessionMessage(community: Community, session: Session, participants: number): Message {
  const title = session.topic ? `${community.name} session: ${session.topic}` : `${community.name} session`;
  return {
    text: `${title}\nClosed, with ${participants} ${participants === 1 ? 'participant' : 'participants'}. The summary is in the thread.`,
  };
}

export function checkinForm(session: Session, phase: OpenPhase): Form {
  const isReflection = phase === 'reflection';
  return {
    kind: 'checkin',
    title: isReflection ? 'Share a reflection' : "What's working",
    intro: 'Your answer is posted in the session thread for your community.',
    submitLabel: 'Share',
    fields: [
      {
        kind: 'text',
        name: 'text',
        label: isReflection ? 'Your reflection' : "What's working in your classroom?",
        multiline: true,
        maxLength: MAX_ANSWER_LENGTH,
      },
      ...(isReflection
        ? []
        : [
            {
              kind: 'checkbox' as const,
              name: 'share',
              label: 'Also share with school leaders in their weekly digest',
              hint: 'Off unless you tick it. Only answers you tick here can ever appear in a digest.',
            },
          ]),
    ],
    context: { sessionId: session.id, phase },
  };
}
