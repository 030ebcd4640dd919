import type { Closure } from '../time/closure.js';
import type { DigestCommunity, ExpectedSession } from '../ports/digest.js';
import { startsBetween } from '../schedules/schedule.js';

/**
 * The scheduled sessions of the week that should have happened by its end, each community's in its
 * own zone, breaks and holidays skipped (a break is not a missed session). One still under way when
 * the week so far ends is not counted yet.
 */
export function expectedSessions(
  communities: readonly DigestCommunity[],
  week: { from: Date; to: Date },
  closures: readonly Closure[],
): ExpectedSession[] {
  return communities.flatMap((community) => {
    const schedule = community.schedule;
    if (!schedule) return [];
    const length = schedule.lengthMinutes * 60_000;
    return startsBetween({ schedule, timeZone: community.timeZone, from: week.from, to: week.to, closures })
      .filter((start) => start.getTime() + length <= week.to.getTime())
      .map((start) => ({ communityId: community.id, start, end: new Date(start.getTime() + length) }));
  });
}
