import type { Logger } from '../core/ports/logger.js';
import { DIGEST } from '../core/digest/plan-digest.js';
import { NUDGE } from '../core/nudges/plan-nudge.js';
import { DeliveryError, nextAttempt, type OutboxItem } from '../core/outbox.js';
import type { OutboxDeliveryPort } from '../core/ports/outbox.js';
import { LeaseLost, withLease, type Lease } from './lease.js';
import { Paced } from './pacer.js';

/** Sends one item; throws DeliveryError (or anything) when it could not. */
export type OutboxHandler = (item: OutboxItem) => Promise<void>;

export type DeliveryResult = 'sent' | 'retried' | 'paced' | 'failed' | 'dry-run' | 'lease-lost';

export interface Delivery {
  /** Where items are claimed and settled: the outbox table's repository, passed in. */
  outbox: OutboxDeliveryPort;
  handlers: Record<string, OutboxHandler>;
  now: () => Date;
  worker: string;
  /**
   * How long a claim, and each renewal of it, lasts. It must outlive a send: the ChatPort of timed
   * sends renews it just before each send, and every send is cut off by a timeout far shorter.
   */
  leaseMs: number;
  batchSize: number;
  dryRun: boolean;
  log: Logger;
  random?: () => number;
  /** Records what happened to each item, for metrics; `item` tells how late it went. */
  onResult?: (kind: string, result: DeliveryResult, item: OutboxItem) => void;
  /**
   * How many sends may be under way at once (default 1). Only items to different people run side by
   * side; the rest keep their order.
   */
  lanes?: number;
  /** True once the process is stopping: the rest of a claimed batch is handed back, not sent. */
  stopping?: () => boolean;
}

export interface DeliveryRound {
  claimed: number;
  sent: number;
  /** Put off: after a failure, or (not counted as an attempt) to keep under a platform's rate. */
  retried: number;
  failed: number;
  /** Left alone: the lease ran out before the send, and another worker may hold the item now. */
  lost: number;
}

const describe = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);

/**
 * Claims one batch of due items and settles each: sent, put off, or failed for the operator.
 *
 * What this guarantees: each message is sent once, unless a send succeeds and its process dies (or
 * the platform's answer comes after the send timeout) before the send is recorded. The lease is taken
 * afresh before each item and again just before each send, so an item whose lease ran out while
 * earlier items of the batch went slowly is left to whoever holds it now, never sent by both; every
 * send is bounded by a timeout shorter than the lease, so a renewed lease outlives its send. What
 * remains is the moment between a platform accepting a message and the row recording it.
 */
export async function deliverDue(delivery: Delivery): Promise<DeliveryRound> {
  const round: DeliveryRound = { claimed: 0, sent: 0, retried: 0, failed: 0, lost: 0 };
  const items = await delivery.outbox.claim({
    now: delivery.now(),
    limit: delivery.batchSize,
    leaseMs: delivery.leaseMs,
    worker: delivery.worker,
  });
  round.claimed = items.length;
  const byLane = new Map<string, OutboxItem[]>();
  for (const item of items) {
    const lane = byLane.get(laneOf(item));
    if (lane) lane.push(item);
    else byLane.set(laneOf(item), [item]);
  }
  const lanes = [...byLane.values()];
  let next = 0;
  // Each lane goes in claim order; up to `lanes` of them at once, so a slow platform call holds up
  // only its own lane.
  const runLanes = async () => {
    for (let lane = lanes[next++]; lane; lane = lanes[next++]) {
      for (const [index, item] of lane.entries()) {
        if (delivery.stopping?.()) {
          await delivery.outbox.release(
            lane.slice(index).map((rest) => rest.id),
            delivery.worker,
          );
          delivery.log.info({ released: lane.length - index }, 'stopping: claimed items handed back');
          break;
        }
        const result = await deliverOne(delivery, item);
        delivery.onResult?.(item.kind, result, item);
        if (result === 'sent' || result === 'dry-run') round.sent++;
        else if (result === 'retried' || result === 'paced') round.retried++;
        else if (result === 'failed') round.failed++;
        else round.lost++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(delivery.lanes ?? 1, lanes.length) }, runLanes));
  return round;
}

