import { localDate, mondayOf } from '../time/local-time.js';
import { count } from '../text/count.js';

// Which weeks `export workspace` covers: stored, complete weeks from the week the first circle began.

/** The Monday (YYYY-MM-DD, in the admin's zone) of the week the workspace's first circle began; null with none. */
export function firstWeekWithCircle(communities: readonly { createdAt: Date }[], timeZone: string): string | null {
  const first = communities.reduce<Date | null>(
    (earliest, c) => (!earliest || c.createdAt < earliest ? c.createdAt : earliest),
    null,
  );
  return first ? mondayOf(localDate(first, timeZone)) : null;
}

/** "the one full week since the first circle began (week of 2026-11-30)", "the last 12 full weeks". */
export function exportCovers(input: { weeks: number; first: string; sinceFirst: boolean }): string {
  const weeks = input.weeks === 1 ? 'one full week' : count(input.weeks, 'full week');
  return input.sinceFirst ? `the ${weeks} since the first circle began (week of ${input.first})` : `the last ${weeks}`;
}
