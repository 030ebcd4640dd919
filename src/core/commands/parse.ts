import type { ParseResult } from './command.js';
import type { CommandWord } from './usage.js';
import type { DateReference } from './dates.js';
import { nearestWords, offer } from './did-you-mean.js';
import { echo, failure, noArguments, ok, optionalText, take } from './arguments.js';
import { parseGoal, parseGoals, parseNudges, parseProgress, parseSnooze } from './parse-goals.js';
import {
  parseCalendar,
  parseDigest,
  parsePrompt,
  parsePrompts,
  parseRemind,
  parseSchedule,
} from './parse-schedules.js';
import {
  parseExport,
  parseMy,
  parsePrivacy,
  parseRename,
  parseRetention,
  parseRole,
  parseTimeZone,
} from './parse-settings.js';
import { parseProtocol, parseStart } from './parse-sessions.js';
import { parseMentor, parsePairs, parseRotation, parseVisit } from './parse-mentoring.js';

// One parser for Slack's `/circle`, Teams messages and the console. It never throws: every string
// becomes a typed command or a typed error whose message is ready to show. Each command word's own
// parser lives with its family (parse-goals.ts, parse-schedules.ts, ...).

/** `help <command>`: the first word names the command (`help goal achieved` is `help goal`). */
function parseHelp(rest: string): ParseResult {
  const {
    words: [named],
  } = take(rest, 1);
  if (named === undefined) return ok({ name: 'help' });
  const word = named.toLowerCase();
  if (isCommandWord(word)) return ok({ name: 'help', about: word });
  const near = nearestWords(word, COMMAND_WORDS);
  const guess = near.length ? ` Did you mean ${offer(near.map((w) => `help ${w}`))}?` : '';
  return failure('usage', `I have no command '${echo(named)}'.${guess} \`help\` lists them all.`);
}

const parsers: Record<CommandWord, (rest: string, reference?: DateReference) => ParseResult> = {
  help: parseHelp,
  setup: optionalText('setup', 'communityName'),
  start: parseStart,
  protocol: parseProtocol,
  next: noArguments({ name: 'next' }, 'next'),
  close: noArguments({ name: 'close' }, 'close'),
  checkin: optionalText('checkin', 'text'),
  prompt: parsePrompt,
  prompts: parsePrompts,
  schedule: parseSchedule,
  goal: parseGoal,
  goals: parseGoals,
  progress: parseProgress,
  nudges: parseNudges,
  snooze: parseSnooze,
  digest: parseDigest,
  calendar: parseCalendar,
  remind: parseRemind,
  timezone: parseTimeZone,
  my: parseMy,
  retention: parseRetention,
  privacy: parsePrivacy,
  export: parseExport,
  admin: parseRole('admin'),
  facilitator: parseRole('facilitator'),
  status: noArguments({ name: 'status' }, 'status'),
  undo: noArguments({ name: 'undo' }, 'undo'),
  'forget-me': noArguments({ name: 'forget-me' }, 'forget-me'),
  rename: parseRename,
  mentor: parseMentor,
  mentors: noArguments({ name: 'mentors.list' }, 'mentors'),
  ask: (rest) => ok(rest ? { name: 'ask', text: rest } : { name: 'ask' }),
  pairs: parsePairs,
  suggest: (rest) => ok(rest ? { name: 'suggest', text: rest } : { name: 'suggest' }),
  rotation: parseRotation,
  visit: parseVisit('visit'),
  invite: parseVisit('invite'),
  model: parseVisit('model'),
  visits: noArguments({ name: 'visits.list' }, 'visits'),
};

const isCommandWord = (word: string): word is CommandWord => Object.hasOwn(parsers, word);
const COMMAND_WORDS = Object.keys(parsers);

/** The answer to a first word that is no command: the nearest command if it looks like a slip, else the hint. */
function unknownWord(first: string): ParseResult {
  const near = nearestWords(first, COMMAND_WORDS);
  if (near.length) return failure('unknown', `I don't know '${echo(first)}'. Did you mean ${offer(near)}?`);
  return failure('unknown', `I don't know '${echo(first)}'. Try \`help\`.`);
}

/**
 * `reference` is the person's present (the instant and their zone), against which dates such as
 * `tomorrow` are read; without it only YYYY-MM-DD dates are.
 */
export function parseCommand(text: string, reference?: DateReference): ParseResult {
  const line = text
    .trim()
    .replace(/^\/circle(?=\s|$)/i, '')
    .trim();
  if (!line) return failure('empty', 'Say `help` to see what I can do.');
  const {
    words: [first = ''],
    rest,
  } = take(line, 1);
  const word = first.toLowerCase();
  if (!isCommandWord(word)) return unknownWord(first);
  return parsers[word](rest, reference);
}
