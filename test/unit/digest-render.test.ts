import { describe, expect, it } from 'vitest';
import {
  METRICS,
  type Metric,
  type Shown,
  type ShownFigures,
  type ShownRow,
  type StoredWeek,
} from '../../src/core/digest/figures.js';
import { digestLayout, renderDigest, type DigestContent } from '../../src/core/digest/render.js';
import { showMentoring } from '../../src/core/digest/mentoring-figures.js';
import { bars, trendSection } from '../../src/core/digest/trend.js';

const shownAll = (value: (metric: Metric) => Shown): ShownFigures =>
  Object.fromEntries(METRICS.map((m) => [m, value(m)])) as ShownFigures;
/** A row where every figure is `count`, or "fewer than" when drawn from fewer than 3 people. */
const rowOf = (people: number, count = people, held = 1): ShownRow => ({
  sessionsHeld: held,
  sessionsMissed: 0,
  figures: shownAll(() => (people >= 3 ? { kind: 'count', count } : { kind: 'too-few' })),
});
const circle = (communityId: number, people: number, count = people) => ({ communityId, ...rowOf(people, count) });
const stored = (weekStart: string, participants: Shown, extra: Partial<StoredWeek> = {}): StoredWeek => ({
  version: 2,
  weekStart,
  from: `${weekStart}T00:00:00.000Z`,
  to: `${weekStart}T00:00:00.000Z`,
  threshold: 3,
  circles: [],
  pool: null,
  total: { sessionsHeld: 4, sessionsMissed: 0, figures: { ...rowOf(0).figures, participants } },
  suggestions: [],
  ...extra,
});
const count = (n: number): Shown => ({ kind: 'count', count: n });

