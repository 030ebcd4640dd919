import { describe, expect, it } from 'vitest';
import type { Cadence } from '../../src/core/commands/command.js';
import { nextRound } from '../../src/core/pairing/schedule.js';
import { isoWeekday, localDate, localMinute } from '../../src/core/time/local-time.js';

// Chicago moves to summer time on Sunday 8 March 2026 (09:00 is 15:00Z before, 14:00Z after) and
// back on Sunday 1 November 2026.
const ZONE = 'America/Chicago';
const settings = (cadence: Cadence, anchor = '2026-03-02') => ({ cadence, mode: 'peers' as const, anchor });
const round = (
  after: string,
  cadence: Cadence = 'weekly',
  closures: { from: string; to: string }[] = [],
  anchor?: string,
) =>
  nextRound({ settings: settings(cadence, anchor), timeZone: ZONE, after: new Date(after), closures })?.toISOString() ??
  null;

describe('the next pairing round', () => {
  it("comes weekly on Monday at 09:00 in the circle's zone, strictly after the instant given, not before the first date", () => {
    expect(round('2026-02-20T00:00:00Z')).toBe('2026-03-02T15:00:00.000Z');
    expect(round('2026-03-02T14:59:00Z')).toBe('2026-03-02T15:00:00.000Z');
    expect(round('2026-03-02T15:00:00Z')).toBe('2026-03-09T14:00:00.000Z');
  });

  it('stays at 09:00 local on the Mondays after daylight saving starts and ends', () => {
    expect(round('2026-03-02T15:00:00Z')).toBe('2026-03-09T14:00:00.000Z');
    expect(round('2026-10-26T14:00:00Z')).toBe('2026-11-02T15:00:00.000Z');
    let at = '2026-03-01T00:00:00Z';
    for (let week = 0; week < 45; week++) {
      at = round(at)!;
      expect(localMinute(new Date(at), ZONE)).toBe(9 * 60);
      expect(isoWeekday(localDate(new Date(at), ZONE))).toBe(1);
    }
  });

  it('comes every other week counting from the week of the first date', () => {
    expect(round('2026-03-01T00:00:00Z', 'biweekly', [], '2026-03-09')).toBe('2026-03-09T14:00:00.000Z');
    expect(round('2026-03-09T14:00:00Z', 'biweekly', [], '2026-03-09')).toBe('2026-03-23T14:00:00.000Z');
    expect(round('2026-03-23T14:00:00Z', 'biweekly', [], '2026-03-09')).toBe('2026-04-06T14:00:00.000Z');
    // A first date on a Wednesday: its week's Monday is past, so the first round is two weeks on.
    expect(round('2026-03-01T00:00:00Z', 'biweekly', [], '2026-03-11')).toBe('2026-03-23T14:00:00.000Z');
  });

  it('comes monthly on the first Monday of the month', () => {
    expect(round('2026-03-02T15:00:00Z', 'monthly')).toBe('2026-04-06T14:00:00.000Z');
    expect(round('2026-04-06T14:00:00Z', 'monthly')).toBe('2026-05-04T14:00:00.000Z');
  });

  it('moves a closed Monday to Tuesday, without a second round that week', () => {
    const closed = [{ from: '2026-03-16', to: '2026-03-16' }];
    expect(round('2026-03-09T14:00:00Z', 'weekly', closed)).toBe('2026-03-17T14:00:00.000Z');
    expect(round('2026-03-17T14:00:00Z', 'weekly', closed)).toBe('2026-03-23T14:00:00.000Z');
    expect(round('2026-03-09T14:00:00Z', 'weekly', [{ from: '2026-03-16', to: '2026-03-17' }])).toBe(
      '2026-03-18T14:00:00.000Z',
    );
    // A closed first Monday of June still gives June its round, on the Tuesday, and only that one.
    const june = [{ from: '2026-06-01', to: '2026-06-01' }];
    expect(round('2026-05-04T14:00:00Z', 'monthly', june)).toBe('2026-06-02T14:00:00.000Z');
    expect(round('2026-06-02T14:00:00Z', 'monthly', june)).toBe('2026-07-06T14:00:00.000Z');
  });

  it('skips a break week altogether rather than doubling a later one, and keeps the two-weekly rhythm', () => {
    const springBreak = [{ from: '2026-03-30', to: '2026-04-03' }];
    expect(round('2026-03-23T14:00:00Z', 'weekly', springBreak)).toBe('2026-04-06T14:00:00.000Z');
    expect(round('2026-04-06T14:00:00Z', 'weekly', springBreak)).toBe('2026-04-13T14:00:00.000Z');
    expect(round('2026-03-09T14:00:00Z', 'biweekly', [{ from: '2026-03-23', to: '2026-03-27' }], '2026-03-09')).toBe(
      '2026-04-06T14:00:00.000Z',
    );
  });

  it('has no round at all when every week ahead is closed', () => {
    expect(round('2026-03-02T15:00:00Z', 'weekly', [{ from: '2026-03-03', to: '2028-12-31' }])).toBeNull();
  });
});
