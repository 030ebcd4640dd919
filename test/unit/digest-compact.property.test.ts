import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeWeek } from '../../src/core/digest/compose-week.js';
import { METRICS, type Figures, type Metric, type StoredWeek } from '../../src/core/digest/figures.js';
import { shownCommunities } from '../../src/core/digest/privacy.js';
import { digestLayout, renderDigest } from '../../src/core/digest/render.js';
import { digestTable } from '../../src/core/export/digest-table.js';
import { csvReadings, digestReadings } from '../helpers/digest-readings.js';

// The one-screen digest as a property: random schools of 9 to 14 circles over two weeks, each
// circle with its own set of people taking part, counted through the real privacy rules. Whatever
// the message prints beside the school's total, no count of it, nor any several together, may be
// taken from the total to leave 1 to k - 1; a fall it tells is at least k; and every count it prints
// is the one the table (the attached CSV) holds for that circle and week.

const TEACHERS = 14;
const people = fc.uniqueArray(fc.integer({ min: 1, max: TEACHERS }), { maxLength: 10 });
const scenario = fc.record({
  threshold: fc.integer({ min: 3, max: 5 }),
  circles: fc.array(fc.record({ before: people, now: people, quiet: fc.boolean(), unled: fc.boolean() }), {
    minLength: 9,
    maxLength: 14,
  }),
});

const figuresOf = (size: number): Figures =>
  Object.fromEntries(METRICS.map((m) => [m, { count: size, people: size }])) as Figures;

/** A week counted from who took part in each circle, with the real rules for what is shown. */
function countedWeek(
  weekStart: string,
  sets: readonly (readonly number[])[],
  threshold: number,
  suggestions: StoredWeek['suggestions'] = [],
): StoredWeek {
  const communities = sets.map((set, i) => ({
    communityId: i + 1,
    sessionsHeld: set.length ? 1 : 0,
    sessionsMissed: 0,
    figures: figuresOf(set.length),
  }));
  const union = new Set(sets.flat());
  const shown = shownCommunities(communities, { communityIds: [], figures: null }, threshold);
  const unshownPeople = Object.fromEntries(
    METRICS.map((metric) => {
      const covered = new Set(shown[metric].flatMap((id) => sets[id - 1] ?? []));
      return [metric, [...union].filter((p) => !covered.has(p)).length];
    }),
  ) as Record<Metric, number>;
  return composeWeek({
    weekStart,
    window: { from: new Date(`${weekStart}T00:00:00Z`), to: new Date(`${weekStart}T00:00:00Z`) },
    threshold,
    circles: communities.map((c) => ({ id: c.communityId })),
    aggregates: {
      communities,
      pool: null,
      total: {
        sessionsHeld: communities.filter((c) => c.sessionsHeld).length,
        sessionsMissed: 0,
        figures: figuresOf(union.size),
      },
    },
    pool: null,
    unshownPeople,
    suggestions,
  });
}

const small = (n: number, k: number) => n > 0 && n < k;

describe('the one-screen digest', () => {
  it('prints no count beside the total that leaves a small remainder, and only counts the table holds', () => {
    fc.assert(
      fc.property(scenario, ({ threshold: k, circles }) => {
        const names = new Map(circles.map((_, i) => [i + 1, `Circle ${i + 1}`]));
        const before = countedWeek(
          '2026-11-23',
          circles.map((c) => c.before),
          k,
        );
        const suggestions = circles.flatMap((c, i) => [
          ...(c.quiet ? [{ kind: 'quiet' as const, communityId: i + 1, scheduled: true, weeks: 2 }] : []),
          ...(c.unled ? [{ kind: 'no-facilitator' as const, communityId: i + 1 }] : []),
        ]);
        const now = countedWeek(
          '2026-11-30',
          circles.map((c) => c.now),
          k,
          suggestions,
        );
        expect(digestLayout(now)).toBe('compact');
        const message = renderDigest({
          preview: false,
          stored: now,
          names,
          highlights: [],
          trend: { weekStarts: [before.weekStart, now.weekStart], weeks: [before, now] },
        });
        const text = [message.text, ...(message.sections ?? [])].join('\n');
        expect(text.length).toBeLessThan(3000);
        expect(message.sections?.length).toBeLessThanOrEqual(6);

        const table = new Map(
          [
            ...csvReadings('table', digestTable(before, names).content),
            ...csvReadings('table', digestTable(now, names).content),
          ]
            .filter((r) => r.metric === 'participants')
            .map((r) => [`${r.weekStart}|${r.row}`, r.shown]),
        );
        // The school line reads as the table's school row.
        const school = digestReadings('message', now.weekStart, text).filter((r) => r.metric === 'participants');
        expect(school.map((r) => r.row)).toEqual(['whole school']);
        expect(school[0]?.shown).toBe(table.get(`${now.weekStart}|whole school`));

        const printed = [
          ...text.matchAll(/^• (Circle \d+): (\d+|fewer than \d+) taking part, from (\d+) the week before\./gm),
        ].map((m) => ({
          row: m[1] ?? '',
          now: m[2] ?? '',
          before: Number(m[3]),
        }));
        for (const p of printed) {
          expect(p.now).toBe(table.get(`${now.weekStart}|${p.row}`));
          expect(String(p.before)).toBe(table.get(`${before.weekStart}|${p.row}`));
          if (/^\d+$/.test(p.now)) expect(p.before - Number(p.now)).toBeGreaterThanOrEqual(k);
        }
        // Every set of counts printed for a week, taken from that week's total, leaves no small remainder.
        for (const [week, counts] of [
          [now, printed.flatMap((p) => (/^\d+$/.test(p.now) ? [Number(p.now)] : []))],
          [before, printed.map((p) => p.before)],
        ] as const) {
          const total = week.total.figures.participants;
          if (total.kind !== 'count') continue;
          for (let mask = 1; mask < 1 << counts.length; mask++) {
            const sum = counts.reduce((acc, c, i) => (mask & (1 << i) ? acc + c : acc), 0);
            expect(small(total.count - sum, k), `${week.weekStart}: ${total.count} - ${sum}`).toBe(false);
          }
        }
        // And, from the rows themselves: no printed circle leaves a small group of people outside it.
        const everyone = new Set(circles.flatMap((c) => c.now));
        if (now.total.figures.participants.kind === 'count') {
          for (const p of printed.filter((q) => /^\d+$/.test(q.now))) {
            const inside = new Set(circles[Number(p.row.slice('Circle '.length)) - 1]?.now ?? []);
            expect(small([...everyone].filter((t) => !inside.has(t)).length, k)).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
