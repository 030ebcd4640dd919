import type { Metric, StoredWeek, WeekAggregates } from './figures.js';

/** What a digest keeps of its week: the aggregates, and what the totals may print beside them. */
export function composeWeek(input: {
  weekStart: string;
  aggregates: WeekAggregates;
  pool: { circles: number; members: number } | null;
  unshownPeople: Record<Metric, number>;
}): StoredWeek {
  const { aggregates } = input;
  return {
    version: 1,
    weekStart: input.weekStart,
    total: { ...aggregates.total, unshownPeople: input.unshownPeople },
    communities: aggregates.communities,
    pool: aggregates.pool && input.pool ? { ...aggregates.pool, ...input.pool } : null,
  };
}
