import type { NewOutboxItem } from '../../src/core/outbox.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import type { Delivery, OutboxHandler } from '../../src/scheduler/deliver.js';
import { capturingLog } from './driver.js';

// Outbox items and delivery rounds for tests of the outbox itself: every item is due at `start`
// unless told otherwise, and a round runs one worker, w1, at `start`, with no jitter in its back-off.

export const start = new Date('2026-03-02T09:00:00Z');

export const item = (n: number, dueAt = start, kind = 'test'): NewOutboxItem => ({
  workspaceId: null,
  kind,
  key: `test:${n}`,
  dueAt,
  payload: { n },
});

export function delivery(
  database: OpenDatabase,
  overrides: Partial<Delivery> & { handler?: OutboxHandler } = {},
): Delivery {
  const handler = overrides.handler ?? (async () => {});
  return {
    outbox: outboxRepo(database.db),
    handlers: { test: handler },
    now: () => start,
    worker: 'w1',
    leaseMs: 60_000,
    batchSize: 50,
    dryRun: false,
    log: capturingLog(),
    random: () => 0.5,
    ...overrides,
  };
}
