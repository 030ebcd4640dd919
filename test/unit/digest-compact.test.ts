import { describe, expect, it } from 'vitest';
import { fellNotably, safeBesideTotal } from '../../src/core/digest/attention.js';
import {
  METRICS,
  type Metric,
  type Shown,
  type ShownFigures,
  type ShownRow,
  type StoredWeek,
} from '../../src/core/digest/figures.js';
import { digestLayout, FULL_TABLE_UP_TO, renderDigest, type DigestContent } from '../../src/core/digest/render.js';
import { movementLine } from '../../src/core/digest/render-compact.js';
import { digestTable } from '../../src/core/export/digest-table.js';

// A larger school's digest on one screen: the school, its movement, a handful of circles where
// support could help, and the table of every circle as a file beside it.

const shownAll = (value: (metric: Metric) => Shown): ShownFigures =>
  Object.fromEntries(METRICS.map((m) => [m, value(m)])) as ShownFigures;
const rowOf = (people: number, held = 1): ShownRow => ({
  sessionsHeld: held,
  sessionsMissed: 0,
  figures: shownAll(() => (people >= 3 ? { kind: 'count', count: people } : { kind: 'too-few' })),
});
const circle = (communityId: number, people: number, held = 1) => ({ communityId, ...rowOf(people, held) });
const count = (n: number): Shown => ({ kind: 'count', count: n });
const week = (weekStart: string, extra: Partial<StoredWeek> = {}): StoredWeek => ({
  version: 2,
  weekStart,
  from: `${weekStart}T00:00:00.000Z`,
  to: `${weekStart}T00:00:00.000Z`,
  threshold: 3,
  circles: [],
  pool: null,
  total: rowOf(900, 280),
  suggestions: [],
  ...extra,
});
const name = (id: number) => `Circle ${String(id).padStart(3, '0')}`;
const content = (
  now: StoredWeek,
  before: StoredWeek | null = null,
  extra: Partial<DigestContent> = {},
): DigestContent => ({
  preview: false,
  stored: now,
  names: new Map([...now.circles, ...(before?.circles ?? [])].map((c) => [c.communityId, name(c.communityId)])),
  highlights: [],
  trend: before
    ? { weekStarts: [before.weekStart, now.weekStart], weeks: [before, now] }
    : { weekStarts: [now.weekStart], weeks: [now] },
  ...extra,
});
const whole = (message: { text: string; sections?: string[] }) =>
  [message.text, ...(message.sections ?? [])].join('\n');
const school = (n: number) => Array.from({ length: n }, (_, i) => circle(i + 1, 3 + (i % 5)));

