import { DateTime } from 'luxon';
import type { Shown, StoredWeek } from './figures.js';
import { DEFAULT_THRESHOLD } from './privacy.js';

// The six-week trend as text bars: readable at a glance in any chat, no image needed. Each week is
// read from what was stored when its digest went out, so later deletions do not redraw the past.

export const TREND_WEEKS = 6;
const BAR_WIDTH = 12;
const BLOCK = '█';

function weekLabel(weekStart: string): string {
  return DateTime.fromISO(weekStart, { zone: 'UTC' }).toFormat('dd LLL');
}

/** One chart: a bar per week, longest for the largest figure shown; hidden weeks say so instead. */
export function bars(
  title: string,
  weeks: readonly { weekStart: string; value: Shown | null; threshold?: number }[],
): string {
  const counts = weeks.map((w) => (w.value?.kind === 'count' ? w.value.count : 0));
  const most = Math.max(1, ...counts);
  const lines = weeks.map(({ weekStart, value, threshold }) => {
    const label = `\`${weekLabel(weekStart)}\``;
    if (value === null) return `${label} no digest that week`;
    if (value.kind === 'too-few') return `${label} fewer than ${threshold ?? DEFAULT_THRESHOLD}`;
    if (value.kind === 'withheld') return `${label} kept back`;
    const length = value.count === 0 ? 0 : Math.max(1, Math.round((value.count / most) * BAR_WIDTH));
    return `${label} ${BLOCK.repeat(length)}${length ? ' ' : ''}${value.count}`;
  });
  return [title, ...lines].join('\n');
}

/**
 * The trend over the weeks given (oldest first, the digest's own week last). Weeks before the first
 * stored digest are left out, so a new school's trend starts with its first week.
 */
export function trendSection(weekStarts: readonly string[], stored: readonly StoredWeek[]): string {
  const byWeek = new Map(stored.map((week) => [week.weekStart, week]));
  const firstKnown = weekStarts.findIndex((weekStart) => byWeek.has(weekStart));
  const shown = firstKnown < 0 ? [] : weekStarts.slice(firstKnown);
  const sessions = shown.map((weekStart) => {
    const week = byWeek.get(weekStart);
    return { weekStart, value: week ? ({ kind: 'count', count: week.total.sessionsHeld } as const) : null };
  });
  const people = shown.map((weekStart) => {
    const week = byWeek.get(weekStart);
    return { weekStart, value: week ? week.total.figures.participants : null, threshold: week?.threshold };
  });
  return [`Week by week, across the school`, bars('Sessions held', sessions), bars('People taking part', people)].join(
    '\n\n',
  );
}
