import type { Cadence, Command, CommandError, LocalTime, ParseResult, SchoolDay, SettingName, Weekday } from './command.js';
import { USAGE, type CommandWord } from './usage.js';
import { graphemes } from '../text/graphemes.js';
import { MAX_THRESHOLD, MIN_THRESHOLD } from '../digest/privacy.js';
import { readDecimal, readMention, readTime, readWeekday, readWholeNumber } from './words.js';
import { readDateWords, type DateReference } from './dates.js';
import { readZoneName } from './zones.js';
import { nearestWords, offer } from './did-you-mean.js';
import { MAX_AWAY_DAYS, MAX_PER_WEEK, readTopics } from '../mentoring/mentor.js';
import { MAX_SKIP_WEEKS } from '../pairing/model.js';
import { MAX_STEP_MINUTES, MIN_STEP_MINUTES } from '../protocols/protocol.js';

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
  if (word === undefined) return 'A time is missing: try 3:30pm or 15:30.';
  // A bare hour could be morning or evening: ask rather than guess.
  if (/^\d{1,2}$/.test(word)) return `Is '${echo(word)}' in the morning or the afternoon? Write ${Number(word) % 12 || 12}am or ${Number(word) % 12 || 12}pm, or 24-hour like ${word.padStart(2, '0')}:00.`;
  return `'${echo(word)}' isn't a time I can read; write it like 3:30pm, 4pm or 15:30.`;
}

function dayProblem(word: string | undefined): string {
  return word === undefined ? 'A day is missing.' : `'${echo(word)}' isn't a day; use mon, tue, wed, thu, fri, sat or sun.`;
}

/** `3:30 pm` written apart is one time: the words with am/pm joined to the time before it. */
function withMeridiem(args: string[]): string[] {
  const joined: string[] = [];
  for (const arg of args) {
    const last = joined[joined.length - 1];
    if (last !== undefined && /^[ap]\.?m\.?$/i.test(arg) && /^\d{1,2}([:.]\d{2})?$/.test(last)) joined[joined.length - 1] = `${last}${arg}`;
    else joined.push(arg);
  }
  return joined;
}

/** `<day> <time>` and nothing else. */
function dayAndTime(word: CommandWord, written: string[]): { day: Weekday; time: LocalTime } | ParseResult {
  const args = withMeridiem(written);
  const day = readWeekday(args[0]);
  if (!day) return usage(word, dayProblem(args[0]));
  const time = readTime(args[1]);
  if (!time) return usage(word, timeProblem(args[1]));
  if (args.length > 2) return usage(word);
  return { day, time };
}

/** A setting command with nothing after it shows the setting rather than refusing. */
const show = (setting: SettingName): ParseResult => ok({ name: 'setting.show', setting });

const isResult = (value: object): value is ParseResult => 'ok' in value;

const noArguments =
  (command: Command, word: CommandWord) =>
  (rest: string): ParseResult =>
    rest ? usage(word, `\`${word}\` takes nothing after it.`) : ok(command);

function parsePrompt(rest: string): ParseResult {
  const { words: [sub], rest: text } = take(rest, 1);
  if (sub === undefined) return ok({ name: 'prompt.post' });
  if (sub.toLowerCase() === 'add') return text ? ok({ name: 'prompt.add', text }) : usage('prompt', 'Write the question after `prompt add`.');
  const change = sub.toLowerCase();
  if (change === 'retire' || change === 'restore') {
    const number = readWholeNumber(text, 1, 999);
    return number === undefined ? usage('prompt', 'Give the number `prompts` shows.') : ok({ name: `prompt.${change}`, number });
  }
  return usage('prompt');
}

function parsePrompts(rest: string): ParseResult {
  const args = words(rest);
  const sub = args[0]?.toLowerCase();
  if (sub === undefined) return ok({ name: 'prompts.list' });
  if (sub === 'off' && args.length === 1) return ok({ name: 'prompts.off' });
  if (sub === 'weekly') {
    if (args.length === 1) return show('prompts.weekly');
    const parsed = dayAndTime('prompts', args.slice(1));
    return isResult(parsed) ? parsed : ok({ name: 'prompts.weekly', ...parsed });
  }
  return usage('prompts');
}

