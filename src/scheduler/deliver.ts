import type { Logger } from '../core/ports.js';
import { DeliveryError, nextAttempt, type OutboxItem } from '../core/outbox.js';
import type { OutboxRepo } from '../db/repositories/outbox.js';
import type { Pacer } from './pacer.js';

/** Sends one item; throws DeliveryError (or anything) when it could not. */
export type OutboxHandler = (item: OutboxItem) => Promise<void>;

export interface Delivery {
  outbox: OutboxRepo;
  handlers: Record<string, OutboxHandler>;
  /** The pacing key of an item (platform, workspace and channel), or null when it needs none. */
  paceKey: (item: OutboxItem) => string | null;
  pacer: Pacer;
  now: () => Date;
  worker: string;
  leaseMs: number;
  batchSize: number;
  dryRun: boolean;
  log: Logger;
  random?: () => number;
  /** Records what happened to each item, for metrics; `item` tells how late it went. */
  onResult?: (kind: string, result: 'sent' | 'retried' | 'failed' | 'dry-run', item: OutboxItem) => void;
  /** True once the process is stopping: the rest of a claimed batch is handed back, not sent. */
  stopping?: () => boolean;
}

export interface DeliveryRound {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits `ms`, in short steps so that stopping need not wait for it; false when stopping cut it short. */
async function pause(ms: number, stopping?: () => boolean): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (stopping?.()) return false;
    await sleep(Math.min(250, until - Date.now()));
  }
  return true;
}
const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);

/** Claims one batch of due items and settles each: sent, retried later, or failed for the operator. */
export async function deliverDue(d: Delivery): Promise<DeliveryRound> {
  const round: DeliveryRound = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const items = await d.outbox.claim({ now: d.now(), limit: d.batchSize, leaseMs: d.leaseMs, worker: d.worker });
  round.claimed = items.length;
  for (const [index, item] of items.entries()) {
    if (d.stopping?.()) {
      await d.outbox.release(items.slice(index).map((rest) => rest.id), d.worker);
      d.log.info({ released: items.length - index }, 'stopping: claimed items handed back');
      break;
    }
    const handler = d.handlers[item.kind];
    if (!handler) {
      await d.outbox.markFailed(item.id, d.worker, d.now(), `no handler for ${item.kind}`);
      d.log.error({ kind: item.kind, key: item.key }, 'outbox item of an unknown kind');
      round.failed++;
      continue;
    }
    const key = d.paceKey(item);
    const wait = key ? d.pacer.reserve(key) : 0;
    if (wait > d.leaseMs / 4) {
      // Too long to hold the lease for: come back when the channel has room. Not a failed attempt.
      await d.outbox.retryLater(item.id, d.worker, new Date(d.now().getTime() + wait), 'paced', false);
      round.retried++;
      continue;
    }
    if (wait > 0 && !(await pause(wait, d.stopping))) {
      await d.outbox.release(items.slice(index).map((rest) => rest.id), d.worker);
      break;
    }
    if (d.dryRun) {
      d.log.info({ kind: item.kind, key: item.key }, 'dry run: would send');
      await d.outbox.markSent(item.id, d.worker, d.now(), true);
      d.onResult?.(item.kind, 'dry-run', item);
      round.sent++;
      continue;
    }
    try {
      await handler(item);
      if (!(await d.outbox.markSent(item.id, d.worker, d.now()))) {
        d.log.warn({ kind: item.kind, key: item.key }, 'sent after the lease ran out; another worker may send it again');
      }
      d.onResult?.(item.kind, 'sent', item);
      round.sent++;
    } catch (error) {
      if (error instanceof DeliveryError && error.failure.deferred) {
        // Waiting on something else (the message whose thread this goes in): not a failed attempt.
        await d.outbox.retryLater(item.id, d.worker, new Date(d.now().getTime() + (error.failure.retryAfterMs ?? 2000)), describe(error), false);
        d.onResult?.(item.kind, 'retried', item);
        round.retried++;
        continue;
      }
      const attempts = item.attempts + 1;
      const next = nextAttempt({ attempts, error, now: d.now(), random: (d.random ?? Math.random)() });
      if (next.kind === 'retry') {
        await d.outbox.retryLater(item.id, d.worker, next.at, describe(error));
        d.log.warn({ kind: item.kind, key: item.key, attempts, retryAt: next.at, err: error }, 'delivery failed; will retry');
        d.onResult?.(item.kind, 'retried', item);
        round.retried++;
      } else {
        await d.outbox.markFailed(item.id, d.worker, d.now(), describe(error));
        d.log.error({ kind: item.kind, key: item.key, attempts, reason: next.reason, err: error }, 'delivery gave up');
        d.onResult?.(item.kind, 'failed', item);
        round.failed++;
      }
    }
  }
  return round;
}
