import type { ChatPort } from '../../src/core/chat-port.js';
import type { Platform } from '../../src/core/model.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { deliverDue } from '../../src/scheduler/deliver.js';
import { outboxHandlers } from '../../src/scheduler/handlers.js';
import type { EventReplayer } from '../../src/core/use-cases/replay-event.js';
import { silentLog } from './driver.js';

/** One delivery round of the outbox at `now`, as a replica's loop runs it, through the chats given. */
export function deliverNow(
  database: OpenDatabase,
  options: {
    now: Date;
    chatFor: (platform: Platform, workspace: string) => Promise<ChatPort>;
    replayerFor?: (platform: Platform) => EventReplayer | undefined;
  },
) {
  const { now } = options;
  return deliverDue({
    outbox: outboxRepo(database.db),
    handlers: outboxHandlers(() => ({
      store: createStore(database.db),
      now,
      log: silentLog,
      chatFor: options.chatFor,
      replayerFor: options.replayerFor ?? (() => undefined),
    })),
    now: () => now,
    worker: 'w',
    leaseMs: 60_000,
    batchSize: 10,
    dryRun: false,
    log: silentLog,
  });
}
