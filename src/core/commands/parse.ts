import type { Cadence, Command, CommandError, LocalTime, ParseResult, SchoolDay, Weekday } from './command.js';
import { USAGE, type CommandWord } from './usage.js';
import { graphemes } from '../text/graphemes.js';
import { MAX_THRESHOLD, MIN_THRESHOLD } from '../digest/privacy.js';
import { readDate, readDecimal, readMention, readTime, readTimeZone, readWeekday, readWholeNumber } from './words.js';

// One parser for Slack's `/circle`, Teams messages and the console. It never throws: every string
// becomes a typed command or a typed error whose message is ready to show.

const MAX_ECHO = 30;

const ok = (command: Command): ParseResult => ({ ok: true, command });
const failure = (kind: CommandError['kind'], message: string): ParseResult => ({ ok: false, error: { kind, message } });

function usage(word: CommandWord, problem?: string): ParseResult {
  return failure('usage', `${problem ? `${problem} ` : ''}Usage: ${USAGE[word]}.`);
}

/** Shows a word back to its writer safely: no control characters, never more than a short phrase. */
function echo(word: string): string {
  const visible = graphemes(word.replace(/\p{Cc}/gu, ''));
  return visible.length > MAX_ECHO ? `${visible.slice(0, MAX_ECHO).join('')}…` : visible.join('');
}

