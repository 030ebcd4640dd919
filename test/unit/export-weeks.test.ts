import { describe, expect, it } from 'vitest';
import { exportCovers, firstWeekWithCircle } from '../../src/core/export/export-weeks.js';

describe('the weeks `export workspace` covers', () => {
  it("starts at the Monday of the week the first circle began, in the admin's zone", () => {
    const circles = [{ createdAt: new Date('2026-12-09T10:00:00Z') }, { createdAt: new Date('2026-12-01T03:00:00Z') }];
    expect(firstWeekWithCircle(circles, 'UTC')).toBe('2026-11-30');
    // Monday 30 November, 03:00 UTC, is still Sunday evening in Chicago.
    expect(firstWeekWithCircle([{ createdAt: new Date('2026-11-30T03:00:00Z') }], 'America/Chicago')).toBe(
      '2026-11-23',
    );
    expect(firstWeekWithCircle([], 'UTC')).toBeNull();
  });

  it('says how many weeks in words that agree, and since when when it reaches the first circle', () => {
    expect(exportCovers({ weeks: 1, first: '2026-11-30', sinceFirst: true })).toBe(
      'the one full week since the first circle began (week of 2026-11-30)',
    );
    expect(exportCovers({ weeks: 5, first: '2026-11-02', sinceFirst: true })).toBe(
      'the 5 full weeks since the first circle began (week of 2026-11-02)',
    );
    expect(exportCovers({ weeks: 12, first: '2026-01-05', sinceFirst: false })).toBe('the last 12 full weeks');
  });
});