function parseSchedule(rest: string): ParseResult {
  const args = withMeridiem(words(rest));
  const cadence = args[0]?.toLowerCase();
  if (cadence === undefined) return show('schedule');
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

/**
 * `progress 2 14` sets the total so far; `progress 2 +3` adds to it, and `progress 2 -1` takes one
 * back (a total is never below zero, so a minus sign can only mean a change).
 */
function parseProgress(rest: string): ParseResult {
  const { words: [n, v], rest: note } = take(rest, 2);
  const number = readWholeNumber(n, 1, 99);
  if (number === undefined) return usage('progress', 'Start with the goal number that `goals` shows.');
  const change = v !== undefined && /^[+-]/.test(v);
  const value = readDecimal(v?.replace(/^\+/, ''));
  if (value === undefined) {
    return usage('progress', v === undefined ? 'How far have you got? Add your total so far, or +3 to add three.' : `'${echo(v)}' isn't a number; write your total like 14, or what to add like +3.`);
  }
  return ok({ name: 'progress', number, value, mode: change ? 'add' : 'set', ...(note ? { note } : {}) });
}

function parseNudges(rest: string): ParseResult {
  const args = words(rest);
  if (args.length === 0) return show('nudges');
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

function dateProblem(word: string | undefined, which: string): string {
  if (word === undefined) return `${which} is missing: try a date like dec 21, next monday or 2026-12-21.`;
  return `'${echo(word)}' isn't a date I can read; write it like dec 21, tomorrow, next monday or 2026-12-21.`;
}

/** `calendar remove <n|date>`: the number `calendar` shows, or a date in words the entry covers. */
function parseCalendarRemove(written: string, reference?: DateReference): ParseResult {
  const args = words(written);
  if (args.length === 0) return usage('calendar', 'Say which entry to remove: the number `calendar` shows, or a date it covers.');
  const number = args.length === 1 ? readWholeNumber(args[0], 1, 99_999) : undefined;
  if (number !== undefined) return ok({ name: 'calendar.remove', entry: { number } });
  const date = readDateWords(args, reference);
  if (date && date.used === args.length) return ok({ name: 'calendar.remove', entry: { date: date.date } });
  return usage('calendar', `'${echo(written)}' isn't a number \`calendar\` shows or a date I can read.`);
}

/** Dates may take several words (`dec 21`, `next monday`); the label is whatever follows them. */
function parseCalendar(rest: string, reference?: DateReference): ParseResult {
  const { words: [sub], rest: afterSub } = take(rest, 1);
  if (sub === undefined) return ok({ name: 'calendar.list' });
  if (sub.toLowerCase() === 'remove') return parseCalendarRemove(afterSub, reference);
  if (sub.toLowerCase() !== 'add') return usage('calendar');
  const args = words(afterSub);
  const from = readDateWords(args, reference);
  if (!from) return usage('calendar', dateProblem(args[0], 'The first date'));
  const to = readDateWords(args.slice(from.used), reference);
  const { rest: label } = take(afterSub, from.used + (to?.used ?? 0));
  if (to && to.date < from.date) return usage('calendar', 'The end date comes before the start date.');
  if (!label) return usage('calendar', 'Add a label, such as Winter break.');
  return ok({ name: 'calendar.add', from: from.date, to: to?.date ?? from.date, label });
}

function parseRemind(rest: string): ParseResult {
  const when = rest.trim().toLowerCase();
  if (!when) return show('remind');
  return when === 'day-before' || when === 'off' ? ok({ name: 'remind', when }) : usage('remind');
}

/** A city or an IANA zone, or a coaching refusal naming what to write. */
function readZone(word: 'timezone' | 'my', written: string): string | ParseResult {
  const zone = readZoneName(written);
  if (zone) return zone;
  const example = word === 'my' ? '`my timezone London` or `my timezone America/New_York`' : '`timezone London` or `timezone America/New_York`';
  return usage(word, `'${echo(written)}' isn't a time zone I know. Name the nearest big city or an IANA zone, like ${example}.`);
}

function parseTimeZone(rest: string): ParseResult {
  if (!rest.trim()) return show('timezone');
  const zone = readZone('timezone', rest);
  return typeof zone === 'string' ? ok({ name: 'timezone', zone }) : zone;
}

/** `my timezone [zone]`: a person's own zone, shown or set. */
function parseMy(rest: string): ParseResult {
  const { words: [what], rest: zoneWords } = take(rest, 1);
  if (what?.toLowerCase() !== 'timezone') return usage('my');
  if (!zoneWords) return ok({ name: 'timezone.mine' });
  const zone = readZone('my', zoneWords);
  return typeof zone === 'string' ? ok({ name: 'timezone.mine', zone }) : zone;
}

function parseRetention(rest: string): ParseResult {
  if (!rest.trim()) return show('retention');
  const months = readWholeNumber(rest.trim(), 1, 120);
  return months === undefined ? usage('retention', 'Give a number of months from 1 to 120.') : ok({ name: 'retention', months });
}

function parsePrivacy(rest: string): ParseResult {
  if (!rest.trim()) return show('privacy');
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

/**
 * `start [topic]`, or a protocol: `start tuning <topic> @presenter`, `start consultancy <dilemma>
 * @presenter`. A first word naming a protocol always means one, so a missing presenter is said
 * rather than a plain session opened by mistake.
 */
function parseStart(rest: string): ParseResult {
  const { words: [first], rest: after } = take(rest, 1);
  const protocol = first?.toLowerCase();
  if (protocol !== 'tuning' && protocol !== 'consultancy') return ok(rest ? { name: 'start', topic: rest } : { name: 'start' });
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
function parseProtocol(rest: string): ParseResult {
  const [sub, ...values] = words(rest);
  if (sub?.toLowerCase() !== 'times' || values.length === 0) return usage('protocol');
  const minutes = values.map((value) => readWholeNumber(value.replace(/m(in)?$/i, ''), MIN_STEP_MINUTES, MAX_STEP_MINUTES));
  if (minutes.some((value) => value === undefined)) return usage('protocol', `Give each step's minutes as a whole number from ${MIN_STEP_MINUTES} to ${MAX_STEP_MINUTES}.`);
  return ok({ name: 'protocol.times', minutes: minutes as number[] });
}

const optionalText = <N extends 'setup' | 'start' | 'checkin'>(name: N, key: string) => (rest: string): ParseResult =>
  ok((rest ? { name, [key]: rest } : { name }) as Command);

/** `help <command>`: the first word names the command (`help goal achieved` is `help goal`). */
function parseHelp(rest: string): ParseResult {
  const { words: [named] } = take(rest, 1);
  if (named === undefined) return ok({ name: 'help' });
  const word = named.toLowerCase();
  if (isCommandWord(word)) return ok({ name: 'help', about: word });
  const near = nearestWords(word, COMMAND_WORDS);
  const guess = near.length ? ` Did you mean ${offer(near.map((w) => `help ${w}`))}?` : '';
  return failure('usage', `I have no command '${echo(named)}'.${guess} \`help\` lists them all.`);
}

/** `mentor add @person [topics]`, `mentor remove @person`, `mentor away <days>`, `mentor back`, `mentor capacity <n>`. */
function parseMentor(rest: string): ParseResult {
  const { words: [sub, second], rest: after } = take(rest, 2);
  const change = sub?.toLowerCase();
  if (change === 'add' || change === 'remove') {
    const user = readMention(second);
    if (!user) return usage('mentor', `Name the person with an @mention, e.g. \`mentor ${change} @sam\`.`);
    if (change === 'remove') return after ? usage('mentor', '`mentor remove` takes only the person.') : ok({ name: 'mentor.remove', user });
    const read = readTopics(after);
    return 'problem' in read ? usage('mentor', read.problem) : ok({ name: 'mentor.add', user, topics: read.topics });
  }
  const value = [second, after].filter(Boolean).join(' ').trim().toLowerCase();
  if (change === 'back' && !value) return ok({ name: 'mentor.away', days: 0 });
  if (change === 'away') {
    if (value === 'off') return ok({ name: 'mentor.away', days: 0 });
    const days = readWholeNumber(value.replace(/\s*days?$/, ''), 1, MAX_AWAY_DAYS);
    return days === undefined ? usage('mentor', `Give a number of days from 1 to ${MAX_AWAY_DAYS}.`) : ok({ name: 'mentor.away', days });
  }
  if (change === 'capacity') {
    const perWeek = readWholeNumber(value, 1, MAX_PER_WEEK);
    return perWeek === undefined ? usage('mentor', `Give how many asks a week you can take: a number from 1 to ${MAX_PER_WEEK}.`) : ok({ name: 'mentor.capacity', perWeek });
  }
  return usage('mentor');
}

/** `pairs`, `pairs off`, `pairs skip <weeks>`, `pairs <weekly|biweekly|monthly> [peers|mentors]`. */
function parsePairs(rest: string): ParseResult {
  const args = words(rest).map((word) => word.toLowerCase());
  const [sub, second] = args;
  if (sub === undefined) return ok({ name: 'pairs.show' });
  if (sub === 'off' && args.length === 1) return ok({ name: 'pairs.off' });
  if (sub === 'skip') {
    const weeks = readWholeNumber(second?.replace(/weeks?$/, ''), 0, MAX_SKIP_WEEKS);
    return weeks === undefined || args.length > 3 ? usage('pairs', `Say how many weeks to sit out, from 1 to ${MAX_SKIP_WEEKS} (0 is back in).`) : ok({ name: 'pairs.skip', weeks });
  }
  if ((sub === 'weekly' || sub === 'biweekly' || sub === 'monthly') && args.length <= 2) {
    if (second !== undefined && second !== 'peers' && second !== 'mentors') return usage('pairs', 'Pair `peers` with each other, or `mentors` with mentees.');
    return ok({ name: 'pairs.set', cadence: sub, mode: second === 'mentors' ? 'mentors' : 'peers' });
  }
  return usage('pairs');
}

/** `rotation`, `rotation <date>`, `rotation next @person [topics]`, `rotation drop @person`. */
function parseRotation(rest: string, reference?: DateReference): ParseResult {
  const { words: [sub, second], rest: after } = take(rest, 2);
  if (sub === undefined) return ok({ name: 'rotation.show' });
  const change = sub.toLowerCase();
  if (change === 'next' || change === 'drop') {
    const user = readMention(second);
    if (!user) return usage('rotation', `Name the person with an @mention, e.g. \`rotation ${change} @sam\`.`);
    if (change === 'drop') return after ? usage('rotation', '`rotation drop` takes only the person.') : ok({ name: 'rotation.drop', user });
    const read = readTopics(after);
    return 'problem' in read ? usage('rotation', read.problem) : ok({ name: 'rotation.next', user, topics: read.topics });
  }
  const args = words(rest);
  const date = readDateWords(args, reference);
  if (date && date.used === args.length) return ok({ name: 'rotation.set', endsOn: date.date });
  return usage('rotation', dateProblem(args[0], 'The end of the term'));
}
/**
 * `visit|invite|model @colleague <day> <time> [focus]`. The day may take several words (`next
 * monday`, `dec 8`), so it is whatever comes before the first word that reads as a time; the focus is
 * the rest of the line as written.
 */
const parseVisit = (kind: 'visit' | 'invite' | 'model') => (rest: string, reference?: DateReference): ParseResult => {
  const { words: [who], rest: after } = take(rest, 1);
  const user = readMention(who);
  if (!user) return usage(kind, `Name your colleague with an @mention, e.g. \`${kind} @sam tue 10:00\`.`);
  const raw = words(after);
  for (let used = 1; used <= Math.min(4, raw.length - 1); used++) {
    const meridiem = raw[used + 1] !== undefined && /^[ap]\.?m\.?$/i.test(raw[used + 1] ?? '') && /^\d{1,2}([:.]\d{2})?$/.test(raw[used] ?? '');
    const time = readTime(meridiem ? `${raw[used]}${raw[used + 1]}` : raw[used]);
    if (!time) continue;
    const date = readDateWords(raw.slice(0, used), reference);
    if (!date || date.used !== used) continue;
    const { rest: focus } = take(after, used + (meridiem ? 2 : 1));
    return ok({ name: 'visit', kind, user, date: date.date, time, ...(focus ? { focus } : {}) });
  }
  if (raw.length === 0) return usage(kind, 'Say which day and time, like `tue 10:00` or `tomorrow 9:15am`.');
  // `thu 10` reads as a date too (the 10th): a bare hour after a day is asked about, not taken as one.
  for (let used = 1; used <= Math.min(4, raw.length - 1); used++) {
    if (/^\d{1,2}$/.test(raw[used] ?? '') && readDateWords(raw.slice(0, used), reference)?.used === used) return usage(kind, timeProblem(raw[used]));
  }
  const date = readDateWords(raw, reference);
  if (!date) return usage(kind, dateProblem(raw[0], 'The day'));
  return usage(kind, timeProblem(raw[date.used]));
};

function parseRename(rest: string): ParseResult {
  return rest ? ok({ name: 'rename', communityName: rest }) : usage('rename', 'Write the new name after `rename`.');
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
  const line = text.trim().replace(/^\/circle(?=\s|$)/i, '').trim();
  if (!line) return failure('empty', 'Say `help` to see what I can do.');
  const { words: [first = ''], rest } = take(line, 1);
  const word = first.toLowerCase();
  if (!isCommandWord(word)) return unknownWord(first);
  return parsers[word](rest, reference);
}
