import { describe, expect, it } from 'vitest';
import { composeWeek } from '../../src/core/digest/compose-week.js';
import { METRICS, noFigures, type CommunityWeek, type Figures, type Metric } from '../../src/core/digest/figures.js';
import { poolShown, showFigure, showTotal, shownCommunities } from '../../src/core/digest/privacy.js';

const figures = (values: Partial<Record<Metric, [count: number, people: number]>>): Figures => {
  const all = noFigures();
  for (const [metric, [count, people]] of Object.entries(values) as [Metric, [number, number]][]) all[metric] = { count, people };
  return all;
};
const community = (communityId: number, values: Partial<Record<Metric, [number, number]>>): CommunityWeek => ({ communityId, sessionsHeld: 1, sessionsMissed: 0, figures: figures(values) });

/** A deterministic pseudo-random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('the fewer-than-3 rule', () => {
  it('hides a figure drawn from fewer than 3 people, however large the count: 4 goals from 2 people', () => {
    expect(showFigure({ count: 4, people: 2 })).toEqual({ kind: 'fewer-than-3' });
    expect(showFigure({ count: 1, people: 1 })).toEqual({ kind: 'fewer-than-3' });
    expect(showFigure({ count: 0, people: 0 })).toEqual({ kind: 'fewer-than-3' });
    expect(showFigure({ count: 3, people: 3 })).toEqual({ kind: 'count', count: 3 });
    expect(showFigure({ count: 11, people: 4 })).toEqual({ kind: 'count', count: 11 });
  });

  it('shows the smaller circles together only when they have 3 members or more between them', () => {
    expect(poolShown(null)).toBe(false);
    expect(poolShown({ members: 2 })).toBe(false);
    expect(poolShown({ members: 3 })).toBe(true);
  });
});

describe('totals beside hidden figures', () => {
  const aggregates = {
    communities: [community(1, { goalsNew: [5, 4], opening: [9, 5] }), community(2, { goalsNew: [4, 2], opening: [6, 3] })],
    pool: community(-1, { goalsNew: [2, 2], opening: [3, 3] }),
  };

  it('counts a community towards a total only where its own figure is printed, and the pool only when it is shown', () => {
    const shown = shownCommunities(aggregates, [7, 8], 4);
    expect(shown.goalsNew).toEqual([1]);
    expect(shown.opening).toEqual([1, 2, 7, 8]);
    // Fewer than 3 members across the smaller circles: none of their figures is printed.
    expect(shownCommunities(aggregates, [7, 8], 2).opening).toEqual([1, 2]);
  });

  const week = (total: [number, number], unshown: number) =>
    composeWeek({
      weekStart: '2026-11-30',
      aggregates: { ...aggregates, total: { sessionsHeld: 3, sessionsMissed: 0, figures: figures({ goalsNew: total }) } },
      pool: { circles: 2, members: 4 },
      unshownPeople: { ...Object.fromEntries(METRICS.map((m) => [m, 0])), goalsNew: unshown } as Record<Metric, number>,
    });

  it('keeps a total back when subtracting the printed figures would give what 1 or 2 people did', () => {
    // 11 goals in all, 5 printed for community 1: 11 - 5 = 6 would be the two hidden parts' goals.
    expect(showTotal(week([11, 8], 2), 'goalsNew')).toEqual({ kind: 'withheld' });
    expect(showTotal(week([11, 8], 1), 'goalsNew')).toEqual({ kind: 'withheld' });
  });

  it('prints a total whose unprinted part comes from nobody or from 3 people or more', () => {
    expect(showTotal(week([11, 8], 3), 'goalsNew')).toEqual({ kind: 'count', count: 11 });
    expect(showTotal(week([5, 4], 0), 'goalsNew')).toEqual({ kind: 'count', count: 5 });
  });

  it('hides a total that is itself drawn from fewer than 3 people', () => {
    expect(showTotal(week([4, 2], 2), 'goalsNew')).toEqual({ kind: 'fewer-than-3' });
  });

  it('never lets a printed total minus printed figures reveal activity of fewer than 3 people (random workspaces)', () => {
    const next = random(20261201);
    for (let round = 0; round < 500; round++) {
      // Each person belongs to one community here, so unshown people are the hidden parts' people.
      const communities = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, i) => {
        const people = Math.floor(next() * 6);
        return community(i + 1, { goalsNew: [people * (1 + Math.floor(next() * 3)), people] });
      });
      const shown = new Set(shownCommunities({ communities, pool: null }, [], 0).goalsNew);
      const unshown = communities.filter((c) => !shown.has(c.communityId));
      const total: [number, number] = [communities.reduce((n, c) => n + c.figures.goalsNew.count, 0), communities.reduce((n, c) => n + c.figures.goalsNew.people, 0)];
      const stored = composeWeek({
        weekStart: '2026-11-30',
        aggregates: { communities, pool: null, total: { sessionsHeld: 0, sessionsMissed: 0, figures: figures({ goalsNew: total }) } },
        pool: null,
        unshownPeople: { ...Object.fromEntries(METRICS.map((m) => [m, 0])), goalsNew: unshown.reduce((n, c) => n + c.figures.goalsNew.people, 0) } as Record<Metric, number>,
      });
      const printed = showTotal(stored, 'goalsNew');
      if (printed.kind !== 'count') continue;
      const printedParts = communities.filter((c) => showFigure(c.figures.goalsNew).kind === 'count').reduce((n, c) => n + c.figures.goalsNew.count, 0);
      const difference = printed.count - printedParts;
      const behindDifference = unshown.reduce((n, c) => n + c.figures.goalsNew.people, 0);
      expect(difference === 0 || behindDifference >= 3, `round ${round}: ${difference} from ${behindDifference} people`).toBe(true);
    }
  });
});
