import type { Shown, StoredWeek } from './figures.js';

// The few circles a little support could help this week, for the digest of a larger school: quiet
// ones, those where fewer people took part than the week before, and schedules no facilitator looks
// after. It says where support could help, never who is doing badly: circles only (never a
// teacher), and only circles shown on their own (a smaller circle is never named).

/** Named in the message; the rest are counted, and every circle is in the table. */
export const ATTENTION_BY_NAME = 5;

export type SupportReason =
  | { kind: 'quiet'; weeks?: number; scheduled?: boolean }
  /** `now` as shown this week; `before` the count shown the week before. */
  | { kind: 'fewer-taking-part'; now: Shown; before: number }
  | { kind: 'no-facilitator' };

export interface SupportNeed {
  communityId: number;
  name: string;
  /** Why first; a circle with no facilitator for another reason too says so beside it. */
  reason: SupportReason;
  alsoNoFacilitator: boolean;
}

/**
 * A fall in people taking part worth a word: at least the privacy threshold and at least a quarter
 * of the week before, or to "fewer than k" from at least twice k. Smaller moves are a normal week.
 */
export function fellNotably(before: number, now: Shown, threshold: number): boolean {
  if (now.kind === 'count') return before - now.count >= Math.max(threshold, Math.ceil(before / 4));
  return now.kind === 'too-few' && before >= 2 * threshold;
}

const ORDER = { quiet: 0, 'fewer-taking-part': 1, 'no-facilitator': 2 } as const;

/** How much a reason asks for support, so the handful named are those that most could use it. */
function weight(reason: SupportReason): number {
  if (reason.kind === 'quiet') return reason.weeks ?? 2;
  if (reason.kind === 'fewer-taking-part') return reason.before - (reason.now.kind === 'count' ? reason.now.count : 0);
  return 0;
}

/**
 * Every circle that may welcome support this week, the ones named first. `before` is the week
 * stored just before this one, if any. Circles no longer here are left out: they need nothing.
 */
export function circlesNeedingSupport(
  week: StoredWeek,
  before: StoredWeek | null,
  names: ReadonlyMap<number, string>,
): SupportNeed[] {
  const k = week.threshold;
  const reasons = new Map<number, SupportReason>();
  const unled = new Set(week.suggestions.filter((s) => s.kind === 'no-facilitator').map((s) => s.communityId));
  for (const s of week.suggestions) {
    if (s.kind === 'quiet')
      reasons.set(s.communityId, {
        kind: 'quiet',
        ...(s.weeks !== undefined ? { weeks: s.weeks } : {}),
        ...(s.scheduled !== undefined ? { scheduled: s.scheduled } : {}),
      });
  }
  const earlier = new Map((before?.circles ?? []).map((c) => [c.communityId, c.figures.participants]));
  for (const circle of week.circles) {
    if (reasons.has(circle.communityId)) continue;
    const was = earlier.get(circle.communityId);
    if (was?.kind === 'count' && fellNotably(was.count, circle.figures.participants, k)) {
      reasons.set(circle.communityId, {
        kind: 'fewer-taking-part',
        now: circle.figures.participants,
        before: was.count,
      });
    }
  }
  for (const id of unled) if (!reasons.has(id)) reasons.set(id, { kind: 'no-facilitator' });
  return [...reasons]
    .flatMap(([communityId, reason]) => {
      const name = names.get(communityId);
      return name === undefined
        ? []
        : [
            {
              communityId,
              name,
              reason,
              alsoNoFacilitator: reason.kind !== 'no-facilitator' && unled.has(communityId),
            },
          ];
    })
    .sort(
      (a, b) =>
        ORDER[a.reason.kind] - ORDER[b.reason.kind] ||
        weight(b.reason) - weight(a.reason) ||
        a.name.localeCompare(b.name),
    );
}

/** A group of people small enough that no figure may describe it: 1 to threshold - 1. */
const small = (people: number, threshold: number) => people > 0 && people < threshold;

/**
 * Whether exact circle figures may be printed beside an exact total of the same week: the total
 * minus any of them, or minus any several together, must not leave 1 to k - 1 (a remainder a reader
 * could take for what a small group did). A total that is not shown as a count leaves nothing to
 * subtract from. The few circles named keep the subsets few (2^5).
 */
export function safeBesideTotal(total: Shown, parts: readonly number[], threshold: number): boolean {
  if (total.kind !== 'count') return true;
  for (let mask = 1; mask < 1 << parts.length; mask++) {
    let sum = 0;
    parts.forEach((part, i) => {
      if (mask & (1 << i)) sum += part;
    });
    if (small(total.count - sum, threshold)) return false;
  }
  return true;
}