describe('a larger school’s digest', () => {
  it('keeps every circle in the message up to eight circles, so a small school loses nothing', () => {
    expect(digestLayout(week('2026-11-30', { circles: school(FULL_TABLE_UP_TO) }))).toBe('full');
    expect(digestLayout(week('2026-11-30', { circles: school(FULL_TABLE_UP_TO + 1) }))).toBe('compact');
    const text = whole(renderDigest(content(week('2026-11-30', { circles: school(8) }))));
    for (let i = 1; i <= 8; i++) expect(text).toContain(`${name(i)}: sessions held: 1 · taking part: `);
  });

  it('fits 300 circles on one screen, with the school’s figures, its movement and the trend, and says the table comes with it', () => {
    const before = week('2026-11-23', { circles: school(300), total: rowOf(950, 290) });
    const now = week('2026-11-30', {
      circles: school(300),
      pool: { circles: 5, members: 10, communityIds: [301, 302, 303, 304, 305], ...rowOf(6) },
    });
    const message = renderDigest(content(now, before));
    const text = whole(message);
    expect(text.length).toBeLessThan(3000);
    expect(message.sections?.length).toBeLessThanOrEqual(6);
    expect(text).toContain('Across the school: sessions held: 280 · taking part: 900 · opening check-ins: 900');
    expect(text).toContain(
      'Since the week before: sessions held down 10 · taking part down 50 · opening check-ins down 50',
    );
    expect(text).toContain('Sessions held\n`23 Nov` ████████████ 290\n`30 Nov` ████████████ 280');
    expect(text).toContain(
      "Every circle's figures, one row each (300 circles, and the 5 smaller circles counted together), are in the table that comes with this digest (a CSV file).",
    );
    expect(text).toContain('Smaller circles (5 with fewer than 3 members) are counted together, in the table.');
    expect(text).not.toMatch(/Circle \d{3}: sessions held/);
    expect(text).not.toMatch(/\b(ranked|rank|top|bottom|worst|best|lowest|highest|failing|poor)\b/i);
  });

  it('puts in the table every row the message used to hold, with the same figures', () => {
    const mentoring = {
      asksMade: count(7),
      asksAnswered: { kind: 'too-few' as const },
      pairsIntroduced: count(40),
      pairsMet: count(0),
      protocolsHeld: count(3),
      visitsMade: { kind: 'too-few' as const },
    };
    const now = week('2026-11-30', {
      circles: school(12),
      pool: { circles: 2, members: 4, communityIds: [20, 21], ...rowOf(3) },
      mentoring,
    });
    const table = digestTable(now, new Map(now.circles.map((c) => [c.communityId, name(c.communityId)])));
    const full = whole(renderDigest(content(now), 'full'));
    const lines = table.content.trimEnd().split('\r\n');
    expect(table).toMatchObject({ name: 'mentor-circle-digest-2026-11-30.csv', mimeType: 'text/csv' });
    expect(lines[0]).toBe(
      'week starting,circle,sessions held,scheduled sessions missed,taking part,opening check-ins,closing check-ins,reflections,new goals,goals under way,goals achieved,goals reworked,goals set aside,asks made,asks answered by a mentor,pairs introduced,pairs that met,critical-friends protocols held,classroom visits made',
    );
    expect(lines).toHaveLength(1 + 12 + 1 + 1);
    for (const c of now.circles) {
      const cells = lines.find((l) => l.startsWith(`2026-11-30,${name(c.communityId)},`))?.split(',') ?? [];
      const printed = full.split('\n').find((l) => l.startsWith(`${name(c.communityId)}: `)) ?? '';
      expect(printed).toContain(`taking part: ${cells[4]} · opening check-ins: ${cells[5]}`);
    }
    // Mentoring is counted for the school only: a circle's row and the smaller circles' leave it empty.
    expect(lines).toContain('2026-11-30,smaller circles (2),1,0,3,3,3,3,3,3,3,3,3,,,,,,');
    expect(lines).toContain(`2026-11-30,${name(1)},1,0,3,3,3,3,3,3,3,3,3,,,,,,`);
    expect(lines.at(-1)).toBe(
      '2026-11-30,whole school,280,0,900,900,900,900,900,900,900,900,900,7,fewer than 3,40,0,3,fewer than 3',
    );
    expect(full).toContain(
      'asks made: 7 · asks answered by a mentor: fewer than 3 · pairs introduced: 40 · pairs that met: 0 · critical-friends protocols held: 3 · classroom visits made: fewer than 3',
    );
  });

  it('names a handful of circles where support could help, those that most could use it first, and counts the rest', () => {
    const quiet = Array.from({ length: 8 }, (_, i) => ({
      kind: 'quiet' as const,
      communityId: i + 1,
      scheduled: true,
      weeks: 2 + (i % 3),
    }));
    const now = week('2026-11-30', {
      circles: school(20),
      suggestions: [...quiet, { kind: 'no-facilitator', communityId: 15 }, { kind: 'no-facilitator', communityId: 2 }],
    });
    const section =
      (renderDigest(content(now)).sections ?? []).find((s) => s.startsWith('Where a little support could help')) ?? '';
    const lines = section.split('\n');
    expect(lines[0]).toBe('Where a little support could help this week (about circles, never about any one teacher):');
    expect(lines.slice(1, 6)).toEqual([
      '• Circle 003 has not met for 4 weeks. A friendly word with its facilitator can help it find its rhythm again.',
      '• Circle 006 has not met for 4 weeks. A friendly word with its facilitator can help it find its rhythm again.',
      '• Circle 002 has not met for 3 weeks. A friendly word with its facilitator can help it find its rhythm again. It has no facilitator yet: `facilitator add @person` in its channel names one.',
      '• Circle 005 has not met for 3 weeks. A friendly word with its facilitator can help it find its rhythm again.',
      '• Circle 008 has not met for 3 weeks. A friendly word with its facilitator can help it find its rhythm again.',
    ]);
    expect(lines[6]).toBe('• …and 4 more circles where the same may help.');
  });

  it('tells a notable fall in people taking part with both weeks’ counts, and only in words where a count beside the total would leave a small remainder', () => {
    const before = week('2026-11-23', { circles: [...school(10), circle(11, 12)], total: rowOf(40) });
    const now = week('2026-11-30', { circles: [...school(10), circle(11, 7)], total: rowOf(30) });
    const line = (w: StoredWeek, b: StoredWeek) =>
      (renderDigest(content(w, b)).sections ?? [])
        .join('\n')
        .split('\n')
        .find((l) => l.startsWith('• Circle 011')) ?? '';
    expect(line(now, before)).toBe(
      '• Circle 011: 7 taking part, from 12 the week before. Asking its facilitator what would help (another time, a fresh prompt) may be welcome.',
    );
    // 9 across the school beside 7 in one circle would say that 2 people took part elsewhere.
    const tight = { ...now, total: rowOf(9) };
    expect(line(tight, before)).toBe(
      '• Circle 011: fewer people took part than the week before. Asking its facilitator what would help (another time, a fresh prompt) may be welcome.',
    );
    // A fall smaller than the threshold, or than a quarter, is a normal week.
    expect(fellNotably(12, count(10), 3)).toBe(false);
    expect(fellNotably(40, count(32), 3)).toBe(false);
    expect(fellNotably(40, count(30), 3)).toBe(true);
    expect(fellNotably(6, { kind: 'too-few' }, 3)).toBe(true);
    expect(fellNotably(5, { kind: 'too-few' }, 3)).toBe(false);
  });

  it('tells a change in people smaller than the threshold as about the same, and sessions as they are', () => {
    const before = week('2026-11-23', {
      total: { ...rowOf(100, 20), figures: { ...rowOf(100).figures, reflections: { kind: 'too-few' } } },
    });
    const now = week('2026-11-30', {
      total: { ...rowOf(102, 21), figures: { ...rowOf(102).figures, goalsNew: count(100) } },
    });
    expect(movementLine(now, before)).toBe(
      'Since the week before: sessions held up 1 · taking part about the same · opening check-ins about the same · new goals the same · goals achieved about the same.',
    );
    expect(movementLine(now, null)).toBe('There is no earlier week stored to compare with yet.');
  });

  it('checks every set of named counts against the total', () => {
    expect(safeBesideTotal(count(20), [7, 11], 3)).toBe(false);
    expect(safeBesideTotal(count(20), [7, 10], 3)).toBe(true);
    expect(safeBesideTotal(count(7), [7], 3)).toBe(true);
    expect(safeBesideTotal({ kind: 'withheld' }, [7, 12], 3)).toBe(true);
  });

  it('shows at most three highlights, each cut short, and never names a smaller circle', () => {
    const now = week('2026-11-30', {
      circles: school(10),
      pool: { circles: 1, members: 2, communityIds: [99], ...rowOf(2) },
    });
    const highlights = [
      { communityId: 99, text: 'Pairs reading' },
      { communityId: 1, text: 'x'.repeat(1000) },
      { communityId: 2, text: 'Warm-ups' },
      { communityId: 3, text: 'Fourth' },
    ];
    const names = new Map([
      ...now.circles.map((c) => [c.communityId, name(c.communityId)] as const),
      [99, 'Tiny pair'] as const,
    ]);
    const text = whole(renderDigest(content(now, null, { highlights, names })));
    expect(text).toContain('• "Pairs reading" (a smaller circle)');
    expect(text).toContain(`• "${'x'.repeat(239)}…" (Circle 001)`);
    expect(text).not.toContain('Fourth');
    expect(text).not.toContain('Tiny pair');
    expect(text.length).toBeLessThan(3000);
  });
});
