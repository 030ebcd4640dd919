import type { Store } from '../core/ports.js';
import { LEFT_OPEN_MS, planClosingLeftOpen } from '../core/use-cases/close-left-open.js';
import { planReplays, REPLAY_AFTER_MS, REPLAY_UNTIL_MS } from '../core/use-cases/replay-event.js';
import type { OutboxRepo } from '../db/repositories/outbox.js';

/** How many items of one kind a single tick plans at most; the next tick takes the rest. */
const PLAN_BATCH = 500;

/**
 * The minute tick: asks the core what has become due and writes it to the outbox. Every rule of time
 * lives in the core; each due set is one indexed query. Safe to run on every replica at once: the
 * idempotency keys make a second write of the same work impossible.
 */
export async function planDue(deps: { store: Store; outbox: OutboxRepo; now: Date }): Promise<number> {
  const at = deps.now.getTime();
  const leftOpen = await deps.store.sessions.openedBefore(new Date(at - LEFT_OPEN_MS), PLAN_BATCH);
  const dropped = await deps.store.receipts.unhandled({
    receivedAfter: new Date(at - REPLAY_UNTIL_MS),
    receivedBefore: new Date(at - REPLAY_AFTER_MS),
    limit: PLAN_BATCH,
  });
  return deps.outbox.enqueue([...planClosingLeftOpen(leftOpen), ...planReplays(dropped)]);
}