/**
 * Kinds that go to one person each, where no order among them matters: each member's are a lane of
 * their own. Everything else (session posts, replies in threads, channel notices) keeps one lane, in
 * the order it was claimed.
 */
const TO_ONE_PERSON = new Set([NUDGE, DIGEST]);

function laneOf(item: OutboxItem): string {
  return TO_ONE_PERSON.has(item.kind) && item.memberId !== null ? `member:${item.memberId}` : 'in order';
}

/** Settles one claimed item. */
async function deliverOne(delivery: Delivery, item: OutboxItem): Promise<DeliveryResult> {
  const lease: Lease = {
    renew: () =>
      delivery.outbox.renew({ id: item.id, worker: delivery.worker, now: delivery.now(), leaseMs: delivery.leaseMs }),
  };
  // The items before this one may have taken long: the lease is taken afresh, or the item left to whoever holds it now.
  if (!(await lease.renew())) {
    delivery.log.info(
      { kind: item.kind, key: item.key },
      'lease ran out before this item was reached; left to the worker that holds it now',
    );
    return 'lease-lost';
  }
  const handler = delivery.handlers[item.kind];
  if (!handler) {
    await delivery.outbox.markFailed(item.id, delivery.worker, delivery.now(), `no handler for ${item.kind}`);
    delivery.log.error({ kind: item.kind, key: item.key }, 'outbox item of an unknown kind');
    return 'failed';
  }
  if (delivery.dryRun) {
    delivery.log.info({ kind: item.kind, key: item.key }, 'dry run: would send');
    await delivery.outbox.markSent(item.id, delivery.worker, delivery.now(), true);
    return 'dry-run';
  }
  try {
    await withLease(lease, () => handler(item));
    if (!(await delivery.outbox.markSent(item.id, delivery.worker, delivery.now()))) {
      // Only when recording took longer than the lease after a renewal (the database stalled).
      delivery.log.warn(
        { kind: item.kind, key: item.key },
        'sent, but the lease ran out before the send was recorded; another worker may send it again',
      );
    }
    return 'sent';
  } catch (error) {
    if (error instanceof LeaseLost) {
      delivery.log.info({ kind: item.kind, key: item.key }, 'lease lost before the send; not sent here');
      return 'lease-lost';
    }
    if (error instanceof Paced) {
      // Keeping under the platform's rate is not a failure: no attempt is counted.
      await delivery.outbox.retryLater(
        item.id,
        delivery.worker,
        new Date(delivery.now().getTime() + (error.failure.retryAfterMs ?? 1000)),
        'paced',
        false,
      );
      return 'paced';
    }
    if (error instanceof DeliveryError && error.failure.deferred) {
      // Waiting on something else (the message whose thread this goes in): not a failed attempt.
      await delivery.outbox.retryLater(
        item.id,
        delivery.worker,
        new Date(delivery.now().getTime() + (error.failure.retryAfterMs ?? 2000)),
        describe(error),
        false,
      );
      return 'retried';
    }
    const attempts = item.attempts + 1;
    const next = nextAttempt({ attempts, error, now: delivery.now(), random: (delivery.random ?? Math.random)() });
    if (next.kind === 'retry') {
      await delivery.outbox.retryLater(item.id, delivery.worker, next.at, describe(error));
      delivery.log.warn(
        { kind: item.kind, key: item.key, attempts, retryAt: next.at, err: error },
        'delivery failed; will retry',
      );
      return 'retried';
    }
    await delivery.outbox.markFailed(item.id, delivery.worker, delivery.now(), describe(error));
    delivery.log.error(
      { kind: item.kind, key: item.key, attempts, reason: next.reason, err: error },
      'delivery gave up',
    );
    return 'failed';
  }
}
