import { sql } from 'kysely';
import type { NewOutboxItem, OutboxItem } from '../../core/outbox.js';
import type { Executor } from './executor.js';

/** An outbox row as a claim returns it (`returning id, workspace_id, member_id, kind, key, due_at, payload, attempts`). */
export interface OutboxRow {
  id: number;
  workspace_id: number | null;
  member_id: number | null;
  kind: string;
  key: string;
  due_at: Date;
  payload: unknown;
  attempts: number;
}

export function outboxItemOf(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    memberId: row.member_id,
    kind: row.kind,
    key: row.key,
    dueAt: row.due_at,
    payload: row.payload,
    attempts: row.attempts,
  };
}

export function outboxRepo(db: Executor) {
  return {
    /** Writes new work; an item whose key is already there is skipped. Returns how many were new. */
    async enqueue(items: readonly NewOutboxItem[]): Promise<number> {
      if (items.length === 0) return 0;
      const result = await db
        .insertInto('outbox')
        .values(
          items.map((item) => ({
            workspace_id: item.workspaceId,
            member_id: item.memberId ?? null,
            kind: item.kind,
            key: item.key,
            due_at: item.dueAt,
            payload: JSON.stringify(item.payload),
          })),
        )
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n);
    },

    /**
     * Leases up to `limit` due items to `worker`. SKIP LOCKED lets replicas claim side by side without
     * waiting or overlapping; a lease that runs out (the worker died) makes the item claimable again.
     */
    async claim(input: { now: Date; limit: number; leaseMs: number; worker: string }): Promise<OutboxItem[]> {
      const leaseEnds = new Date(input.now.getTime() + input.leaseMs);
      const rows = await sql<OutboxRow>`
        update outbox set claimed_until = ${leaseEnds}, claimed_by = ${input.worker}
        where id in (
          select id from outbox
          where sent_at is null and failed_at is null and due_at <= ${input.now}
            and (claimed_until is null or claimed_until < ${input.now})
          order by due_at, id
          limit ${input.limit}
          for update skip locked
        )
        returning id, workspace_id, member_id, kind, key, due_at, payload, attempts`.execute(db);
      // RETURNING does not keep the subquery's order; the earliest due goes first.
      const ordered = [...rows.rows].sort((a, b) => a.due_at.getTime() - b.due_at.getTime() || a.id - b.id);
      return ordered.map(outboxItemOf);
    },

    /**
     * Extends `worker`'s lease on an item to `now + leaseMs`, if it still holds it (the lease has not
     * run out, and the item is not settled). One conditional statement, so it cannot succeed for two
     * workers: false means another worker may hold the item now, and this one must not send it.
     */
    async renew(input: { id: number; worker: string; now: Date; leaseMs: number }): Promise<boolean> {
      const result = await db
        .updateTable('outbox')
        .set({ claimed_until: new Date(input.now.getTime() + input.leaseMs) })
        .where('id', '=', input.id)
        .where('claimed_by', '=', input.worker)
        .where('claimed_until', '>', input.now)
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    /** Only the worker holding the lease may settle an item; false when its lease was lost. */
    async markSent(id: number, worker: string, at: Date, dryRun = false): Promise<boolean> {
      const result = await db
        .updateTable('outbox')
        .set({ sent_at: at, claimed_until: null, dry_run: dryRun })
        .where('id', '=', id)
        .where('claimed_by', '=', worker)
        .where('sent_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async retryLater(id: number, worker: string, dueAt: Date, error: string, countAttempt = true): Promise<void> {
      await db
        .updateTable('outbox')
        .set((eb) => ({
          due_at: dueAt,
          claimed_until: null,
          last_error: error,
          attempts: countAttempt ? eb('attempts', '+', 1) : eb.ref('attempts'),
        }))
        .where('id', '=', id)
        .where('claimed_by', '=', worker)
        .execute();
    },

    /** Hands claimed items back untouched, so another replica can take them at once (on stopping). */
    async release(ids: readonly number[], worker: string): Promise<void> {
      if (!ids.length) return;
      await db
        .updateTable('outbox')
        .set({ claimed_until: null })
        .where('id', 'in', [...ids])
        .where('claimed_by', '=', worker)
        .where('sent_at', 'is', null)
        .execute();
    },

    /** What waits to be sent now: how many items, and how long the oldest has been due. */
    async depth(now: Date): Promise<{ due: number; oldestDueSeconds: number; failed: number }> {
      const row = await sql<{ due: number; oldest: number | null; failed: number }>`
        select
          (select count(*)::int from outbox where sent_at is null and failed_at is null and due_at <= ${now}) as due,
          (select extract(epoch from ${now}::timestamptz - min(due_at))::float8 from outbox
            where sent_at is null and failed_at is null and due_at <= ${now}) as oldest,
          (select count(*)::int from outbox where failed_at is not null) as failed`.execute(db);
      const figures = row.rows[0];
      return {
        due: Number(figures?.due ?? 0),
        oldestDueSeconds: Number(figures?.oldest ?? 0),
        failed: Number(figures?.failed ?? 0),
      };
    },

    /** The row keeps its error for the operator. */
    async markFailed(id: number, worker: string, at: Date, error: string): Promise<void> {
      await db
        .updateTable('outbox')
        .set((eb) => ({ failed_at: at, claimed_until: null, last_error: error, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('claimed_by', '=', worker)
        .execute();
    },
  };
}

export type OutboxRepo = ReturnType<typeof outboxRepo>;
