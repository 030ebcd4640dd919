import type { NewOutboxItem } from '../outbox.js';
import { lastFullWeek, nextDigestAt } from './week.js';

export const DIGEST = 'digest';

/** A send more than this late (the admin's role was off and on, a long outage) is not made up. */
const STALE_AFTER_MS = 7 * 86_400_000;

/**
 * An admin whose send has come: the digest of the last full week before now, keyed per admin and
 * week so replicas send it once, and the next send counted from now. `slot` null: nothing is due
 * yet, only the next send is planned.
 */
export function planAdminDigest(input: {
  workspaceId: number;
  memberId: number;
  time: { day: number; minute: number };
  timeZone: string;
  slot: Date | null;
  now: Date;
}): { item: NewOutboxItem | null; next: Date } {
  const next = nextDigestAt({ ...input.time, timeZone: input.timeZone, after: input.now });
  if (!input.slot || input.now.getTime() - input.slot.getTime() > STALE_AFTER_MS) return { item: null, next };
  const week = lastFullWeek(input.now, input.timeZone);
  return {
    item: {
      workspaceId: input.workspaceId,
      memberId: input.memberId,
      kind: DIGEST,
      key: `${DIGEST}:${input.workspaceId}:${input.memberId}:${week.startDate}`,
      dueAt: input.slot,
      payload: { memberId: input.memberId, weekStart: week.startDate },
    },
    next,
  };
}
