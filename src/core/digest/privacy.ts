import {
  METRICS,
  type Figure,
  type Figures,
  type Metric,
  type PoolBreakdown,
  type Shown,
  type ShownFigures,
} from './figures.js';

// Small groups stay anonymous, and privacy is about differences. With a threshold k (3 unless an
// admin raised it with `privacy <n>`):
// - a figure drawn from fewer than k distinct people shows as "fewer than k";
// - communities with fewer than k members are shown only together, as "smaller circles", and not at
//   all when together they have fewer than k members;
// - a figure of the smaller circles is shown only when taking any one circle out of the pool could
//   not expose a group under k: neither that circle's part nor the rest may be a group of 1..k-1
//   people while the other side is large enough to be shown somewhere on its own;
// - a total is shown only when no hidden figure could be worked out from it by subtracting the
//   figures that are shown.
// Each week is counted once and stored as shown, so the same week can never be shown two ways.

export const DEFAULT_THRESHOLD = 3;
export const MIN_THRESHOLD = 3;
export const MAX_THRESHOLD = 10;

export function showFigure(figure: Figure, threshold: number): Shown {
  return figure.people >= threshold ? { kind: 'count', count: figure.count } : { kind: 'too-few' };
}

/** A community too small to be shown on its own. */
export const isSmallCircle = (members: number, threshold: number) => members < threshold;

/** The smaller circles together are shown only when they have at least `threshold` members between them. */
export const poolShown = (pool: { members: number } | null, threshold: number): boolean =>
  pool !== null && pool.members >= threshold;

/** A group of people small enough that no figure may describe it: 1 to threshold - 1. */
const small = (people: number, threshold: number) => people > 0 && people < threshold;

/**
 * One figure of the smaller circles. Taking circle c out of the pool splits it in two: c's part and
 * the rest. If one side could be shown on its own (in another week's pool, or as c's own row once
 * its membership changed) while the other is a small group, subtracting would expose that group,
 * so the figure is kept back.
 */
export function showPoolFigure(
  figure: Figure,
  parts: readonly { people: number; exclusive: number }[],
  threshold: number,
): Shown {
  if (figure.people < threshold) return { kind: 'too-few' };
  for (const part of parts) {
    const rest = figure.people - part.exclusive;
    if ((small(part.people, threshold) && rest >= threshold) || (small(rest, threshold) && part.people >= threshold))
      return { kind: 'withheld' };
  }
  return { kind: 'count', count: figure.count };
}

/** Every figure of the pool as shown, or null when the pool is hidden as a whole. */
export function showPool(
  pool: { figures: Figures; members: number },
  breakdown: PoolBreakdown,
  threshold: number,
): ShownFigures | null {
  if (!poolShown(pool, threshold)) return null;
  return Object.fromEntries(
    METRICS.map((metric) => [metric, showPoolFigure(pool.figures[metric], breakdown[metric], threshold)]),
  ) as ShownFigures;
}

/**
 * Per metric, the communities whose figure is printed: a pooled community counts when the pool's
 * figure is printed. Whatever of a total lies outside them is what subtraction could reveal.
 */
export function shownCommunities(
  circles: readonly { communityId: number; figures: Figures }[],
  pool: { communityIds: readonly number[]; figures: ShownFigures | null },
  threshold: number,
): Record<Metric, number[]> {
  return Object.fromEntries(
    METRICS.map((metric) => {
      const own = circles.filter((c) => c.figures[metric].people >= threshold).map((c) => c.communityId);
      const fromPool = pool.figures?.[metric].kind === 'count' ? [...pool.communityIds] : [];
      return [metric, [...own, ...fromPool]];
    }),
  ) as Record<Metric, number[]>;
}

/**
 * A workspace total. Beside the threshold rule, it is withheld when the part of it that no printed
 * figure accounts for comes from 1 to threshold - 1 people: total minus the printed figures would
 * give exactly what those people did. From nobody (nothing hidden) or from enough people, the
 * difference is itself an aggregate the rule allows.
 */
export function showTotal(figure: Figure, unshownPeople: number, threshold: number): Shown {
  if (figure.people < threshold) return { kind: 'too-few' };
  if (small(unshownPeople, threshold)) return { kind: 'withheld' };
  return { kind: 'count', count: figure.count };
}
