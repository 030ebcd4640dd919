import { DateTime } from 'luxon';
import type { Message } from './messages.js';
import type { SessionPhase } from './model.js';

// `status`: where a circle stands, composed from what the use case read. Names are those of the
// people who answered in the circle's own thread (where their answers are public already), read at
// display time, so someone forgotten is never among them.

export interface StatusInput {
  communityName: string;
  /** The open session, if any, with the distinct people who answered, in the order they first did. */
  session: {
    phase: Exclude<SessionPhase, 'closed'>;
    topic: string | null;
    inPhase: readonly string[];
    inSession: readonly string[];
    /** A protocol session: which protocol, the step under way and its place, and who presents. */
    protocol?: { title: string; step: string; index: number; of: number; presenter: string };
  } | null;
  /** The next scheduled start, and its rhythm as people read it; null when there is no schedule. */
  schedule: { rhythm: string; next: Date | null; reminder: boolean } | null;
  /** The community's zone: every time shown is in it. */
  timeZone: string;
  /** The mid-week prompt's slot as people read it; null when it is off. */
  midweek: string | null;
  facilitators: readonly string[];
}

const PHASE: Record<Exclude<SessionPhase, 'closed'>, string> = {
  opening: "the opening check-in (what's working)",
  reflection: 'the reflection',
  closing: "the closing check-in (what's working)",
};

/** "Ana, Ben and Cy (3)"; "nobody yet". */
export function listNames(names: readonly string[], none = 'nobody yet'): string {
  if (names.length === 0) return none;
  const joined = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${joined} (${names.length})`;
}

function sessionLines(session: StatusInput['session']): string[] {
  if (!session) return ['No session open. A facilitator opens one with `start [topic]`.'];
  const { protocol } = session;
  if (protocol) {
    return [
      `${protocol.title} under way${session.topic ? `: ${session.topic}` : ''}, presented by ${protocol.presenter}, now in ${protocol.step} (step ${protocol.index} of ${protocol.of}). Replies go in its thread.`,
    ];
  }
  return [
    `Session open${session.topic ? `: ${session.topic}` : ''}, now in ${PHASE[session.phase]}.`,
    `Answered in this phase: ${listNames(session.inPhase)}`,
    `Answered in this session: ${listNames(session.inSession)}`,
  ];
}

function scheduleLine(input: StatusInput): string {
  if (!input.schedule) return 'Next session: no schedule. Facilitators start sessions by hand (`schedule` sets one).';
  const { rhythm, next, reminder } = input.schedule;
  const when = next
    ? DateTime.fromJSDate(next).setZone(input.timeZone).toFormat("cccc d LLLL 'at' HH:mm")
    : 'none planned yet (breaks in the calendar)';
  return `Next session: ${when} (${input.timeZone}). Meets ${rhythm}; reminder the day before ${reminder ? 'on' : 'off'}.`;
}

export function statusMessage(input: StatusInput): Message {
  return {
    text: `${input.communityName}: where things stand`,
    sections: [
      sessionLines(input.session).join('\n'),
      [
        scheduleLine(input),
        `Mid-week prompt: ${input.midweek ?? 'off'}.`,
        `Facilitators: ${input.facilitators.length ? input.facilitators.join(', ') : 'none'}.`,
      ].join('\n'),
    ],
  };
}
