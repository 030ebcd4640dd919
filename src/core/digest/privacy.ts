import { METRICS, type CommunityWeek, type Figure, type Metric, type StoredWeek, type WeekAggregates } from './figures.js';

// Small groups stay anonymous. Any figure drawn from fewer than 3 distinct people is shown as
// "fewer than 3"; communities with fewer than 3 members are shown only together, as "smaller
// circles", and not at all when together they have fewer than 3 members; and a total is printed only
// when no hidden figure could be worked out from it by subtracting the figures that are shown.

export const MIN_PEOPLE = 3;

/** What a reader sees in place of a figure. */
export type Shown = { kind: 'count'; count: number } | { kind: 'fewer-than-3' } | { kind: 'withheld' };

export function showFigure(figure: Figure): Shown {
  return figure.people >= MIN_PEOPLE ? { kind: 'count', count: figure.count } : { kind: 'fewer-than-3' };
}

/** A community too small to be shown on its own. */
export const isSmallCircle = (members: number) => members < MIN_PEOPLE;

/** The smaller circles together are shown only when they have at least 3 members between them. */
export const poolShown = (pool: { members: number } | null): boolean => pool !== null && pool.members >= MIN_PEOPLE;

/**
 * Per metric, the communities whose figure is printed: a pooled community counts when the pool's
 * figure is printed. Whatever of a total lies outside them is what subtraction could reveal.
 */
export function shownCommunities(aggregates: Pick<WeekAggregates, 'communities' | 'pool'>, pooledIds: readonly number[], poolMembers: number): Record<Metric, number[]> {
  const pooled = new Set(pooledIds);
  const poolVisible = poolShown(aggregates.pool ? { members: poolMembers } : null);
  return Object.fromEntries(
    METRICS.map((metric) => {
      const own = aggregates.communities.filter((c) => !pooled.has(c.communityId) && c.figures[metric].people >= MIN_PEOPLE).map((c) => c.communityId);
      const fromPool = poolVisible && aggregates.pool && aggregates.pool.figures[metric].people >= MIN_PEOPLE ? [...pooledIds] : [];
      return [metric, [...own, ...fromPool]];
    }),
  ) as Record<Metric, number[]>;
}

/**
 * A workspace total. Beside the fewer-than-3 rule, it is withheld when the part of it that no printed
 * figure accounts for comes from 1 or 2 people: total minus the printed figures would give exactly
 * what those people did. From nobody (nothing hidden) or from 3 or more, the difference is itself an
 * aggregate the rule allows.
 */
export function showTotal(week: StoredWeek, metric: Metric): Shown {
  const figure = week.total.figures[metric];
  if (figure.people < MIN_PEOPLE) return { kind: 'fewer-than-3' };
  const unshown = week.total.unshownPeople[metric];
  if (unshown > 0 && unshown < MIN_PEOPLE) return { kind: 'withheld' };
  return { kind: 'count', count: figure.count };
}

/** A community's figure as printed: on its own, or not at all when it is one of the smaller circles. */
export function showCommunityFigure(community: CommunityWeek, metric: Metric): Shown {
  return showFigure(community.figures[metric]);
}
