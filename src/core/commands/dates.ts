// Only the English parser: the whole package loads every locale, about 0.2 s more at start-up.
import * as chronoEn from 'chrono-node/en';
import type { IsoDate } from './command.js';
import { dayNumber, localDate, localMinute } from '../time/local-time.js';
import { readDate } from './words.js';

// Dates as teachers type them: `today`, `tomorrow`, `next monday`, `in 3 weeks`, `dec 21`, besides
// YYYY-MM-DD. The words are read by chrono-node, a maintained parser of everyday date phrases in many
// forms (relative days, weekdays, month names, "in N weeks"), rather than a hand-written grammar that
// would refuse the next phrasing nobody thought of. Pure: "now" and the person's zone are given.

/** The person's present, against which relative dates are read. */
export interface DateReference {
  now: Date;
  /** The person's IANA zone: "tomorrow" is their tomorrow. */
  zone: string;
}

/** `in a year`, `in 2 years`, `a year from now`, `2 years ago`: a count of years before or after today. */
const YEARS_FROM_TODAY = /^(in\s+)?(a|an|one|\d+)\s+years?(\s+(from\s+(now|today)|ago))?$/i;

/** The longest phrase read as one date, in words. */
const MAX_DATE_WORDS = 4;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * One date written in the first words of `words` (up to four): the date and how many words it took.
 * Only a phrase read whole counts, so `dec 21 Winter break` is `dec 21` and then a label. Slashed
 * dates are left out on purpose: 12/01 is December to some and January to others.
 */
export function readDateWords(
  words: readonly string[],
  reference: DateReference | undefined,
): { date: IsoDate; used: number } | undefined {
  const iso = readDate(words[0]);
  if (iso) return { date: iso, used: 1 };
  if (!reference || words.length === 0) return undefined;
  // chrono reads in the reference's own offset: the person's wall clock, given as if it were UTC.
  const today = localDate(reference.now, reference.zone);
  const wall = new Date(dayNumber(today) * 86_400_000 + localMinute(reference.now, reference.zone) * 60_000);
  for (let used = Math.min(MAX_DATE_WORDS, words.length); used >= 1; used--) {
    const phrase = words.slice(0, used).join(' ');
    if (phrase.includes('/')) continue;
    // Dates are looked for ahead (`friday` is the coming one), unless the words point back.
    const forwardDate = !/\b(last|ago|yesterday)\b/i.test(phrase);
    const [found] = chronoEn.parse(phrase, { instant: wall, timezone: 0 }, { forwardDate });
    if (!found || found.index !== 0 || found.text.length !== phrase.length) continue;
    // A bare time (`3pm`) is no date, nor is `next year`; a span of years from today (`in a year`,
    // `2 years from now`) is one, though chrono is only certain of its year.
    const yearsFromToday = found.start.isCertain('year') && YEARS_FROM_TODAY.test(phrase);
    if (
      !found.start.isCertain('day') &&
      !found.start.isCertain('weekday') &&
      !found.start.isCertain('month') &&
      !yearsFromToday
    )
      continue;
    const date = `${found.start.get('year')}-${pad(found.start.get('month') ?? 1)}-${pad(found.start.get('day') ?? 1)}`;
    if (readDate(date)) return { date, used };
  }
  return undefined;
}

/** A whole phrase that is one date, such as a form's "By when?" answer. */
export function readDatePhrase(text: string, reference: DateReference | undefined): IsoDate | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const read = readDateWords(words, reference);
  return read && read.used === words.length ? read.date : undefined;
}
