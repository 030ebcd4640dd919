import { hostname } from 'node:os';
import type { Clock } from '../clock.js';
import type { ChatPort } from '../core/chat-port.js';
import type { Platform } from '../core/model.js';
import type { OutboxDeliveryPort } from '../core/ports/outbox.js';
import type { Store } from '../core/ports/store.js';
import type { EventReplayer } from '../core/use-cases/replay-event.js';
import type { OpenDatabase } from '../db/database.js';
import { paceBudgetRepo } from '../db/repositories/pace-budgets.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { databaseRunCoordinator } from './coordinator.js';
import { deliverDue, type Delivery } from './deliver.js';
import { outboxHandlers } from './handlers.js';
import { timedChat } from './timed-chat.js';
import { planDue } from './plan.js';
import { runMaintenance } from '../core/use-cases/data/retention.js';
import { startScheduler, type RunningScheduler } from './scheduler.js';

/** Outbox items one delivery round claims. */
const DELIVERY_BATCH = 25;

/**
 * Sends under way at once, to different people: a platform call takes a tenth of a second or more,
 * and a district's slot needs a dozen a second. The pacer, not this, keeps to the platform's rate.
 */
const DELIVERY_LANES = 6;

/**
 * How long a claim lasts, renewed before each item and just before each send. The platforms' clients
 * give up on a call after 10 s (SEND_TIMEOUT_MS in adapters/slack/delivery.ts and adapters/teams/delivery.ts),
 * and a send is at most two calls (opening a direct message, then posting to it), so a lease renewed
 * just before a send outlives it with room to record it.
 */
export const LEASE_MS = 60_000;

export interface TimedWorkOptions {
  database: OpenDatabase;
  store: Store;
  /** The outbox as the delivery loop works it: src/db's outbox repository, chosen by the composition root. */
  outbox: OutboxDeliveryPort;
  clock: Clock;
  chatFor: (platform: Platform, workspace: string) => Promise<ChatPort>;
  replayerFor: (platform: Platform) => EventReplayer | undefined;
  dryRun: boolean;
  /** A test clock moves time in jumps: planning then runs on every poll too. */
  testClock: boolean;
  metrics: Metrics;
  log: Logger;
}

/** Timed work: planned each minute (one replica per slot), delivered by a loop on every replica. */
export function startTimedWork(options: TimedWorkOptions): RunningScheduler {
  const { database, store, outbox, clock, log } = options;
  const worker = `${hostname()}:${process.pid}`;
  const budget = paceBudgetRepo(database.db);
  const chatFor = async (platform: Platform, workspace: string): Promise<ChatPort> =>
    timedChat(await options.chatFor(platform, workspace), { platform, workspace, budget });
  const delivery: Delivery = {
    outbox,
    handlers: outboxHandlers(() => ({ store, now: clock(), log, chatFor, replayerFor: options.replayerFor })),
    now: clock,
    worker,
    leaseMs: LEASE_MS,
    batchSize: DELIVERY_BATCH,
    lanes: DELIVERY_LANES,
    dryRun: options.dryRun,
    log,
    onResult: (kind, result, item) => {
      options.metrics.outboxDeliveries.inc({ kind, result });
      if (result === 'sent')
        options.metrics.deliveryLag.observe({ kind }, Math.max(0, (clock().getTime() - item.dueAt.getTime()) / 1000));
    },
  };
  options.metrics.watchOutbox(() => outbox.depth(clock()));
  return startScheduler({
    plan: async () => {
      const planned = await planDue({ store, now: clock() });
      options.metrics.lastPlanned.set(clock().getTime() / 1000);
      return planned;
    },
    deliver: (stopping) => deliverDue({ ...delivery, stopping }),
    nightly: () => runMaintenance({ store, now: clock(), log }),
    coordinator: databaseRunCoordinator(database.db, worker, clock),
    // A test clock jumps; polling often lets a test or benchmark move through a month in minutes.
    pollMs: options.testClock ? 250 : 2000,
    batchSize: DELIVERY_BATCH,
    planEveryPoll: options.testClock,
    log,
  });
}
