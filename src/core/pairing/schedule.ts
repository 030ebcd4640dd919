import { nextOccurrence, type WeeklyRule } from '../time/school-week.js';
import type { Closure } from '../time/closure.js';
import { ROUND_DAY, ROUND_MINUTE, type PairingSettings } from './model.js';

// When a circle's next pairing round comes. Every rule of weeks, breaks and daylight saving is the
// school week's (src/core/time/school-week.ts), shared with nudges and scheduled sessions: a round
// planned on a closed Monday moves to the next open school day of that week, a week closed
// altogether has no round and none is made up later, and a two-weekly or monthly rhythm is decided
// on the planned Monday, so a moved round neither shifts the rhythm nor doubles a month.

/** How far ahead to look: a year of closures (far more than any break) still finds the next round. */
const WEEKS_AHEAD = 60;

/** The rule rounds follow: Monday 09:00 community time, counting two-weekly rounds from the anchor's week. */
const roundRule = (settings: PairingSettings): WeeklyRule => ({
  day: ROUND_DAY,
  minute: ROUND_MINUTE,
  cadence: settings.cadence,
  anchor: settings.anchor,
  onClosed: 'next-school-day',
});

/**
 * The first round strictly after `after`, in the circle's zone; null when none comes within a
 * year or so (every week closed). Local 09:00 stays 09:00 across daylight-saving changes.
 */
export function nextRound(input: {
  settings: PairingSettings;
  timeZone: string;
  after: Date;
  closures: readonly Closure[];
}): Date | null {
  return (
    nextOccurrence(roundRule(input.settings), input.timeZone, input.after, input.closures, WEEKS_AHEAD)?.at ?? null
  );
}
