import { describe, expect, it } from 'vitest';
import { pairPeople, recencyWindow } from '../../src/core/pairing/pair.js';
import { circle, coverage, pairsOf, repeatsWithin, runRounds, type Past } from '../helpers/pairing-rounds.js';

const ids = (n: number) => circle(n).map((p) => p.memberId);
const sizes = (groups: readonly (readonly number[])[]) => groups.map((g) => g.length).sort((a, b) => a - b);

describe('a pairing round', () => {
  it('pairs an even circle, everyone once', () => {
    const { groups } = pairPeople({ people: circle(8), mode: 'peers', past: [], seed: 1 });
    expect(sizes(groups)).toEqual([2, 2, 2, 2]);
    expect(coverage(groups, ids(8))).toEqual({ missing: [], extra: [] });
  });

  it('makes exactly one trio of an odd circle', () => {
    for (const n of [3, 5, 7, 13]) {
      const { groups } = pairPeople({ people: circle(n), mode: 'peers', past: [], seed: n });
      expect(sizes(groups)).toEqual([...Array<number>((n - 3) / 2).fill(2), 3]);
      expect(coverage(groups, ids(n))).toEqual({ missing: [], extra: [] });
    }
  });

  it('has no groups for one person alone or nobody', () => {
    expect(pairPeople({ people: circle(1), mode: 'peers', past: [], seed: 1 }).groups).toEqual([]);
    expect(pairPeople({ people: [], mode: 'mentors', past: [], seed: 1 }).groups).toEqual([]);
    expect(
      pairPeople({ people: circle(2), mode: 'peers', past: [], seed: 1 }).groups.map((g) => [...g].sort()),
    ).toEqual([[1, 2]]);
  });

  it('keeps a recency window that shrinks for small circles and stops at six', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 40].map(recencyWindow)).toEqual([0, 0, 0, 0, 1, 0, 2, 2, 3, 5, 6, 6]);
  });

  it('repeats no pair from the window, and returns that window', () => {
    const past: Past = [
      {
        groups: [
          [1, 2],
          [3, 4],
          [5, 6],
          [7, 8],
        ],
      },
      {
        groups: [
          [1, 3],
          [2, 4],
          [5, 7],
          [6, 8],
        ],
      },
      {
        groups: [
          [1, 4],
          [2, 3],
          [5, 8],
          [6, 7],
        ],
      },
    ];
    for (let seed = 0; seed < 20; seed++) {
      const { groups, window } = pairPeople({ people: circle(8), mode: 'peers', past, seed });
      expect(window).toBe(3);
      expect(repeatsWithin(groups, past, 3)).toEqual([]);
      // Only the halves {1..4} and {5..8} cross now: every pair is across them.
      expect(groups.every((g) => g[0]! <= 4 !== g[1]! <= 4)).toBe(true);
    }
  });

  it('relaxes the window one round at a time when no grouping keeps it', () => {
    // Everyone met everyone in the third round back (one large group): a window of 3 is impossible.
    const past: Past = [
      {
        groups: [
          [1, 2],
          [3, 4],
          [5, 6],
          [7, 8],
        ],
      },
      {
        groups: [
          [1, 3],
          [2, 4],
          [5, 7],
          [6, 8],
        ],
      },
      { groups: [[1, 2, 3, 4, 5, 6, 7, 8]] },
    ];
    const { groups, window } = pairPeople({ people: circle(8), mode: 'peers', past, seed: 3 });
    expect(window).toBe(2);
    expect(repeatsWithin(groups, past, 2)).toEqual([]);
    const stuck = pairPeople({ people: circle(4), mode: 'peers', past: [{ groups: [[1, 2, 3, 4]] }], seed: 3 });
    expect(stuck.window).toBe(0);
    expect(sizes(stuck.groups)).toEqual([2, 2]);
  });

  it('is the same for the same circle, past and seed, whatever order people come in, and varies with the seed', () => {
    const input = {
      people: circle(12),
      mode: 'peers' as const,
      past: [
        {
          groups: [
            [1, 2],
            [3, 4],
          ],
        },
      ],
      seed: 42,
    };
    const first = pairPeople(input);
    expect(pairPeople(input)).toEqual(first);
    expect(pairPeople({ ...input, people: [...input.people].reverse() })).toEqual(first);
    const bySeed = new Set(
      [1, 2, 3, 4, 5].map((seed) =>
        pairsOf(pairPeople({ ...input, seed }).groups)
          .sort()
          .join(),
      ),
    );
    expect(bySeed.size).toBeGreaterThan(1);
  });

  it("does not put last round's trio in the trio again when it can be avoided", () => {
    const past: Past = [
      {
        groups: [
          [1, 2, 3],
          [4, 5],
          [6, 7],
          [8, 9],
        ],
      },
    ];
    for (let seed = 0; seed < 20; seed++) {
      const trio = pairPeople({ people: circle(9), mode: 'peers', past, seed }).groups.find((g) => g.length === 3);
      expect(trio?.filter((id) => id <= 3)).toEqual([]);
    }
  });

  it('still makes its trio, keeping the window, when everyone was in a trio last round', () => {
    const past: Past = [
      {
        groups: [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      },
    ];
    const { groups, window } = pairPeople({ people: circle(9), mode: 'peers', past, seed: 5 });
    expect(window).toBe(recencyWindow(9));
    expect(sizes(groups)).toEqual([2, 2, 2, 3]);
    expect(repeatsWithin(groups, past, window)).toEqual([]);
  });

  it('repeats as little as it can when the window is 0: five people repeat one pair of last week, no more', () => {
    // After a pair and a trio, the pairs left between five people hold no trio: one repeat is forced.
    for (const seed of [1, 50, 900]) {
      const rounds = runRounds(circle(5), 'peers', 12, seed);
      expect(rounds.slice(1).map((r) => repeatsWithin(r.groups, r.before, 1).length)).toEqual(
        Array<number>(11).fill(1),
      );
    }
  });
});

