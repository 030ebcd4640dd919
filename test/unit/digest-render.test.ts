import { describe, expect, it } from 'vitest';
import { METRICS, noFigures, type CommunityWeek, type Metric, type StoredWeek } from '../../src/core/digest/figures.js';
import { renderDigest, type DigestContent } from '../../src/core/digest/render.js';
import { bars, trendSection } from '../../src/core/digest/trend.js';
import { weekStarting } from '../../src/core/digest/week.js';

const unshown = (values: Partial<Record<Metric, number>> = {}) => Object.fromEntries(METRICS.map((m) => [m, values[m] ?? 0])) as Record<Metric, number>;
const circle = (communityId: number, people: number, count = people): CommunityWeek => {
  const figures = noFigures();
  for (const metric of METRICS) figures[metric] = { count, people };
  return { communityId, sessionsHeld: 1, sessionsMissed: 0, figures };
};
const stored = (weekStart: string, participants: [number, number], extra: Partial<StoredWeek> = {}): StoredWeek => {
  const figures = noFigures();
  figures.participants = { count: participants[0], people: participants[1] };
  return { version: 1, weekStart, total: { sessionsHeld: 4, sessionsMissed: 0, figures, unshownPeople: unshown() }, communities: [], pool: null, ...extra };
};

describe('the six-week trend', () => {
  it('draws a bar per week, longest for the largest figure, and says when a week is hidden or missing', () => {
    expect(
      bars('People taking part', [
        { weekStart: '2026-11-02', value: { kind: 'count', count: 30 } },
        { weekStart: '2026-11-09', value: { kind: 'count', count: 15 } },
        { weekStart: '2026-11-16', value: null },
        { weekStart: '2026-11-23', value: { kind: 'fewer-than-3' } },
        { weekStart: '2026-11-30', value: { kind: 'count', count: 1 } },
        { weekStart: '2026-12-07', value: { kind: 'count', count: 0 } },
      ]),
    ).toBe(
      [
        'People taking part',
        '`02 Nov` ████████████ 30',
        '`09 Nov` ██████ 15',
        '`16 Nov` no digest that week',
        '`23 Nov` fewer than 3',
        '`30 Nov` █ 1',
        '`07 Dec` 0',
      ].join('\n'),
    );
  });

  it('reads each week as stored, keeping back a stored total that subtraction could undo', () => {
    const weeks = ['2026-11-23', '2026-11-30', '2026-12-07'];
    const section = trendSection(weeks, [
      stored('2026-11-23', [20, 20]),
      { ...stored('2026-12-07', [10, 10]), total: { ...stored('2026-12-07', [10, 10]).total, unshownPeople: unshown({ participants: 2 }) } },
    ]);
    expect(section).toContain('People taking part\n`23 Nov` ████████████ 20\n`30 Nov` no digest that week\n`07 Dec` kept back');
    expect(section).toContain('Sessions held\n`23 Nov` ████████████ 4\n`30 Nov` no digest that week\n`07 Dec` ████████████ 4');
  });
});

describe('the digest message', () => {
  const content = (week: StoredWeek, extra: Partial<DigestContent> = {}): DigestContent => ({
    week: weekStarting('2026-11-30', 'UTC'),
    preview: false,
    stored: week,
    names: new Map(week.communities.map((c) => [c.communityId, `Circle ${String(c.communityId).padStart(3, '0')}`])),
    pooledIds: new Set(),
    highlights: [],
    suggestions: [],
    trend: { weekStarts: ['2026-11-30'], weeks: [week] },
    timeZone: 'UTC',
    ...extra,
  });

  it('fits 300 circles into sections Slack accepts, every circle named once', () => {
    const communities = Array.from({ length: 300 }, (_, i) => circle(i + 1, 3 + (i % 5)));
    const message = renderDigest(content(stored('2026-11-30', [900, 900], { communities })));
    const sections = message.sections ?? [];
    expect(sections.length + 1).toBeLessThanOrEqual(50);
    expect(sections.every((s) => s.length <= 3000)).toBe(true);
    const text = sections.join('\n');
    for (const i of [1, 150, 300]) expect(text.match(new RegExp(`Circle ${String(i).padStart(3, '0')}: `, 'g'))).toHaveLength(1);
  });

  it('lists a circle where nothing happened this week too, with nothing to single anyone out', () => {
    const week = stored('2026-11-30', [12, 12], { communities: [circle(1, 5)] });
    const message = renderDigest(content(week, { names: new Map([[1, 'Grade 4'], [3, 'Quiet circle']]) }));
    expect(message.sections).toContain(
      'Grade 4: sessions held: 1 · taking part: 5 · opening check-ins: 5 · closing check-ins: 5 · reflections: 5 · new goals: 5 · goals under way: 5 · achieved: 5 · reworked: 5 · set aside: 5\n' +
        'Quiet circle: sessions held: 0 · taking part: fewer than 3 · opening check-ins: fewer than 3 · closing check-ins: fewer than 3 · reflections: fewer than 3 · new goals: fewer than 3 · goals under way: fewer than 3 · achieved: fewer than 3 · reworked: fewer than 3 · set aside: fewer than 3',
    );
  });

  it('names a few circles in each suggestion and counts the rest', () => {
    const quiet = Array.from({ length: 20 }, (_, i) => ({ kind: 'quiet' as const, communityId: i + 1, name: `Circle ${i + 1}` }));
    const message = renderDigest(content(stored('2026-11-30', [12, 12]), { suggestions: [...quiet, { kind: 'no-facilitator', communityId: 30, name: 'Circle 30' }] }));
    const section = (message.sections ?? []).find((s) => s.startsWith('Gentle suggestions:')) ?? '';
    const lines = section.split('\n');
    expect(lines).toHaveLength(1 + 8 + 1 + 1);
    expect(lines[1]).toBe('• Circle 1 has not met for two weeks. A friendly word with its facilitator, or a regular `schedule`, can help it find its rhythm again.');
    expect(lines[9]).toBe('• 12 more circles have not met for two weeks either.');
    expect(lines[10]).toMatch(/^• Circle 30 has sessions scheduled but no facilitator\./);
  });

  it('labels a highlight from a smaller circle without naming it, and explains a kept-back total', () => {
    const week = stored('2026-11-30', [12, 12], { communities: [circle(1, 5), circle(2, 2)] });
    week.total.unshownPeople = unshown({ participants: 2 });
    const message = renderDigest(
      content(week, {
        pooledIds: new Set([2]),
        highlights: [
          { communityId: 2, text: 'Pairs reading to each other' },
          { communityId: 1, text: 'Warm-ups the students lead' },
        ],
      }),
    );
    const text = [message.text, ...(message.sections ?? [])].join('\n');
    expect(text).toContain('• "Pairs reading to each other" (a smaller circle)');
    expect(text).toContain('• "Warm-ups the students lead" (Circle 001)');
    expect(text).not.toContain('Circle 002');
    expect(text).toContain('Across the school: sessions held: 4 · taking part: kept back');
    expect(text).toContain('"Kept back": a total across the school that, beside the circles\' figures, would show what one or two people did.');
    expect(text).not.toMatch(/\b(ranked|top|bottom|worst|best|lowest|highest)\b/i);
  });
});
