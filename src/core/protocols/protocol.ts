// Critical-friends protocols run as sessions: the tuning protocol and the consultancy protocol. Each
// is a fixed list of steps with a purpose and a time; the rules that matter are the time limits, the
// presenter who only listens while the group gives feedback or discusses, and warm and cool
// feedback kept apart. What people write is kept for the presenter; the channel sees counts only.

export type ProtocolName = 'tuning' | 'consultancy';

/**
 * What a reply in a step is kept as. `question`/`probing`: questions for the presenter's summary;
 * `warm`/`cool`: feedback, `unsure` until its writer says which; `note`: the presenter's own words
 * while they only listen, private to them; `reply`: anything else said in the thread.
 */
export type EntryKind = 'question' | 'probing' | 'warm' | 'cool' | 'unsure' | 'note' | 'reply';

export interface ProtocolStep {
  key: string;
  /** As the thread and the session message name it. */
  name: string;
  /** The step's minutes in a 60-minute slot. */
  minutes: number;
  /** What replies in it are kept as (feedback is sorted into warm and cool). */
  collects: 'question' | 'probing' | 'feedback' | 'reply';
  /** The presenter only listens: their replies are kept as private notes. */
  presenterListens?: true;
  /** What the step is for and how to take part; `{presenter}` is the presenter's name. */
  purpose: string;
}

// Minutes for a 60-minute slot, as school teams usually run them, leaving a few minutes to settle
// in: tuning 10+5+2+15+10+10 = 52, consultancy 10+5+10+15+10+5 = 55.
export const PROTOCOLS: Record<ProtocolName, { title: string; steps: readonly ProtocolStep[] }> = {
  tuning: {
    title: 'Tuning protocol',
    steps: [
      {
        key: 'presentation',
        name: 'Presentation',
        minutes: 10,
        collects: 'reply',
        purpose:
          '{presenter} shares the work and the question they would like the group to help with. Everyone else listens. {presenter}, what would you most like to think through today?',
      },
      {
        key: 'clarifying',
        name: 'Clarifying questions',
        minutes: 5,
        collects: 'question',
        purpose:
          'Short questions that help everyone understand the work, which {presenter} can answer briefly: "How did the students...?", "What happened before...?". Reply in this thread; ideas and suggestions wait for later.',
      },
      {
        key: 'pause',
        name: 'Pause',
        minutes: 2,
        collects: 'reply',
        purpose:
          'A quiet moment on your own. What did you notice in the work? What would you like to offer {presenter}? Nothing needs to be posted.',
      },
      {
        key: 'feedback',
        name: 'Warm and cool feedback',
        minutes: 15,
        collects: 'feedback',
        presenterListens: true,
        purpose:
          '{presenter} listens while the group talks about the work, not the person. Start each reply with `warm:` for what is working and promising, or `cool:` for questions and possibilities that could stretch the work. Try "I noticed...", "I wonder...", "What if...?".',
      },
      {
        key: 'reflection',
        name: 'Presenter reflection',
        minutes: 10,
        collects: 'reply',
        purpose:
          '{presenter}, what stood out for you? What are you taking away, and what might you try next? The group listens.',
      },
      {
        key: 'debrief',
        name: 'Debrief',
        minutes: 10,
        collects: 'reply',
        purpose:
          'How did the protocol go for all of us? What helped the conversation, and what might we do differently next time?',
      },
    ],
  },
  consultancy: {
    title: 'Consultancy protocol',
    steps: [
      {
        key: 'presentation',
        name: 'The dilemma',
        minutes: 10,
        collects: 'reply',
        purpose:
          '{presenter} describes the dilemma and the question for the group. What makes it a dilemma for you? What have you tried so far? Everyone else listens.',
      },
      {
        key: 'clarifying',
        name: 'Clarifying questions',
        minutes: 5,
        collects: 'question',
        purpose:
          'Short questions that help everyone understand the dilemma, which {presenter} can answer briefly. Reply in this thread; ideas wait for later.',
      },
      {
        key: 'probing',
        name: 'Probing questions',
        minutes: 10,
        collects: 'probing',
        purpose:
          'Open questions that help {presenter} think more deeply: "What would success look like for you?", "What is your hunch about...?", "What would happen if...?". {presenter} may answer or simply take them in.',
      },
      {
        key: 'discussion',
        name: 'Discussion',
        minutes: 15,
        collects: 'reply',
        presenterListens: true,
        purpose:
          'The group talks the dilemma through together while {presenter} only listens. What did we hear? What questions does it raise? Try "I noticed...", "I wonder...", "What if...?". {presenter}, anything you write now is kept as a private note for your response.',
      },
      {
        key: 'response',
        name: "Presenter's response",
        minutes: 10,
        collects: 'reply',
        purpose:
          '{presenter}, what struck you in the discussion? What are you thinking now, and what might you try? The group listens.',
      },
      {
        key: 'debrief',
        name: 'Debrief',
        minutes: 5,
        collects: 'reply',
        purpose: 'How did the protocol go for all of us? What helped, and what might we do differently next time?',
      },
    ],
  },
};

export const MIN_STEP_MINUTES = 1;
export const MAX_STEP_MINUTES = 120;
const SLOT_MINUTES = 60;

/** The steps' minutes for a session of this length: the usual minutes scaled, at least one each. */
export function defaultMinutes(protocol: ProtocolName, sessionMinutes: number = SLOT_MINUTES): number[] {
  return PROTOCOLS[protocol].steps.map((step) =>
    Math.max(MIN_STEP_MINUTES, Math.round((step.minutes * sessionMinutes) / SLOT_MINUTES)),
  );
}

export interface ProtocolRun {
  sessionId: number;
  protocol: ProtocolName;
  /** Null once the presenter has forgotten themselves. */
  presenterId: number | null;
  /** The step under way, 0-based; the number of steps once the protocol is over. */
  step: number;
  minutes: number[];
  stepStartedAt: Date;
  /** When the step under way ends by itself; null once the protocol is over. */
  stepEndsAt: Date | null;
}

export interface ProtocolEntry {
  id: number;
  sessionId: number;
  memberId: number;
  memberName: string;
  step: number;
  kind: EntryKind;
  text: string;
}

/** `warm: ...` / `cool: ...` (also `warm -`, any case): the tone and the words after it; null when unsaid. */
export function readTone(text: string): { tone: 'warm' | 'cool'; text: string } | null {
  const match = /^\s*[*_]*(warm|cool)[*_]*\s*[:\-–—]\s*/i.exec(text);
  if (!match) return null;
  const rest = text.slice(match[0].length).trim();
  return { tone: (match[1] ?? '').toLowerCase() as 'warm' | 'cool', text: rest || text.trim() };
}

/** What a reply in this step by this person is kept as. */
export function entryKind(step: ProtocolStep, isPresenter: boolean, text: string): { kind: EntryKind; text: string } {
  // The presenter's own words are answers (to clarifying questions, say), never questions or feedback.
  if (isPresenter) return { kind: step.presenterListens ? 'note' : 'reply', text };
  if (step.collects === 'question' || step.collects === 'probing') return { kind: step.collects, text };
  if (step.collects === 'feedback') {
    const toned = readTone(text);
    return toned ? { kind: toned.tone, text: toned.text } : { kind: 'unsure', text };
  }
  return { kind: 'reply', text };
}
