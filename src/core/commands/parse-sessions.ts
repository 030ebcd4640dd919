import type { ParseResult } from './command.js';
import { ok, take, usage, words } from './arguments.js';
import { readMention, readWholeNumber } from './words.js';
import { MAX_STEP_MINUTES, MIN_STEP_MINUTES } from '../protocols/protocol.js';

// `start`, a plain session or a critical-friends protocol, and the protocol's step `times`.

/**
 * `start [topic]`, or a protocol: `start tuning <topic> @presenter`, `start consultancy <dilemma>
 * @presenter`. A first word naming a protocol always means one, so a missing presenter is said
 * rather than a plain session opened by mistake.
 */
export function parseStart(rest: string): ParseResult {
  const {
    words: [first],
    rest: after,
  } = take(rest, 1);
  const protocol = first?.toLowerCase();
  if (protocol !== 'tuning' && protocol !== 'consultancy')
    return ok(rest ? { name: 'start', topic: rest } : { name: 'start' });
  const what = protocol === 'tuning' ? 'topic' : 'dilemma';
  const example = `\`start ${protocol} ${protocol === 'tuning' ? 'Persuasive writing unit' : 'Getting quiet students talking'} @sam\``;
  const match = /^([\s\S]*?)\s*(\S+)$/.exec(after);
  const presenter = readMention(match?.[2]);
  if (!presenter) return usage('start', `Name the presenter last, with an @mention, e.g. ${example}.`);
  const topic = (match?.[1] ?? '').trim();
  if (!topic) return usage('start', `Say the ${what} before the presenter, e.g. ${example}.`);
  return ok({ name: 'start.protocol', protocol, topic, presenter });
}

/** `protocol times <minutes for each step>`. */
export function parseProtocol(rest: string): ParseResult {
  const [sub, ...values] = words(rest);
  if (sub?.toLowerCase() !== 'times' || values.length === 0) return usage('protocol');
  const minutes = values.map((value) =>
    readWholeNumber(value.replace(/m(in)?$/i, ''), MIN_STEP_MINUTES, MAX_STEP_MINUTES),
  );
  if (minutes.some((value) => value === undefined))
    return usage(
      'protocol',
      `Give each step's minutes as a whole number from ${MIN_STEP_MINUTES} to ${MAX_STEP_MINUTES}.`,
    );
  return ok({ name: 'protocol.times', minutes: minutes as number[] });
}
