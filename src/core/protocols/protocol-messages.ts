import { DateTime } from 'luxon';
import type { Button, Message } from '../messages.js';
import type { Community, Session } from '../model.js';
import { count } from '../text/count.js';
import { PROTOCOLS, type ProtocolEntry, type ProtocolRun } from './protocol.js';

// What a protocol session says. The thread carries each step with its purpose and time; the channel
// summary carries counts and the debrief; the questions, the feedback and the presenter's notes go to
// the presenter alone.

const fill = (text: string, presenter: string) => text.replaceAll('{presenter}', presenter);

function title(community: Community, session: Session, run: ProtocolRun): string {
  const what = PROTOCOLS[run.protocol].title;
  return session.topic ? `${what} in ${community.name}: ${session.topic}` : `${what} in ${community.name}`;
}

const clock = (at: Date, zone: string) => DateTime.fromJSDate(at).setZone(zone).toFormat('HH:mm');

/** The message that roots the thread, redrawn at each step; its Next button carries the step. */
export function protocolSessionMessage(
  community: Community,
  session: Session,
  run: ProtocolRun,
  presenter: string,
): Message {
  const steps = PROTOCOLS[run.protocol].steps;
  const step = steps[run.step];
  if (session.phase === 'closed' || !step) {
    return {
      text: `${title(community, session, run)}\nPresenter: ${presenter}. Closed; the counts are in the thread, and ${presenter} has the questions and feedback privately.`,
    };
  }
  const until = run.stepEndsAt ? `, until ${clock(run.stepEndsAt, community.timeZone)}` : '';
  const buttons: Button[] = [
    { label: 'Next step', action: { kind: 'protocol.next', sessionId: session.id, step: run.step } },
  ];
  return {
    text: `${title(community, session, run)}\nPresenter: ${presenter}. Now: ${step.name} (step ${run.step + 1} of ${steps.length}, ${count(run.minutes[run.step] ?? 0, 'minute')}${until}). Replies go in this thread.`,
    buttons,
  };
}

/** A step as posted in the thread: its name, its time, what it is for. */
export function protocolStepMessage(run: ProtocolRun, index: number, presenter: string, zone: string): Message {
  const steps = PROTOCOLS[run.protocol].steps;
  const step = steps[index];
  if (!step) return { text: 'This protocol has ended.' };
  const until = run.step === index && run.stepEndsAt ? ` until ${clock(run.stepEndsAt, zone)}` : '';
  const minutes = run.minutes[index] ?? step.minutes;
  return {
    text: `Step ${index + 1} of ${steps.length}: ${step.name} (${count(minutes, 'minute')}${until})\n${fill(step.purpose, presenter)}`,
  };
}

const of = (entries: readonly ProtocolEntry[], kind: ProtocolEntry['kind']) =>
  entries.filter((entry) => entry.kind === kind);

/**
 * The summary in the thread for everyone: how many questions and how much warm and cool feedback,
 * never their words, and the debrief quoted (said in the thread for the group).
 */
export function protocolChannelSummary(
  community: Community,
  session: Session,
  run: ProtocolRun,
  entries: readonly ProtocolEntry[],
  presenter: string,
): Message {
  const debriefStep = PROTOCOLS[run.protocol].steps.length - 1;
  const participants = new Set(entries.map((entry) => entry.memberId)).size;
  const figures = [
    count(participants, 'participant'),
    count(of(entries, 'question').length, 'clarifying question'),
    ...(run.protocol === 'consultancy' ? [count(of(entries, 'probing').length, 'probing question')] : []),
    ...(run.protocol === 'tuning'
      ? [
          `${count(of(entries, 'warm').length, 'piece')} of warm feedback`,
          `${count(of(entries, 'cool').length, 'piece')} of cool feedback`,
        ]
      : []),
  ].join(' · ');
  const debrief = entries.filter((entry) => entry.step === debriefStep && entry.kind === 'reply');
  const sections = [
    ...(debrief.length
      ? [['Debrief:', ...debrief.map((entry) => `• ${entry.memberName}: ${entry.text}`)].join('\n')]
      : []),
    `${presenter} has the questions${run.protocol === 'tuning' ? ' and the warm and cool feedback' : ''} privately, to come back to in their own time. Thank you for being critical friends to each other.`,
  ];
  return { text: `Protocol summary: ${title(community, session, run)}\n${figures}`, sections };
}

/** The presenter's own summary, sent to them alone: questions, feedback grouped, and their notes. */
export function presenterSummary(
  community: Community,
  session: Session,
  run: ProtocolRun,
  entries: readonly ProtocolEntry[],
  presenterId: number | null,
): Message {
  const list = (heading: string, found: readonly ProtocolEntry[], named = true) =>
    found.length
      ? [
          [heading, ...found.map((entry) => (named ? `• ${entry.memberName}: ${entry.text}` : `• ${entry.text}`))].join(
            '\n',
          ),
        ]
      : [];
  const notes = entries.filter((entry) => entry.kind === 'note' && entry.memberId === presenterId);
  const sections = [
    ...list('Clarifying questions:', of(entries, 'question')),
    ...list('Probing questions:', of(entries, 'probing')),
    ...list('Warm feedback (what is working and promising):', of(entries, 'warm')),
    ...list('Cool feedback (questions and possibilities to stretch the work):', of(entries, 'cool')),
    ...list('Feedback not marked warm or cool:', of(entries, 'unsure')),
    ...list('Your own notes, seen by no one else:', notes, false),
  ];
  return {
    text: `Your summary from the ${title(community, session, run)}. Thank you for bringing your work to the group. What is one thing you would like to try next?`,
    sections: sections.length ? sections : ['No questions or feedback were written in the thread this time.'],
  };
}

/** The one gentle reminder to a presenter who writes while they only listen. */
export function listeningReminder(stepName: string): Message {
  return {
    text: `You are listening during "${stepName}", so what you write now is kept as a private note for you: it is in your summary at the end and no one else's. You will have time to respond in the next step.`,
  };
}

/** Asked privately when feedback did not start with `warm:` or `cool:`. */
export function askTone(entryId: number): Message {
  return {
    text: 'Thanks for your feedback. Is it warm (what is working and promising) or cool (a question or possibility to stretch the work)? It is grouped that way for the presenter.',
    buttons: [
      { label: 'Warm', action: { kind: 'protocol.tone', entryId, tone: 'warm' }, style: 'primary' },
      { label: 'Cool', action: { kind: 'protocol.tone', entryId, tone: 'cool' } },
    ],
  };
}
