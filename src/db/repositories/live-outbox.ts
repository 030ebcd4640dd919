import { sql } from 'kysely';
import type { OutboxPort } from '../../core/ports/outbox.js';
import type { Executor } from './executor.js';
import { outboxItemOf, outboxRepo, type OutboxRow } from './outbox.js';

/**
 * A message sent at once is leased like any other item, under this process's own name, for this long:
 * the delivery loop of any replica leaves it alone meanwhile, and takes it up if this process stops.
 */
const LIVE_LEASE_MS = 60_000;

/** The outbox as the core sees it, for the process named `worker`. */
export function liveOutbox(db: Executor, worker: string): OutboxPort {
  const outbox = outboxRepo(db);
  return {
    enqueue: (items) => outbox.enqueue(items),

    async claimNow(keys, now) {
      if (keys.length === 0) return [];
      const rows = await sql<OutboxRow>`
        update outbox set claimed_until = ${new Date(now.getTime() + LIVE_LEASE_MS)}, claimed_by = ${worker}
        where key in (${sql.join([...keys])})
          and sent_at is null and failed_at is null
          and (claimed_until is null or claimed_until < ${now})
        returning id, workspace_id, member_id, kind, key, due_at, payload, attempts`.execute(db);
      return rows.rows.sort((a, b) => a.id - b.id).map(outboxItemOf);
    },

    async renew(id, now) {
      const result = await db
        .updateTable('outbox')
        .set({ claimed_until: new Date(now.getTime() + LIVE_LEASE_MS) })
        .where('id', '=', id)
        .where('claimed_by', '=', worker)
        .where('claimed_until', '>=', now)
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async markSent(id, at) {
      const result = await db
        .updateTable('outbox')
        .set({ sent_at: at, claimed_until: null })
        .where('id', '=', id)
        .where('claimed_by', '=', worker)
        .where('sent_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async handBack(id, at, error) {
      await db
        .updateTable('outbox')
        .set((eb) => ({
          due_at: at,
          claimed_until: null,
          ...(error ? { last_error: error, attempts: eb('attempts', '+', 1) } : {}),
        }))
        .where('id', '=', id)
        .where('claimed_by', '=', worker)
        .where('sent_at', 'is', null)
        .execute();
    },

    async state(key) {
      const row = await db
        .selectFrom('outbox')
        .select(['sent_at', 'failed_at'])
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) return null;
      return row.sent_at ? 'sent' : row.failed_at ? 'failed' : 'waiting';
    },
  };
}
