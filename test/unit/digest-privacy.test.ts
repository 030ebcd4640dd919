import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poolShown, showFigure, showPoolFigure, showTotal } from '../../src/core/digest/privacy.js';

// The privacy rules as pure functions. What the database counts, and how weeks are stored and read
// back, is covered by test/db/digest-privacy.property.test.ts.

describe('the threshold rule', () => {
  it('hides a figure drawn from fewer people than the threshold, however large the count: 4 goals from 2 people', () => {
    expect(showFigure({ count: 4, people: 2 }, 3)).toEqual({ kind: 'too-few' });
    expect(showFigure({ count: 1, people: 1 }, 3)).toEqual({ kind: 'too-few' });
    expect(showFigure({ count: 0, people: 0 }, 3)).toEqual({ kind: 'too-few' });
    expect(showFigure({ count: 3, people: 3 }, 3)).toEqual({ kind: 'count', count: 3 });
    expect(showFigure({ count: 11, people: 4 }, 3)).toEqual({ kind: 'count', count: 11 });
  });

  it('follows a raised threshold: 4 people are too few when it is 5', () => {
    expect(showFigure({ count: 11, people: 4 }, 5)).toEqual({ kind: 'too-few' });
    expect(showFigure({ count: 11, people: 5 }, 5)).toEqual({ kind: 'count', count: 11 });
    expect(poolShown({ members: 4 }, 5)).toBe(false);
  });

  it('shows the smaller circles together only when they have enough members between them', () => {
    expect(poolShown(null, 3)).toBe(false);
    expect(poolShown({ members: 2 }, 3)).toBe(false);
    expect(poolShown({ members: 3 }, 3)).toBe(true);
  });
});

describe('a figure of the smaller circles', () => {
  it("is kept back when taking out a lone teacher's circle would leave a figure that could be shown", () => {
    // The lone teacher set 2 goals; two pairs set 4 between them. Were the lone circle padded out of
    // the pool, the pool would show 4, and 6 - 4 would be what one person did.
    const parts = [
      { people: 1, exclusive: 1 },
      { people: 2, exclusive: 2 },
      { people: 2, exclusive: 2 },
    ];
    expect(showPoolFigure({ count: 6, people: 5 }, parts, 3)).toEqual({ kind: 'withheld' });
  });

  it('is shown when no circle can be taken out without the rest falling under the threshold', () => {
    const parts = [
      { people: 2, exclusive: 2 },
      { people: 2, exclusive: 2 },
    ];
    expect(showPoolFigure({ count: 7, people: 4 }, parts, 3)).toEqual({ kind: 'count', count: 7 });
    // A circle where nobody counted for this figure changes nothing when taken out.
    expect(showPoolFigure({ count: 7, people: 4 }, [...parts, { people: 0, exclusive: 0 }], 3)).toEqual({
      kind: 'count',
      count: 7,
    });
  });

  it('counts people in two pooled circles once: taking one circle out does not take them out', () => {
    // Person A is in both circles; B and C only in the second. Without the first circle: A, B, C.
    expect(
      showPoolFigure(
        { count: 5, people: 3 },
        [
          { people: 1, exclusive: 0 },
          { people: 3, exclusive: 2 },
        ],
        3,
      ),
    ).toEqual({ kind: 'withheld' });
  });

  it("never shows a pool figure from which one circle's small part, or a small rest, could be subtracted (random pools)", () => {
    // Circles as sets of people (a person may be in several); the rule's inputs are worked out here
    // from the sets, and the property is checked on the sets themselves.
    const pools = fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(pools, fc.integer({ min: 3, max: 6 }), (circles, threshold) => {
        const everyone = new Set(circles.flat());
        const parts = circles.map((people, i) => {
          const others = new Set(circles.filter((_, j) => j !== i).flat());
          return { people: people.length, exclusive: people.filter((p) => !others.has(p)).length };
        });
        const shown = showPoolFigure({ count: everyone.size, people: everyone.size }, parts, threshold);
        if (shown.kind !== 'count') return;
        circles.forEach((people, i) => {
          const rest = new Set(circles.filter((_, j) => j !== i).flat()).size;
          const small = (n: number) => n > 0 && n < threshold;
          expect(small(people.length) && rest >= threshold).toBe(false);
          expect(small(rest) && people.length >= threshold).toBe(false);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('totals beside hidden figures', () => {
  it('keeps a total back when subtracting the printed figures would give what fewer than the threshold did', () => {
    expect(showTotal({ count: 11, people: 8 }, 2, 3)).toEqual({ kind: 'withheld' });
    expect(showTotal({ count: 11, people: 8 }, 1, 3)).toEqual({ kind: 'withheld' });
    expect(showTotal({ count: 11, people: 8 }, 4, 5)).toEqual({ kind: 'withheld' });
  });

  it('prints a total whose unprinted part comes from nobody or from enough people', () => {
    expect(showTotal({ count: 11, people: 8 }, 3, 3)).toEqual({ kind: 'count', count: 11 });
    expect(showTotal({ count: 5, people: 4 }, 0, 3)).toEqual({ kind: 'count', count: 5 });
  });

  it('hides a total that is itself drawn from too few people', () => {
    expect(showTotal({ count: 4, people: 2 }, 2, 3)).toEqual({ kind: 'too-few' });
  });
});
