import { describe, expect, it } from 'vitest';
import { spreadOffsetMs } from '../../src/core/nudges/spread.js';

const slot = new Date('2026-03-03T21:30:00Z');
const nextWeek = new Date('2026-03-10T21:30:00Z');
const members = Array.from({ length: 10_000 }, (_, i) => i + 1);
const offsets = (at: Date, sameSlot: number, perSecond: number | null) =>
  members.slice(0, sameSlot).map((memberId) => spreadOffsetMs({ memberId, slot: at, sameSlot, perSecond }));

describe('spreading a crowded nudge slot', () => {
  it('sends at the slot itself when the platform takes them all at once, or has no limit', () => {
    expect(offsets(slot, 12, 12.5).every((offset) => offset === 0)).toBe(true);
    expect(offsets(slot, 10_000, null).every((offset) => offset === 0)).toBe(true);
  });

  it('spreads 10,000 nudges evenly over just the minutes the rate needs', () => {
    const spread = offsets(slot, 10_000, 12.5);
    expect(Math.min(...spread)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...spread)).toBeLessThan(800_000);
    // Ten windows of 80 s each hold about a tenth.
    const windows = Array.from(
      { length: 10 },
      (_, w) => spread.filter((offset) => Math.floor(offset / 80_000) === w).length,
    );
    for (const count of windows) expect(Math.abs(count - 1000)).toBeLessThan(120);
  });

  it('gives each member the same moment on every replica, and a new place in the order each slot', () => {
    expect(offsets(slot, 10_000, 12.5)).toEqual(offsets(slot, 10_000, 12.5));
    const lastTenth = (at: Date) => {
      const spread = offsets(at, 10_000, 12.5);
      return new Set([...members].sort((a, b) => (spread[a - 1] ?? 0) - (spread[b - 1] ?? 0)).slice(9000));
    };
    const thisWeek = lastTenth(slot);
    const again = [...lastTenth(nextWeek)].filter((memberId) => thisWeek.has(memberId));
    // Independent orders share about a tenth of their last tenth; the same order would share all.
    expect(again.length).toBeLessThan(200);
  });
});
