import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairPeople, recencyWindow } from '../../src/core/pairing/pair.js';
import { allGroupings, coverage, repeatsWithin, runRounds, circle } from '../helpers/pairing-rounds.js';

// Pairing rounds as properties: random circles of 0 to 40 people, random mentors, and random past
// rounds (groups of two to four, some of people who have since left). Nobody is left out or doubled,
// the group sizes are the documented ones, no pair repeats within the window returned, and the window
// is only ever relaxed when no grouping could keep a longer one.

const pastRound = fc
  .array(fc.uniqueArray(fc.integer({ min: 1, max: 44 }), { minLength: 2, maxLength: 4 }), { maxLength: 20 })
  .map((groups) => {
    // Each person in at most one group of a round, as a real round has it.
    const seen = new Set<number>();
    return { groups: groups.map((g) => g.filter((id) => !seen.has(id) && seen.add(id))).filter((g) => g.length > 1) };
  });

const scenario = fc.record({
  people: fc.uniqueArray(fc.record({ memberId: fc.integer({ min: 1, max: 44 }), isMentor: fc.boolean() }), {
    maxLength: 40,
    selector: (p) => p.memberId,
  }),
  mode: fc.constantFrom('peers' as const, 'mentors' as const),
  past: fc.array(pastRound, { maxLength: 8 }),
  seed: fc.integer(),
});

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('pairing rounds', () => {
  it('put everyone in exactly one group of the documented size, with no pair from the window', () => {
    fc.assert(
      fc.property(scenario, ({ people, mode, past, seed }) => {
        const n = people.length;
        const { groups, window } = pairPeople({ people, mode, past, seed });
        if (n < 2) {
          expect(groups).toEqual([]);
          return;
        }
        expect(
          coverage(
            groups,
            people.map((p) => p.memberId),
          ),
        ).toEqual({ missing: [], extra: [] });
        expect(window).toBeLessThanOrEqual(recencyWindow(n));
        expect(repeatsWithin(groups, past, window)).toEqual([]);
        const mentor = new Set(people.filter((p) => p.isMentor).map((p) => p.memberId));
        const mentors = mentor.size;
        const mentees = n - mentors;
        if (mode === 'mentors' && mentors > 0 && mentees > 0) {
          // Every group has a mentor, first; mentees spread evenly over mentors, or one each.
          expect(groups.every((g) => mentor.has(g[0]!))).toBe(true);
          const taught = groups.map((g) => g.filter((id) => !mentor.has(id)).length);
          if (mentors < mentees) {
            expect(groups).toHaveLength(mentors);
            expect(sorted(taught).at(-1)! - sorted(taught)[0]!).toBeLessThanOrEqual(1);
            return;
          }
          expect(Math.max(...taught)).toBe(1);
        }
        // Pairs, and one trio exactly when the count is odd.
        expect(sorted(groups.map((g) => g.length))).toEqual([
          ...Array<number>(Math.floor(n / 2) - (n % 2)).fill(2),
          ...(n % 2 ? [3] : []),
        ]);
      }),
      { numRuns: 400 },
    );
  });

  it('relax the window only when no grouping keeps it (checked against every grouping of small circles)', () => {
    const small = fc.record({
      n: fc.integer({ min: 2, max: 9 }),
      past: fc.array(pastRound, { maxLength: 5 }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(small, ({ n, past, seed }) => {
        const ids = circle(n).map((p) => p.memberId);
        const groupings = [...allGroupings(ids)];
        let best = recencyWindow(n);
        while (best > 0 && !groupings.some((g) => repeatsWithin(g, past, best).length === 0)) best--;
        expect(pairPeople({ people: circle(n), mode: 'peers', past, seed }).window).toBe(best);
      }),
      { numRuns: 300 },
    );
  });

  it('never have to relax the window when rounds run one after another from an empty past', () => {
    const term = fc.record({ n: fc.integer({ min: 0, max: 40 }), seed: fc.integer() });
    fc.assert(
      fc.property(term, ({ n, seed }) => {
        for (const round of runRounds(circle(n), 'peers', 12, seed)) {
          expect(round.window).toBe(recencyWindow(n));
          expect(repeatsWithin(round.groups, round.before, round.window)).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });
});
