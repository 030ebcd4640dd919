import { describe, expect, it } from 'vitest';
import { DeliveryError, MAX_ATTEMPTS, nextAttempt } from '../../src/core/outbox.js';

const now = new Date('2026-03-02T09:00:00Z');
const after = (next: ReturnType<typeof nextAttempt>) =>
  next.kind === 'retry' ? next.at.getTime() - now.getTime() : -1;

describe('what to do after a failed delivery', () => {
  it('waits exactly the Retry-After of a rate limit', () => {
    expect(
      after(nextAttempt({ attempts: 1, error: new DeliveryError('429', { retryAfterMs: 7000 }), now, random: 0.9 })),
    ).toBe(7000);
  });

  it('backs off exponentially with jitter, never immediately', () => {
    const delays = [1, 2, 3, 4, 5].map((attempts) =>
      [0, 1].map((random) => after(nextAttempt({ attempts, error: new Error('500'), now, random }))),
    );
    expect(delays).toEqual([
      [15_000, 30_000],
      [30_000, 60_000],
      [60_000, 120_000],
      [120_000, 240_000],
      [240_000, 480_000],
    ]);
  });

  it('gives up after the last attempt, and at once on a permanent refusal', () => {
    expect(nextAttempt({ attempts: MAX_ATTEMPTS, error: new Error('500'), now, random: 0 }).kind).toBe('give-up');
    expect(
      nextAttempt({ attempts: 1, error: new DeliveryError('channel_not_found', { permanent: true }), now, random: 0 }),
    ).toEqual({
      kind: 'give-up',
      reason: 'refused for good',
    });
  });
});
