import type { IsoDate, LocalTime, UserMention, Weekday } from './command.js';

// Small readers for the words inside commands. Each returns undefined for words it does not accept,
// and the parser turns that into a usage hint.

const WEEKDAYS: Record<string, Weekday> = {
  mon: 'mon', monday: 'mon',
  tue: 'tue', tues: 'tue', tuesday: 'tue',
  wed: 'wed', wednesday: 'wed',
  thu: 'thu', thur: 'thu', thurs: 'thu', thursday: 'thu',
  fri: 'fri', friday: 'fri',
  sat: 'sat', saturday: 'sat',
  sun: 'sun', sunday: 'sun',
};

export function readWeekday(word: string | undefined): Weekday | undefined {
  return word === undefined ? undefined : WEEKDAYS[word.toLowerCase()];
}

/** 24-hour `HH:MM` or `H:MM`. */
export function readTime(word: string | undefined): LocalTime | undefined {
  const match = word === undefined ? null : /^(\d{1,2}):(\d{2})$/.exec(word);
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
  const match = word === undefined ? null : /^<@([^|<>\s]+)(\|[^<>]*)?>$/.exec(word);
  return match?.[1] ? { userId: match[1] } : undefined;
}

/** An IANA zone the runtime knows, as written. */
export function readTimeZone(word: string | undefined): string | undefined {
  if (word === undefined || !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$|^UTC$/.test(word)) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: word });
    return word;
  } catch {
    return undefined;
  }
}
