import type { ChatPort } from '../../src/core/chat-port.js';
import type { Store } from '../../src/core/ports/store.js';
import type { OutboxRepo } from '../../src/db/repositories/outbox.js';
import { deliverDue, type DeliveryRound } from '../../src/scheduler/deliver.js';
import { outboxHandlers } from '../../src/scheduler/handlers.js';
import { silentLog } from './driver.js';

/** One delivery round with the bot's real handlers at the test's instant, sending through `chat`. */
export function deliverWith(input: {
  store: Store;
  outbox: OutboxRepo;
  now: Date;
  chatFor: (team: string) => Promise<ChatPort>;
  worker?: string;
  batchSize?: number;
}): Promise<DeliveryRound> {
  const { store, now } = input;
  return deliverDue({
    outbox: input.outbox,
    handlers: outboxHandlers(() => ({
      store,
      now,
      log: silentLog,
      chatFor: (_platform, team) => input.chatFor(team),
      replayerFor: () => undefined,
    })),
    now: () => now,
    worker: input.worker ?? 'w',
    leaseMs: 60_000,
    batchSize: input.batchSize ?? 10,
    dryRun: false,
    log: silentLog,
  });
}