/** The first `count` words, and the rest of the line exactly as written (ends trimmed). */
function take(text: string, count: number): { words: string[]; rest: string } {
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

const words = (text: string) => (text.trim() ? text.trim().split(/\s+/) : []);

function timeProblem(word: string | undefined): string {
  return word === undefined ? 'A time is missing.' : `'${echo(word)}' isn't a time; use 24-hour HH:MM like 15:30.`;
}

function dayProblem(word: string | undefined): string {
  return word === undefined ? 'A day is missing.' : `'${echo(word)}' isn't a day; use mon, tue, wed, thu, fri, sat or sun.`;
}

/** `<day> <HH:MM>` and nothing else. */
function dayAndTime(word: CommandWord, args: string[]): { day: Weekday; time: LocalTime } | ParseResult {
  const day = readWeekday(args[0]);
  if (!day) return usage(word, dayProblem(args[0]));
  const time = readTime(args[1]);
  if (!time) return usage(word, timeProblem(args[1]));
  if (args.length > 2) return usage(word);
  return { day, time };
}

const isResult = (value: object): value is ParseResult => 'ok' in value;

const noArguments =
  (command: Command, word: CommandWord) =>
  (rest: string): ParseResult =>
    rest ? usage(word, `\`${word}\` takes nothing after it.`) : ok(command);

function parsePrompt(rest: string): ParseResult {
  const { words: [sub], rest: text } = take(rest, 1);
  if (sub === undefined) return ok({ name: 'prompt.post' });
  if (sub.toLowerCase() === 'add') return text ? ok({ name: 'prompt.add', text }) : usage('prompt', 'Write the question after `prompt add`.');
  if (sub.toLowerCase() === 'retire') {
    const number = readWholeNumber(text, 1, 999);
    return number === undefined ? usage('prompt', 'Give the number `prompts` shows.') : ok({ name: 'prompt.retire', number });
  }
  return usage('prompt');
}

function parsePrompts(rest: string): ParseResult {
  const args = words(rest);
  const sub = args[0]?.toLowerCase();
  if (sub === undefined) return ok({ name: 'prompts.list' });
  if (sub === 'off' && args.length === 1) return ok({ name: 'prompts.off' });
  if (sub === 'weekly') {
    const parsed = dayAndTime('prompts', args.slice(1));
    return isResult(parsed) ? parsed : ok({ name: 'prompts.weekly', ...parsed });
  }
  return usage('prompts');
}

function parseSchedule(rest: string): ParseResult {
  const args = words(rest);
  const cadence = args[0]?.toLowerCase();
  if (cadence === 'off' && args.length === 1) return ok({ name: 'schedule.off' });
  if (cadence !== 'weekly' && cadence !== 'biweekly' && cadence !== 'monthly') return usage('schedule');
  const parsed = dayAndTime('schedule', args.slice(1, 3));
  if (isResult(parsed)) return parsed;
  const length = args[3];
  if (args.length > 4) return usage('schedule');
  if (length === undefined) return ok({ name: 'schedule.set', cadence: cadence as Cadence, ...parsed });
  const minutes = /^\d+m$/i.test(length) ? readWholeNumber(length.slice(0, -1), 30, 480) : undefined;
  if (minutes === undefined) return usage('schedule', `'${echo(length)}' isn't a length; write minutes from 30m to 480m, like 60m.`);
  return ok({ name: 'schedule.set', cadence: cadence as Cadence, ...parsed, minutes });
}

function parseGoal(rest: string): ParseResult {
  const args = words(rest);
  if (args.length === 0) return ok({ name: 'goal.new' });
  const outcome = args[0]?.toLowerCase();
  if ((outcome === 'achieved' || outcome === 'rework' || outcome === 'drop') && args.length === 2) {
    const number = readWholeNumber(args[1], 1, 99);
    return number === undefined ? usage('goal', 'Give the goal number that `goals` shows.') : ok({ name: 'goal.end', outcome, number });
  }
  return usage('goal');
}

function parseProgress(rest: string): ParseResult {
  const { words: [n, v], rest: note } = take(rest, 2);
  const number = readWholeNumber(n, 1, 99);
  if (number === undefined) return usage('progress', 'Start with the goal number that `goals` shows.');
  const value = readDecimal(v);
  if (value === undefined) return usage('progress', v === undefined ? 'The value is missing.' : `'${echo(v)}' isn't a number.`);
  return ok({ name: 'progress', number, value, ...(note ? { note } : {}) });
}

function parseNudges(rest: string): ParseResult {
  const args = words(rest);
  if (args[0]?.toLowerCase() === 'off' && args.length === 1) return ok({ name: 'nudges.off' });
  const parsed = dayAndTime('nudges', args);
  if (isResult(parsed)) return parsed;
  if (parsed.day === 'sat' || parsed.day === 'sun') return usage('nudges', 'Nudges come on school days, Monday to Friday.');
  return ok({ name: 'nudges.set', day: parsed.day as SchoolDay, time: parsed.time });
}

function parseSnooze(rest: string): ParseResult {
  const args = words(rest);
  const number = readWholeNumber(args[0], 1, 99);
  const days = readWholeNumber(args[1], 1, 90);
  if (number === undefined || days === undefined || args.length !== 2) return usage('snooze', 'Give the goal number and from 1 to 90 days.');
  return ok({ name: 'snooze', number, days });
}

function parseDigest(rest: string): ParseResult {
  const args = words(rest);
  if (args.length === 0) return ok({ name: 'digest.preview' });
  const parsed = dayAndTime('digest', args);
  return isResult(parsed) ? parsed : ok({ name: 'digest.set', ...parsed });
}

function parseCalendar(rest: string): ParseResult {
  const { words: [sub, first, second], rest: afterThree } = take(rest, 3);
  if (sub === undefined) return ok({ name: 'calendar.list' });
  if (sub.toLowerCase() !== 'add') return usage('calendar');
  const from = readDate(first);
  if (!from) return usage('calendar', first === undefined ? 'The first date is missing.' : `'${echo(first)}' isn't a date; write YYYY-MM-DD.`);
  const to = readDate(second);
  // Without a second date, the label starts at the third word.
  const label = to ? afterThree : [second, afterThree].filter(Boolean).join(' ');
  if (to && to < from) return usage('calendar', 'The end date comes before the start date.');
  if (!label) return usage('calendar', 'Add a label, such as Winter break.');
  return ok({ name: 'calendar.add', from, to: to ?? from, label });
}

function parseRemind(rest: string): ParseResult {
  const when = rest.trim().toLowerCase();
  return when === 'day-before' || when === 'off' ? ok({ name: 'remind', when }) : usage('remind');
}

function parseTimeZone(rest: string): ParseResult {
  const args = words(rest);
  const zone = args.length === 1 ? readTimeZone(args[0]) : undefined;
  if (!zone) return usage('timezone', args[0] === undefined ? 'Name a time zone.' : `'${echo(args[0])}' isn't a time zone I know.`);
  return ok({ name: 'timezone', zone });
}

function parseRetention(rest: string): ParseResult {
  const months = readWholeNumber(rest.trim(), 1, 120);
  return months === undefined ? usage('retention', 'Give a number of months from 1 to 120.') : ok({ name: 'retention', months });
}

function parsePrivacy(rest: string): ParseResult {
  const threshold = readWholeNumber(rest.trim(), MIN_THRESHOLD, MAX_THRESHOLD);
  return threshold === undefined ? usage('privacy', `Give the smallest group a figure may describe: a number from ${MIN_THRESHOLD} to ${MAX_THRESHOLD}.`) : ok({ name: 'privacy', threshold });
}

function parseExport(rest: string): ParseResult {
  const sub = rest.trim().toLowerCase();
  if (!sub) return ok({ name: 'export.mine' });
  return sub === 'workspace' ? ok({ name: 'export.workspace' }) : usage('export');
}

const parseRole = (role: 'admin' | 'facilitator') => (rest: string): ParseResult => {
  const args = words(rest);
  const change = args[0]?.toLowerCase();
  if ((change !== 'add' && change !== 'remove') || args.length !== 2) return usage(role);
  const user = readMention(args[1]);
  if (!user) return usage(role, `Name the person with an @mention, e.g. \`${role} add @sam\`.`);
  return ok({ name: 'role', role, change, user });
};

const optionalText = <N extends 'setup' | 'start' | 'checkin'>(name: N, key: string) => (rest: string): ParseResult =>
  ok((rest ? { name, [key]: rest } : { name }) as Command);

const parsers: Record<CommandWord, (rest: string) => ParseResult> = {
  help: () => ok({ name: 'help' }),
  setup: optionalText('setup', 'communityName'),
  start: optionalText('start', 'topic'),
  next: noArguments({ name: 'next' }, 'next'),
  close: noArguments({ name: 'close' }, 'close'),
  checkin: optionalText('checkin', 'text'),
  prompt: parsePrompt,
  prompts: parsePrompts,
  schedule: parseSchedule,
  goal: parseGoal,
  goals: (rest) => {
    if (!rest) return ok({ name: 'goals.list', all: false });
    return rest.toLowerCase() === 'all' ? ok({ name: 'goals.list', all: true }) : usage('goals', '`goals` takes nothing after it, or `all`.');
  },
  progress: parseProgress,
  nudges: parseNudges,
  snooze: parseSnooze,
  digest: parseDigest,
  calendar: parseCalendar,
  remind: parseRemind,
  timezone: parseTimeZone,
  retention: parseRetention,
  privacy: parsePrivacy,
  export: parseExport,
  admin: parseRole('admin'),
  facilitator: parseRole('facilitator'),
  undo: noArguments({ name: 'undo' }, 'undo'),
  'forget-me': noArguments({ name: 'forget-me' }, 'forget-me'),
};

const isCommandWord = (word: string): word is CommandWord => Object.hasOwn(parsers, word);

export function parseCommand(text: string): ParseResult {
  const line = text.trim().replace(/^\/circle(?=\s|$)/i, '').trim();
  if (!line) return failure('empty', 'Say `help` to see what I can do.');
  const { words: [first = ''], rest } = take(line, 1);
  const word = first.toLowerCase();
  if (!isCommandWord(word)) return failure('unknown', `I don't know '${echo(first)}'. Try \`help\`.`);
  return parsers[word](rest);
}
