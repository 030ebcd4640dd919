import type { Message } from './messages.js';
import type { Checkin, Reflection } from './model.js';

export interface SummaryInput {
  communityName: string;
  topic: string | null;
  checkins: readonly Checkin[];
  reflections: readonly Reflection[];
  promptText: string | null;
  /** Reflections on prompts posted to the channel since the previous session. */
  betweenSessions?: number;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Participants are the distinct people who answered a check-in or a reflection, facilitators included. */
export function countParticipants(input: Pick<SummaryInput, 'checkins' | 'reflections'>): number {
  return new Set([...input.checkins.map((c) => c.memberId), ...input.reflections.map((r) => r.memberId)]).size;
}

/**
 * How much of the summary goes in one message, in characters. No platform takes a message of any
 * length (Teams about 28 KB, Slack 50 blocks of 3,000), and a long summary reads better in a few
 * messages than cut: 12 check-ins of 900 characters make two.
 */
export const SUMMARY_MESSAGE_CHARS = 8000;

function whatsWorking(heading: string, checkins: readonly Checkin[]): string | null {
  // Each answer starts a line of its own: where a message or a block must end, it ends between lines.
  const lines = checkins.filter((c) => c.text).map((c) => `• ${c.memberName}: ${c.text}`);
  return lines.length ? [heading, ...lines].join('\n') : null;
}

/**
 * The summary posted when a session closes. The "what's working" answers are quoted in full: they were
 * shared with the community by design. Reflections are counted and left in the thread.
 */
export function buildSummary(input: SummaryInput): Message {
  const opening = input.checkins.filter((c) => c.phase === 'opening');
  const closing = input.checkins.filter((c) => c.phase === 'closing');
  const participants = countParticipants(input);
  const title = input.topic ? `${input.topic} (${input.communityName})` : input.communityName;

  const figures = [
    count(participants, 'participant'),
    count(opening.length, 'opening check-in'),
    count(input.reflections.length, 'reflection'),
    count(closing.length, 'closing check-in'),
  ].join(' · ');

  const sections = [
    whatsWorking("What's working, at the start:", opening),
    input.promptText
      ? `Reflection: "${input.promptText}" ${input.reflections.length ? `(${count(input.reflections.length, 'answer')} in the thread)` : '(no answers this time)'}`
      : null,
    whatsWorking("What's working, at the close:", closing),
    input.betweenSessions ? `Since the last session: ${count(input.betweenSessions, 'reflection')} on the prompts posted in the channel.` : null,
    participants === 0
      ? 'Nobody checked in this time, and that is fine: the next session is a fresh start.'
      : 'Thank you for making time for each other. Keep building on what is working.',
  ].filter((section): section is string => section !== null);

  return { text: `Session summary: ${title}\n${figures}`, sections };
}

/**
 * The summary as the messages it is posted in, in order, each at most `maxChars` characters where it
 * can be: everyone's answer is in one of them, none is dropped. A section that does not fit in one
 * message goes on in the next, between two lines; only an answer longer than a whole message is
 * left longer.
 */
export function summaryMessages(input: SummaryInput, maxChars: number = SUMMARY_MESSAGE_CHARS): Message[] {
  const whole = buildSummary(input);
  const continued = `${whole.text.split('\n')[0] ?? ''} (continued)`;
  const messages: Message[] = [];
  let text = whole.text;
  let sections: string[] = [];
  let size = text.length;
  for (const section of whole.sections ?? []) {
    let lines: string[] = [];
    for (const line of section.split('\n')) {
      if (size + 1 + line.length > maxChars && (sections.length > 0 || lines.length > 0)) {
        if (lines.length) sections.push(lines.join('\n'));
        messages.push({ text, sections });
        [text, sections, lines, size] = [continued, [], [], continued.length];
      }
      lines.push(line);
      size += 1 + line.length;
    }
    sections.push(lines.join('\n'));
  }
  messages.push({ text, sections });
  return messages;
}
