import { describe, expect, it } from 'vitest';
import { answerBy } from '../../src/core/mentoring/answer-by.js';

const ZONE = 'America/Chicago';

describe('two school days to answer an ask', () => {
  it('runs to the same time two school days later', () => {
    // Tuesday 10:00 in Chicago → Thursday 10:00.
    expect(answerBy(new Date('2026-03-03T16:00:00Z'), ZONE, []).toISOString()).toBe('2026-03-05T16:00:00.000Z');
  });

  it('does not count the weekend: asked on Friday afternoon, due on Tuesday afternoon', () => {
    expect(answerBy(new Date('2026-03-06T21:00:00Z'), ZONE, []).toISOString()).toBe('2026-03-10T20:00:00.000Z');
  });

  it('does not count breaks or holidays', () => {
    const springBreak = [{ from: '2026-03-09', to: '2026-03-13' }];
    // Friday before the break → Monday and Tuesday after it.
    expect(answerBy(new Date('2026-03-06T16:00:00Z'), ZONE, springBreak).toISOString()).toBe(
      '2026-03-17T15:00:00.000Z',
    );
    // Asked during the break (11:00 in Chicago, after the clocks went forward): the second school day after it.
    expect(answerBy(new Date('2026-03-10T16:00:00Z'), ZONE, springBreak).toISOString()).toBe(
      '2026-03-17T16:00:00.000Z',
    );
  });

  it('still gives an answer when the calendar closes school for good', () => {
    const closed = [{ from: '2026-01-01', to: '2028-12-31' }];
    expect(answerBy(new Date('2026-03-03T16:00:00Z'), ZONE, closed).toISOString()).toBe('2026-03-17T16:00:00.000Z');
  });
});
