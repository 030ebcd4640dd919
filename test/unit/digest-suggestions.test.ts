import { describe, expect, it } from 'vitest';
import { gentleSuggestions } from '../../src/core/digest/suggestions.js';
import type { DigestCommunity } from '../../src/core/ports/digest.js';

const weekEnd = new Date('2026-12-07T00:00:00Z');
const daysBefore = (days: number) => new Date(weekEnd.getTime() - days * 86_400_000);
const weekly = {
  cadence: 'weekly',
  day: 2,
  minute: 930,
  lengthMinutes: 60,
  anchor: '2026-09-01',
  reminder: false,
} as unknown as DigestCommunity['schedule'];

function circle(id: number, overrides: Partial<DigestCommunity> = {}): DigestCommunity {
  return {
    id,
    name: `Circle ${id}`,
    timeZone: 'UTC',
    members: 5,
    facilitators: 1,
    schedule: null,
    createdAt: daysBefore(200),
    heldRecently: false,
    lastHeldAt: null,
    ...overrides,
  };
}

describe('gentle suggestions', () => {
  it('knows whether a quiet circle has a schedule, and how many whole weeks it has been quiet', () => {
    const suggestions = gentleSuggestions(
      [
        circle(1, { schedule: weekly, lastHeldAt: daysBefore(5 * 7 + 2) }),
        circle(2, { lastHeldAt: daysBefore(15) }),
        circle(3, { createdAt: daysBefore(3 * 7) }),
        circle(4, { heldRecently: true, lastHeldAt: daysBefore(3) }),
      ],
      weekEnd,
      3,
    );
    expect(suggestions).toEqual([
      { kind: 'quiet', communityId: 1, scheduled: true, weeks: 5 },
      { kind: 'quiet', communityId: 2, scheduled: false, weeks: 2 },
      // Never met: counted from when it began.
      { kind: 'quiet', communityId: 3, scheduled: false, weeks: 3 },
    ]);
  });
});
