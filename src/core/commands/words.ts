import type { IsoDate, LocalTime, UserMention, Weekday } from './command.js';

// Small readers for the words inside commands. Each returns undefined for words it does not accept,
// and the parser turns that into a usage hint.

const WEEKDAYS: Record<string, Weekday> = {
  mon: 'mon',
  monday: 'mon',
  tue: 'tue',
  tues: 'tue',
  tuesday: 'tue',
  wed: 'wed',
  wednesday: 'wed',
  thu: 'thu',
  thur: 'thu',
  thurs: 'thu',
  thursday: 'thu',
  fri: 'fri',
  friday: 'fri',
  sat: 'sat',
  saturday: 'sat',
  sun: 'sun',
  sunday: 'sun',
};

export function readWeekday(word: string | undefined): Weekday | undefined {
  return word === undefined ? undefined : WEEKDAYS[word.toLowerCase()];
}

/**
 * A time as people type it: 24-hour `15:30` or `9:05`, or with am/pm, `3:30pm`, `4pm`, `9 am`
 * (already joined into one word by the caller), `noon`, `midday`.
 */
export function readTime(word: string | undefined): LocalTime | undefined {
  if (word === undefined) return undefined;
  const written = word
    .toLowerCase()
    .replace(/\./g, (dot, at: number, all: string) => (/\d/.test(all[at + 1] ?? '') ? ':' : ''));
  if (written === 'noon' || written === 'midday') return { hour: 12, minute: 0 };
  const twelve = /^(\d{1,2})(?::(\d{2}))?\s*([ap])m$/.exec(written);
  if (twelve) {
    const hour = Number(twelve[1]);
    const minute = Number(twelve[2] ?? 0);
    if (hour < 1 || hour > 12 || minute > 59) return undefined;
    return { hour: (hour % 12) + (twelve[3] === 'p' ? 12 : 0), minute };
  }
  const match = /^(\d{1,2}):(\d{2})$/.exec(written);
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/** `YYYY-MM-DD`, and a date that exists (no 30 February). */
export function readDate(word: string | undefined): IsoDate | undefined {
  const match = word === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(word);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** A whole number within bounds, written plainly (no signs, no decimals). */
export function readWholeNumber(word: string | undefined, min: number, max: number): number | undefined {
  if (word === undefined || !/^\d{1,6}$/.test(word)) return undefined;
  const value = Number(word);
  return value >= min && value <= max ? value : undefined;
}

/** A measured value such as 14, 2.5 or -1 (a comma works as the decimal mark too). */
export function readDecimal(word: string | undefined): number | undefined {
  if (word === undefined || !/^-?\d{1,9}([.,]\d{1,4})?$/.test(word)) return undefined;
  return Number(word.replace(',', '.'));
}

/** The form adapters give mentions: `<@U123>` or `<@U123|name>`. */
export function readMention(word: string | undefined): UserMention | undefined {
  const match = word === undefined ? null : /^<@([^|<>\s]+)(?:\|([^<>]*))?>$/.exec(word);
  if (!match?.[1]) return undefined;
  // Slack writes the person's handle after the bar: a better name than an id until their own first message brings their name.
  const label = match[2]?.trim();
  return label ? { userId: match[1], label } : { userId: match[1] };
}
