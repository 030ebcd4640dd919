import type { ParseResult } from './command.js';
import { dateProblem, ok, take, timeProblem, usage, words } from './arguments.js';
import { readMention, readTime, readWholeNumber } from './words.js';
import { readDateWords, type DateReference } from './dates.js';
import { MAX_AWAY_DAYS, MAX_PER_WEEK, readTopics } from '../mentoring/mentor.js';
import { MAX_SKIP_WEEKS } from '../pairing/model.js';

// Colleagues helping each other: `mentor`, `pairs`, the mentor `rotation` and classroom visits.

/** `mentor add @person [topics]`, `mentor remove @person`, `mentor away <days>`, `mentor back`, `mentor capacity <n>`. */
export function parseMentor(rest: string): ParseResult {
  const {
    words: [sub, second],
    rest: after,
  } = take(rest, 2);
  const change = sub?.toLowerCase();
  if (change === 'add' || change === 'remove') {
    const user = readMention(second);
    if (!user) return usage('mentor', `Name the person with an @mention, e.g. \`mentor ${change} @sam\`.`);
    if (change === 'remove')
      return after ? usage('mentor', '`mentor remove` takes only the person.') : ok({ name: 'mentor.remove', user });
    const read = readTopics(after);
    return 'problem' in read ? usage('mentor', read.problem) : ok({ name: 'mentor.add', user, topics: read.topics });
  }
  const value = [second, after].filter(Boolean).join(' ').trim().toLowerCase();
  if (change === 'back' && !value) return ok({ name: 'mentor.away', days: 0 });
  if (change === 'away') {
    if (value === 'off') return ok({ name: 'mentor.away', days: 0 });
    const days = readWholeNumber(value.replace(/\s*days?$/, ''), 1, MAX_AWAY_DAYS);
    return days === undefined
      ? usage('mentor', `Give a number of days from 1 to ${MAX_AWAY_DAYS}.`)
      : ok({ name: 'mentor.away', days });
  }
  if (change === 'capacity') {
    const perWeek = readWholeNumber(value, 1, MAX_PER_WEEK);
    return perWeek === undefined
      ? usage('mentor', `Give how many asks a week you can take: a number from 1 to ${MAX_PER_WEEK}.`)
      : ok({ name: 'mentor.capacity', perWeek });
  }
  return usage('mentor');
}

/** `pairs`, `pairs off`, `pairs skip <weeks>`, `pairs <weekly|biweekly|monthly> [peers|mentors]`. */
export function parsePairs(rest: string): ParseResult {
  const args = words(rest).map((word) => word.toLowerCase());
  const [sub, second] = args;
  if (sub === undefined) return ok({ name: 'pairs.show' });
  if (sub === 'off' && args.length === 1) return ok({ name: 'pairs.off' });
  if (sub === 'skip') {
    const weeks = readWholeNumber(second?.replace(/weeks?$/, ''), 0, MAX_SKIP_WEEKS);
    return weeks === undefined || args.length > 3
      ? usage('pairs', `Say how many weeks to sit out, from 1 to ${MAX_SKIP_WEEKS} (0 is back in).`)
      : ok({ name: 'pairs.skip', weeks });
  }
  if ((sub === 'weekly' || sub === 'biweekly' || sub === 'monthly') && args.length <= 2) {
    if (second !== undefined && second !== 'peers' && second !== 'mentors')
      return usage('pairs', 'Pair `peers` with each other, or `mentors` with mentees.');
    return ok({ name: 'pairs.set', cadence: sub, mode: second === 'mentors' ? 'mentors' : 'peers' });
  }
  return usage('pairs');
}

/** `rotation`, `rotation <date>`, `rotation next @person [topics]`, `rotation drop @person`. */
export function parseRotation(rest: string, reference?: DateReference): ParseResult {
  const {
    words: [sub, second],
    rest: after,
  } = take(rest, 2);
  if (sub === undefined) return ok({ name: 'rotation.show' });
  const change = sub.toLowerCase();
  if (change === 'next' || change === 'drop') {
    const user = readMention(second);
    if (!user) return usage('rotation', `Name the person with an @mention, e.g. \`rotation ${change} @sam\`.`);
    if (change === 'drop')
      return after ? usage('rotation', '`rotation drop` takes only the person.') : ok({ name: 'rotation.drop', user });
    const read = readTopics(after);
    return 'problem' in read
      ? usage('rotation', read.problem)
      : ok({ name: 'rotation.next', user, topics: read.topics });
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
export const parseVisit =
  (kind: 'visit' | 'invite' | 'model') =>
  (rest: string, reference?: DateReference): ParseResult => {
    const {
      words: [who],
      rest: after,
    } = take(rest, 1);
    const user = readMention(who);
    if (!user) return usage(kind, `Name your colleague with an @mention, e.g. \`${kind} @sam tue 10:00\`.`);
    const raw = words(after);
    for (let used = 1; used <= Math.min(4, raw.length - 1); used++) {
      const meridiem =
        raw[used + 1] !== undefined &&
        /^[ap]\.?m\.?$/i.test(raw[used + 1] ?? '') &&
        /^\d{1,2}([:.]\d{2})?$/.test(raw[used] ?? '');
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
      if (/^\d{1,2}$/.test(raw[used] ?? '') && readDateWords(raw.slice(0, used), reference)?.used === used)
        return usage(kind, timeProblem(raw[used]));
    }
    const date = readDateWords(raw, reference);
    if (!date) return usage(kind, dateProblem(raw[0], 'The day'));
    return usage(kind, timeProblem(raw[date.used]));
  };
