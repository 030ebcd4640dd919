import {
  METRICS,
  noFigures,
  type CountedMentoring,
  type Figures,
  type Metric,
  type ShownFigures,
  type StoredWeek,
  type WeekAggregates,
} from './figures.js';
import { showMentoring } from './mentoring-figures.js';
import { showFigure, showTotal } from './privacy.js';
import type { Suggestion } from './suggestions.js';

const showAll = (show: (metric: Metric) => ShownFigures[Metric]): ShownFigures =>
  Object.fromEntries(METRICS.map((metric) => [metric, show(metric)])) as ShownFigures;

/** A figure line with nothing to show: the pool when it is hidden as a whole. */
const nothingShown = (): ShownFigures => showAll(() => ({ kind: 'too-few' }));

/**
 * What a week keeps once counted: each figure as shown under the rules, never the people behind a
 * hidden one. `pool.figures` is null when the smaller circles are hidden as a whole.
 */
export function composeWeek(input: {
  weekStart: string;
  window: { from: Date; to: Date };
  threshold: number;
  /** Every community shown on its own, with its name. */
  circles: readonly { id: number }[];
  aggregates: WeekAggregates;
  pool: { communityIds: number[]; members: number; figures: ShownFigures | null } | null;
  unshownPeople: Record<Metric, number>;
  suggestions: readonly Suggestion[];
  /** The workspace's mentoring in the week; a week composed without it is stored without it. */
  mentoring?: CountedMentoring;
}): StoredWeek {
  const { aggregates, threshold } = input;
  const weekOf = new Map(aggregates.communities.map((c) => [c.communityId, c]));
  const row = (sessions: { sessionsHeld: number; sessionsMissed: number }, figures: Figures) => ({
    sessionsHeld: sessions.sessionsHeld,
    sessionsMissed: sessions.sessionsMissed,
    figures: showAll((metric) => showFigure(figures[metric], threshold)),
  });
  return {
    version: 2,
    weekStart: input.weekStart,
    from: input.window.from.toISOString(),
    to: input.window.to.toISOString(),
    threshold,
    circles: input.circles.map(({ id }) => {
      const week = weekOf.get(id) ?? { sessionsHeld: 0, sessionsMissed: 0, figures: noFigures() };
      return { communityId: id, ...row(week, week.figures) };
    }),
    pool:
      input.pool && aggregates.pool
        ? {
            circles: input.pool.communityIds.length,
            members: input.pool.members,
            communityIds: input.pool.communityIds,
            sessionsHeld: aggregates.pool.sessionsHeld,
            sessionsMissed: aggregates.pool.sessionsMissed,
            figures: input.pool.figures ?? nothingShown(),
          }
        : null,
    total: {
      sessionsHeld: aggregates.total.sessionsHeld,
      sessionsMissed: aggregates.total.sessionsMissed,
      figures: showAll((metric) => showTotal(aggregates.total.figures[metric], input.unshownPeople[metric], threshold)),
    },
    suggestions: [...input.suggestions],
    ...(input.mentoring ? { mentoring: showMentoring(input.mentoring, threshold) } : {}),
  };
}
