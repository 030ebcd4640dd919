// A slow, plain reading of the wall clock, to check the local-time module against: it asks Intl
// what a zone's clock reads at each UTC minute and walks minute by minute, with none of the
// module's offset arithmetic.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formats = new Map<string, Intl.DateTimeFormat>();
function format(zone: string): Intl.DateTimeFormat {
  let found = formats.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(zone, found);
  }
  return found;
}

/** What the zone's clock reads at instant `at`, as the UTC milliseconds of that same reading. */
export function wallAt(zone: string, at: number): number {
  const parts = Object.fromEntries(
    format(zone)
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour) % 24,
    Number(parts.minute),
    Number(parts.second),
  );
}

/** The zone's local date at an instant. */
export const dateAt = (zone: string, at: number): string => new Date(wallAt(zone, at)).toISOString().slice(0, 10);

/** The wall reading `minute` minutes after midnight of `date`, as UTC milliseconds. */
const wallOf = (date: string, minute: number): number => Date.parse(`${date}T00:00:00Z`) + minute * MINUTE_MS;

/**
 * The first UTC minute whose wall clock reads `date` at `minute` or later. The walk starts where
 * the clock surely reads earlier: before the wanted reading less the largest offset the zone has in
 * the days around it (sampled hourly; an offset lasts months, never less than an hour).
 */
export function firstMinuteAtOrAfter(zone: string, date: string, minute: number): number {
  const wanted = wallOf(date, minute);
  let largest = -Infinity;
  for (let hour = -40; hour <= 16; hour++) {
    const at = wanted + hour * 60 * MINUTE_MS;
    largest = Math.max(largest, wallAt(zone, at) - at);
  }
  let at = Math.floor((wanted - largest) / MINUTE_MS) * MINUTE_MS - 60 * MINUTE_MS;
  if (wallAt(zone, at) >= wanted) throw new Error(`the walk for ${date} ${minute} in ${zone} starts too late`);
  while (wallAt(zone, at) < wanted) at += MINUTE_MS;
  return at;
}

/** The ISO weekday of a date, through Date. */
export const weekdayOf = (date: string): number => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

export const shiftDate = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Each instant in [from, to) where the zone's offset changes: the reading just before and at it. */
export function transitions(zone: string, from: string, to: string): { at: number; before: number; after: number }[] {
  const offset = (at: number) => wallAt(zone, at) - at;
  const found: { at: number; before: number; after: number }[] = [];
  for (let day = Date.parse(`${from}T00:00:00Z`); day < Date.parse(`${to}T00:00:00Z`); day += DAY_MS) {
    if (offset(day) === offset(day + DAY_MS)) continue;
    let low = day;
    let high = day + DAY_MS;
    while (high - low > MINUTE_MS) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offset(middle) === offset(day)) low = middle;
      else high = middle;
    }
    found.push({ at: high, before: wallAt(zone, high - MINUTE_MS) + MINUTE_MS, after: wallAt(zone, high) });
  }
  return found;
}
