import type { Message } from './messages.js';
import type { Checkin, Reflection } from './model.js';
import { count } from './text/count.js';

export interface SummaryInput {
  communityName: string;
  topic: string | null;
  checkins: readonly Checkin[];
  reflections: readonly Reflection[];
  /** The latest prompt's text; used when `prompts` is not given, with every reflection under it. */
  promptText: string | null;
  /** The prompts posted in the session, oldest first: each gets its own reflections. */
  prompts?: readonly { id: number; text: string }[];
  /** Reflections on prompts posted to the channel since the previous session. */
  betweenSessions?: number;
}

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

/**
 * Answers quoted under their authors' names, each person once, in the order they first answered; a
 * person's several answers follow in the order given. Each answer starts a line of its own: where a
 * message or a block must end, it ends between lines.
 */
function quoted(answers: readonly { memberId: number; memberName: string; text: string | null }[]): string[] {
  const byPerson = new Map<number, { name: string; texts: string[] }>();
  for (const answer of answers) {
    if (!answer.text) continue;
    const person = byPerson.get(answer.memberId) ?? { name: answer.memberName, texts: [] };
    person.texts.push(answer.text);
    byPerson.set(answer.memberId, person);
  }
  return [...byPerson.values()].flatMap(({ name, texts }) =>
    texts.length === 1 ? [`• ${name}: ${texts[0]}`] : [`• ${name}:`, ...texts.map((text) => `   – ${text}`)],
  );
}

function whatsWorking(heading: string, checkins: readonly Checkin[]): string | null {
  const lines = quoted(checkins);
  return lines.length ? [heading, ...lines].join('\n') : null;
}

/** One section per prompt posted: its text, how many answered, and the answers quoted. */
function reflectionSections(input: SummaryInput): string[] {
  const prompts = input.prompts?.length
    ? input.prompts
    : input.promptText
      ? [{ id: null, text: input.promptText }]
      : [];
  return prompts.map((prompt) => {
    const answers =
      prompt.id === null ? input.reflections : input.reflections.filter((r) => r.promptPostId === prompt.id);
    const heading = `Reflection: "${prompt.text}" ${answers.length ? `(${count(answers.length, 'answer')} in the thread)` : '(no answers this time)'}`;
    return [heading, ...quoted(answers)].join('\n');
  });
}

/** How many people gave a check-in: several answers by one person count once. */
const people = (checkins: readonly Checkin[]) => new Set(checkins.map((c) => c.memberId)).size;

/**
 * The summary posted when a session closes. The "what's working" answers and the reflections are
 * quoted in full: they were shared with the community in its thread.
 */
export function buildSummary(input: SummaryInput): Message {
  const opening = input.checkins.filter((c) => c.phase === 'opening');
  const closing = input.checkins.filter((c) => c.phase === 'closing');
  const participants = countParticipants(input);
  const title = input.topic ? `${input.topic} (${input.communityName})` : input.communityName;

  const figures = [
    count(participants, 'participant'),
    count(people(opening), 'opening check-in'),
    count(input.reflections.length, 'reflection'),
    count(people(closing), 'closing check-in'),
  ].join(' · ');

  const sections = [
    whatsWorking("What's working, at the start:", opening),
    ...reflectionSections(input),
    whatsWorking("What's working, at the close:", closing),
    input.betweenSessions
      ? `Since the last session: ${count(input.betweenSessions, 'reflection')} on the prompts posted in the channel.`
      : null,
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
  return inParts(buildSummary(input), maxChars);
}

/** A long message of sections as the messages it is sent in, split between lines as `summaryMessages` says. */
export function inParts(whole: Message, maxChars: number = SUMMARY_MESSAGE_CHARS): Message[] {
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