describe('the six-week trend', () => {
  it('draws a bar per week, longest for the largest figure, and says when a week is hidden or missing', () => {
    expect(
      bars('People taking part', [
        { weekStart: '2026-11-02', value: { kind: 'count', count: 30 } },
        { weekStart: '2026-11-09', value: { kind: 'count', count: 15 } },
        { weekStart: '2026-11-16', value: null },
        { weekStart: '2026-11-23', value: { kind: 'too-few' }, threshold: 3 },
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

  it('reads each week as stored, a kept-back total kept back', () => {
    const weeks = ['2026-11-23', '2026-11-30', '2026-12-07'];
    const section = trendSection(weeks, [stored('2026-11-23', count(20)), stored('2026-12-07', { kind: 'withheld' })]);
    expect(section).toContain(
      'People taking part\n`23 Nov` ████████████ 20\n`30 Nov` no digest that week\n`07 Dec` kept back',
    );
    expect(section).toContain(
      'Sessions held\n`23 Nov` ████████████ 4\n`30 Nov` no digest that week\n`07 Dec` ████████████ 4',
    );
  });
});

describe('the digest message', () => {
  const content = (week: StoredWeek, extra: Partial<DigestContent> = {}): DigestContent => ({
    preview: false,
    stored: week,
    names: new Map(week.circles.map((c) => [c.communityId, `Circle ${String(c.communityId).padStart(3, '0')}`])),
    highlights: [],
    trend: { weekStarts: [week.weekStart], weeks: [week] },
    ...extra,
  });

  it('fits 300 circles into sections Slack accepts, every circle named once, where the table goes in the message', () => {
    const communities = Array.from({ length: 300 }, (_, i) => circle(i + 1, 3 + (i % 5)));
    // A larger school's digest carries every circle in the message only where no file can go with it.
    const message = renderDigest(content(stored('2026-11-30', count(900), { circles: communities })), 'full');
    const sections = message.sections ?? [];
    expect(sections.length + 1).toBeLessThanOrEqual(50);
    expect(sections.every((s) => s.length <= 3000)).toBe(true);
    const text = sections.join('\n');
    for (const i of [1, 150, 300])
      expect(text.match(new RegExp(`Circle ${String(i).padStart(3, '0')}: `, 'g'))).toHaveLength(1);
  });

  it('lists a circle where nothing happened this week too, with nothing to single anyone out', () => {
    const week = stored('2026-11-30', count(12), { circles: [circle(1, 5), { communityId: 3, ...rowOf(0, 0, 0) }] });
    const message = renderDigest(
      content(week, {
        names: new Map([
          [1, 'Grade 4'],
          [3, 'Quiet circle'],
        ]),
      }),
    );
    expect(message.sections).toContain(
      'Grade 4: sessions held: 1 · taking part: 5 · opening check-ins: 5 · closing check-ins: 5 · reflections: 5 · new goals: 5 · goals under way: 5 · achieved: 5 · reworked: 5 · set aside: 5\n' +
        'Quiet circle: sessions held: 0 · taking part: fewer than 3 · opening check-ins: fewer than 3 · closing check-ins: fewer than 3 · reflections: fewer than 3 · new goals: fewer than 3 · goals under way: fewer than 3 · achieved: fewer than 3 · reworked: fewer than 3 · set aside: fewer than 3',
    );
  });

  it('names a few circles in each suggestion and counts the rest', () => {
    const quiet = Array.from({ length: 20 }, (_, i) => ({
      kind: 'quiet' as const,
      communityId: i + 1,
      scheduled: false,
      weeks: 2,
    }));
    const names = new Map([...quiet, { communityId: 30 }].map((c) => [c.communityId, `Circle ${c.communityId}`]));
    const message = renderDigest(
      content(
        stored('2026-11-30', count(12), { suggestions: [...quiet, { kind: 'no-facilitator', communityId: 30 }] }),
        { names },
      ),
    );
    const section = (message.sections ?? []).find((s) => s.startsWith('Gentle suggestions:')) ?? '';
    const lines = section.split('\n');
    expect(lines).toHaveLength(1 + 8 + 1 + 1);
    expect(lines[1]).toBe(
      '• Circle 1 has not met for two weeks. A friendly word with its facilitator, or a regular `schedule`, can help it find its rhythm again.',
    );
    expect(lines[9]).toBe('• 12 more circles have not met for two weeks or more either.');
    expect(lines[10]).toMatch(/^• Circle 30 has sessions scheduled but no facilitator\./);
  });

  it('suggests a schedule only to a circle without one, and says how long it has really been quiet', () => {
    const suggestions = [
      { kind: 'quiet' as const, communityId: 1, scheduled: true, weeks: 5 },
      { kind: 'quiet' as const, communityId: 2, scheduled: false, weeks: 3 },
      // Stored before these were kept: nothing is claimed that the week does not hold.
      { kind: 'quiet' as const, communityId: 3 },
    ];
    const names = new Map([
      [1, 'Scheduled circle'],
      [2, 'Unscheduled circle'],
      [3, 'Older circle'],
    ]);
    const section = (
      renderDigest(content(stored('2026-11-30', count(12), { suggestions }), { names })).sections ?? []
    ).find((s) => s.startsWith('Gentle suggestions:'));
    expect(section?.split('\n').slice(1)).toEqual([
      '• Scheduled circle has not met for 5 weeks. A friendly word with its facilitator can help it find its rhythm again.',
      '• Unscheduled circle has not met for 3 weeks. A friendly word with its facilitator, or a regular `schedule`, can help it find its rhythm again.',
      '• Older circle has not met for two weeks or more. A friendly word with its facilitator can help it find its rhythm again.',
    ]);
  });

  it('labels a highlight from a smaller circle without naming it, and explains a kept-back total', () => {
    const week = stored(
      '2026-11-30',
      { kind: 'withheld' },
      { circles: [circle(1, 5)], pool: { circles: 1, members: 2, communityIds: [2], ...rowOf(2) } },
    );
    const message = renderDigest(
      content(week, {
        names: new Map([
          [1, 'Circle 001'],
          [2, 'Circle 002'],
        ]),
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
    expect(text).toContain(
      '"Kept back": a figure that, beside the others shown, would show what fewer than 3 people did.',
    );
    expect(text).toContain('Smaller circles: together fewer than 3 people');
    expect(text).not.toMatch(/\b(ranked|top|bottom|worst|best|lowest|highest)\b/i);
  });
});

describe('mentoring in the digest', () => {
  const content = (week: StoredWeek): DigestContent => ({
    preview: false,
    stored: week,
    names: new Map(week.circles.map((c) => [c.communityId, `Circle ${String(c.communityId).padStart(3, '0')}`])),
    highlights: [],
    trend: { weekStarts: [week.weekStart], weeks: [week] },
  });
  const mentoring = {
    asksMade: count(5),
    asksAnswered: count(4),
    pairsIntroduced: count(3),
    pairsMet: { kind: 'too-few' as const },
    protocolsHeld: count(2),
    visitsMade: { kind: 'too-few' as const },
  };
  const line =
    'Mentoring across the school, counts only (never what was asked or said, or by whom): asks made: 5 · asks answered by a mentor: 4 · pairs introduced: 3 · pairs that met: fewer than 3 · critical-friends protocols held: 2 · classroom visits made: fewer than 3';
  const few = [circle(1, 5), circle(2, 4)];
  const many = Array.from({ length: 12 }, (_, i) => circle(i + 1, 3 + (i % 4)));

  it.each([
    ['full', few],
    ['compact', many],
  ] as const)('tells the school’s mentoring in one line beside its figures, in the %s layout', (layout, circles) => {
    const message = renderDigest(content(stored('2026-11-30', count(12), { circles, mentoring })));
    const across = (message.sections ?? []).find((s) => s.startsWith('Across the school: ')) ?? '';
    expect(across.split('\n')).toContain(line);
    expect(digestLayout({ circles })).toBe(layout);
    // One line in the school's section: no block more than before, within Slack's 3,000 characters.
    expect(message.sections?.filter((s) => s.includes('Mentoring'))).toHaveLength(1);
    expect(renderDigest(content(stored('2026-11-30', count(12), { circles }))).sections).toHaveLength(
      message.sections?.length ?? 0,
    );
  });

  it.each([
    ['counted before mentoring was', {}],
    ['of a school that has not taken mentoring up', { mentoring: null }],
  ])('says nothing of mentoring for a week %s, in either layout', (_, extra: Partial<StoredWeek>) => {
    for (const circles of [few, many]) {
      const message = renderDigest(content(stored('2026-11-30', count(12), { circles, ...extra })));
      const text = [message.text, ...(message.sections ?? [])].join('\n');
      expect(text).toContain('Across the school: sessions held: 4');
      expect(text).not.toMatch(/mentoring|asks made|pairs introduced/i);
    }
  });

  it('reads a quiet week of a school that took mentoring up as every other figure of none: "fewer than 3"', () => {
    const none = { count: 0, people: 0 };
    const quiet = showMentoring(
      {
        inUse: true,
        figures: {
          asksMade: none,
          asksAnswered: none,
          pairsIntroduced: none,
          pairsMet: none,
          protocolsHeld: none,
          visitsMade: none,
        },
      },
      3,
    );
    const message = renderDigest(content(stored('2026-11-30', count(12), { circles: few, mentoring: quiet })));
    expect(message.sections?.join('\n')).toContain(
      'asks made: fewer than 3 · asks answered by a mentor: fewer than 3 · pairs introduced: fewer than 3 · pairs that met: fewer than 3 · critical-friends protocols held: fewer than 3 · classroom visits made: fewer than 3',
    );
  });
});
