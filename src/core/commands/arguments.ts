import type { Command, CommandError, LocalTime, ParseResult, SettingName, Weekday } from './command.js';
import { USAGE, type CommandWord } from './usage.js';
import { graphemes } from '../text/graphemes.js';
import { readTime, readWeekday } from './words.js';

// What every command's parser shares: splitting the words, echoing them back safely, and phrasing a
// refusal with the command's usage.

const MAX_ECHO = 30;

export const ok = (command: Command): ParseResult => ({ ok: true, command });
export const failure = (kind: CommandError['kind'], message: string): ParseResult => ({
  ok: false,
  error: { kind, message },
});

export function usage(word: CommandWord, problem?: string): ParseResult {
  return failure('usage', `${problem ? `${problem} ` : ''}Usage: ${USAGE[word]}.`);
}

/** Shows a word back to its writer safely: no control characters, never more than a short phrase. */
export function echo(word: string): string {
  const visible = graphemes(word.replace(/\p{Cc}/gu, ''));
  return visible.length > MAX_ECHO ? `${visible.slice(0, MAX_ECHO).join('')}…` : visible.join('');
}

/** The first `count` words, and the rest of the line exactly as written (ends trimmed). */
export function take(text: string, count: number): { words: string[]; rest: string } {
  const words: string[] = [];
  let rest = text.trim();
  while (words.length < count && rest) {
    const match = /^(\S+)\s*([\s\S]*)$/.exec(rest);
    if (!match) break;
    words.push(match[1] ?? '');
    rest = match[2] ?? '';
  }
  return { words, rest: rest.trim() };
}

export const words = (text: string) => (text.trim() ? text.trim().split(/\s+/) : []);

export function timeProblem(word: string | undefined): string {
  if (word === undefined) return 'A time is missing: try 3:30pm or 15:30.';
  // A bare hour could be morning or evening: ask rather than guess.
  if (/^\d{1,2}$/.test(word))
    return `Is '${echo(word)}' in the morning or the afternoon? Write ${Number(word) % 12 || 12}am or ${Number(word) % 12 || 12}pm, or 24-hour like ${word.padStart(2, '0')}:00.`;
  return `'${echo(word)}' isn't a time I can read; write it like 3:30pm, 4pm or 15:30.`;
}

function dayProblem(word: string | undefined): string {
  return word === undefined
    ? 'A day is missing.'
    : `'${echo(word)}' isn't a day; use mon, tue, wed, thu, fri, sat or sun.`;
}

/** `3:30 pm` written apart is one time: the words with am/pm joined to the time before it. */
export function withMeridiem(args: string[]): string[] {
  const joined: string[] = [];
  for (const arg of args) {
    const last = joined[joined.length - 1];
    if (last !== undefined && /^[ap]\.?m\.?$/i.test(arg) && /^\d{1,2}([:.]\d{2})?$/.test(last))
      joined[joined.length - 1] = `${last}${arg}`;
    else joined.push(arg);
  }
  return joined;
}

/** `<day> <time>` and nothing else. */
export function dayAndTime(word: CommandWord, written: string[]): { day: Weekday; time: LocalTime } | ParseResult {
  const args = withMeridiem(written);
  const day = readWeekday(args[0]);
  if (!day) return usage(word, dayProblem(args[0]));
  const time = readTime(args[1]);
  if (!time) return usage(word, timeProblem(args[1]));
  if (args.length > 2) return usage(word);
  return { day, time };
}

/** A setting command with nothing after it shows the setting rather than refusing. */
export const show = (setting: SettingName): ParseResult => ok({ name: 'setting.show', setting });

export const isResult = (value: object): value is ParseResult => 'ok' in value;

export const noArguments =
  (command: Command, word: CommandWord) =>
  (rest: string): ParseResult =>
    rest ? usage(word, `\`${word}\` takes nothing after it.`) : ok(command);

export function dateProblem(word: string | undefined, which: string): string {
  if (word === undefined) return `${which} is missing: try a date like dec 21, next monday or 2026-12-21.`;
  return `'${echo(word)}' isn't a date I can read; write it like dec 21, tomorrow, next monday or 2026-12-21.`;
}

export const optionalText =
  <N extends 'setup' | 'start' | 'checkin'>(name: N, key: string) =>
  (rest: string): ParseResult =>
    ok(rest ? { name, [key]: rest } : { name });
