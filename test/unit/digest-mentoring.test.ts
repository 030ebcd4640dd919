import { describe, expect, it } from 'vitest';
import { composeWeek } from '../../src/core/digest/compose-week.js';
import { METRICS, noFigures, type CountedMentoring, type Metric } from '../../src/core/digest/figures.js';
import { answeredPeople, showMentoring } from '../../src/core/digest/mentoring-figures.js';

// Mentoring figures are the whole school's, under the same fewer-than-threshold rule as every other
// figure of the digest, and told only to a school that took mentoring up.

const counted = (figures: Partial<CountedMentoring['figures']>, inUse = true): CountedMentoring => ({
  inUse,
  figures: {
    asksMade: { count: 0, people: 0 },
    asksAnswered: { count: 0, people: 0 },
    pairsIntroduced: { count: 0, people: 0 },
    pairsMet: { count: 0, people: 0 },
    protocolsHeld: { count: 0, people: 0 },
    visitsMade: { count: 0, people: 0 },
    ...figures,
  },
});

const week = (mentoring?: CountedMentoring) =>
  composeWeek({
    weekStart: '2026-11-30',
    window: { from: new Date('2026-11-30T00:00:00Z'), to: new Date('2026-12-07T00:00:00Z') },
    threshold: 3,
    circles: [],
    aggregates: { communities: [], pool: null, total: { sessionsHeld: 0, sessionsMissed: 0, figures: noFigures() } },
    pool: null,
    unshownPeople: Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>,
    suggestions: [],
    ...(mentoring ? { mentoring } : {}),
  });

describe('mentoring figures as shown', () => {
  it('shows a count drawn from enough people, and "fewer than" for one drawn from fewer, however many asks', () => {
    const shown = showMentoring(
      counted({
        asksMade: { count: 5, people: 2 },
        asksAnswered: { count: 4, people: 3 },
        pairsIntroduced: { count: 2, people: 4 },
        pairsMet: { count: 1, people: 2 },
      }),
      3,
    );
    expect(shown).toEqual({
      asksMade: { kind: 'too-few' },
      asksAnswered: { kind: 'count', count: 4 },
      pairsIntroduced: { kind: 'count', count: 2 },
      pairsMet: { kind: 'too-few' },
      protocolsHeld: { kind: 'too-few' },
      visitsMade: { kind: 'too-few' },
    });
  });

  it('follows a raised threshold', () => {
    const figures = counted({ asksMade: { count: 9, people: 4 }, pairsIntroduced: { count: 3, people: 6 } });
    expect(showMentoring(figures, 3)?.asksMade).toEqual({ kind: 'count', count: 9 });
    expect(showMentoring(figures, 5)?.asksMade).toEqual({ kind: 'too-few' });
    expect(showMentoring(figures, 5)?.pairsIntroduced).toEqual({ kind: 'count', count: 3 });
  });

  it('counts an answered ask as describing its mentor too: one mentor answering five askers is fewer than 3', () => {
    expect(answeredPeople(5, 1)).toBe(1);
    expect(answeredPeople(2, 4)).toBe(2);
    expect(answeredPeople(3, 3)).toBe(3);
    expect(
      showMentoring(counted({ asksAnswered: { count: 5, people: answeredPeople(5, 1) } }), 3)?.asksAnswered,
    ).toEqual({ kind: 'too-few' });
  });

  it('tells nothing to a school that has not taken mentoring up, and keeps no people behind any figure', () => {
    expect(showMentoring(counted({}, false), 3)).toBeNull();
    expect(week(counted({}, false)).mentoring).toBeNull();
    const stored = week(counted({ asksMade: { count: 7, people: 6 } }));
    expect(stored.mentoring?.asksMade).toEqual({ kind: 'count', count: 7 });
    expect(JSON.stringify(stored)).not.toContain('people');
  });

  it('composes a week without mentoring, as weeks were before it was counted, with no such field at all', () => {
    expect('mentoring' in week()).toBe(false);
  });
});