describe('a round in mentors mode', () => {
  const mentorsOf = (groups: readonly (readonly number[])[], mentors: number) =>
    groups.map((g) => g.filter((id) => id <= mentors).length);

  it('pairs each mentee with a mentor when they are as many', () => {
    const { groups } = pairPeople({ people: circle(8, 4), mode: 'mentors', past: [], seed: 1 });
    expect(sizes(groups)).toEqual([2, 2, 2, 2]);
    expect(mentorsOf(groups, 4)).toEqual([1, 1, 1, 1]);
    expect(groups.every((g) => g[0]! <= 4)).toBe(true);
  });

  it('gives mentors more mentees, spread evenly, when mentors are few', () => {
    const { groups } = pairPeople({ people: circle(7, 2), mode: 'mentors', past: [], seed: 1 });
    expect(sizes(groups)).toEqual([3, 4]);
    expect(mentorsOf(groups, 2)).toEqual([1, 1]);
    expect(coverage(groups, ids(7))).toEqual({ missing: [], extra: [] });
    const one = pairPeople({ people: circle(4, 1), mode: 'mentors', past: [], seed: 1 });
    expect(one.groups).toHaveLength(1);
    expect(one.groups[0]![0]).toBe(1);
  });

  it('lets spare mentors meet each other, one spare mentor joining a pair as a trio', () => {
    const spare = pairPeople({ people: circle(7, 5), mode: 'mentors', past: [], seed: 1 }).groups;
    expect(sizes(spare)).toEqual([2, 2, 3]);
    expect(spare.every((g) => g.filter((id) => id > 5).length <= 1)).toBe(true);
    const single = pairPeople({ people: circle(7, 4), mode: 'mentors', past: [], seed: 1 }).groups;
    expect(sizes(single)).toEqual([2, 2, 3]);
    expect(single.every((g) => g.filter((id) => id > 4).length === 1)).toBe(true);
  });

  it('gives each mentee a different mentor from last week, even when the window had to go', () => {
    // Two mentors with two mentees each: mentees of one mentor met each other, so no grouping keeps a
    // window; the mentor is still changed every week.
    for (const seed of [1, 50, 900]) {
      const rounds = runRounds(circle(6, 2), 'mentors', 8, seed);
      for (const [i, round] of rounds.entries()) {
        const last = rounds[i - 1]?.groups ?? [];
        for (const g of round.groups)
          expect(last.filter((h) => h[0] === g[0] && g.slice(1).some((e) => h.includes(e)))).toEqual([]);
      }
    }
  });

  it('falls back to peers without mentors or without mentees', () => {
    for (const people of [circle(5, 0), circle(5, 5)]) {
      const { groups } = pairPeople({ people, mode: 'mentors', past: [], seed: 1 });
      expect(sizes(groups)).toEqual([2, 3]);
    }
  });

  it('avoids a mentor a mentee met within the window when another is free', () => {
    const past: Past = [
      {
        groups: [
          [1, 4],
          [2, 5],
          [3, 6],
        ],
      },
    ];
    for (let seed = 0; seed < 10; seed++) {
      const { groups, window } = pairPeople({ people: circle(6, 3), mode: 'mentors', past, seed });
      expect(window).toBe(2);
      expect(repeatsWithin(groups, past, window)).toEqual([]);
    }
  });
});

describe('a term of weekly rounds', () => {
  it('pairs 13 people for 13 weeks with no pair repeated within the window and nobody left out', () => {
    for (const seed of [1, 2, 3]) {
      const rounds = runRounds(circle(13), 'peers', 13, seed * 100);
      for (const round of rounds) {
        expect(round.window).toBe(recencyWindow(13));
        expect(repeatsWithin(round.groups, round.before, round.window)).toEqual([]);
        expect(coverage(round.groups, ids(13))).toEqual({ missing: [], extra: [] });
        expect(sizes(round.groups)).toEqual([2, 2, 2, 2, 2, 3]);
      }
      // Nobody is in the trio two weeks running.
      for (const [i, round] of rounds.entries()) {
        const trio = round.groups.find((g) => g.length === 3)!;
        const last = rounds[i - 1]?.groups.find((g) => g.length === 3) ?? [];
        expect(trio.filter((id) => last.includes(id))).toEqual([]);
      }
    }
  });
});
