import { sql } from 'kysely';
import { openDatabase, type OpenDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { outboxRepo } from '../src/db/repositories/outbox.js';
import { deliverDue } from '../src/scheduler/deliver.js';
import type { Logger } from '../src/core/ports/logger.js';
import { row } from './stats.js';

// Outbox throughput with a port that sends nothing (two workers, as two replicas would), beside bare
// single-row updates by primary key in the same run; and the plan of the claim query over 100,000
// rows with the default planner.

const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };
const now = new Date('2026-03-02T09:00:00Z');

/** History (sent a week ago), future work and due work, in the proportions a busy outbox has. */
async function fill(database: OpenDatabase, total: number, dueShare: number): Promise<void> {
  await sql`
    insert into outbox (kind, key, due_at, payload, sent_at)
    select 'message', 'bench:' || n,
           ${now}::timestamptz + case when n % 100 < ${Math.round(dueShare * 100)} then interval '-1 minute'
                                      when n % 100 < 10 then interval '1 day' else interval '-7 days' end,
           '{}'::jsonb,
           case when n % 100 < 10 then null else ${now}::timestamptz - interval '7 days' end
    from generate_series(1, ${total}) as n`.execute(database.db);
  await sql`analyze outbox`.execute(database.db);
}

export async function benchOutbox(url: string): Promise<void> {
  const schema = `bench_outbox_${process.pid}`;
  const admin = await openDatabase({ kind: 'postgres', url });
  await sql.raw(`create schema ${schema}`).execute(admin.db);
  const one = await openDatabase({ kind: 'postgres', url, schema });
  const two = await openDatabase({ kind: 'postgres', url, schema });
  try {
    await migrateToLatest(one.db, schema);
    await fill(one, 100_000, 0.01);

    process.stdout.write('\nThe claim query on 100,000 outbox rows (1,000 due), default planner\n');
    await one.db
      .transaction()
      .execute(async (trx) => {
        const plan = await sql<{ 'QUERY PLAN': string }>`
        explain (analyze, costs off, timing on)
        update outbox set claimed_until = ${now}::timestamptz + interval '1 minute', claimed_by = 'bench'
        where id in (
          select id from outbox
          where sent_at is null and failed_at is null and due_at <= ${now}
            and (claimed_until is null or claimed_until < ${now})
          order by due_at limit 50 for update skip locked)`.execute(trx);
        for (const line of plan.rows) process.stdout.write(`  ${line['QUERY PLAN']}\n`);
        // Measured, not kept.
        await sql`rollback`.execute(trx).catch(() => undefined);
        throw new Error('rolled back');
      })
      .catch((error: Error) => {
        if (error.message !== 'rolled back') throw error;
      });

    // Throughput: 5,000 due items, two workers, a port that does nothing.
    await sql`truncate outbox`.execute(one.db);
    const due = 5000;
    await sql`
      insert into outbox (kind, key, due_at, payload)
      select 'message', 'due:' || n, ${now}::timestamptz - interval '1 minute', '{}'::jsonb from generate_series(1, ${due}) as n`.execute(
      one.db,
    );
    await sql`analyze outbox`.execute(one.db);
    const started = performance.now();
    let claims = 0;
    const worker = async (database: OpenDatabase, name: string) => {
      const outbox = outboxRepo(database.db);
      for (;;) {
        const round = await deliverDue({
          outbox,
          handlers: { message: async () => {} },
          now: () => now,
          worker: name,
          leaseMs: 60_000,
          batchSize: 50,
          dryRun: false,
          log: quiet,
        });
        if (round.claimed === 0) return;
        claims++;
      }
    };
    await Promise.all([worker(one, 'a'), worker(two, 'b')]);
    const seconds = (performance.now() - started) / 1000;
    const sent =
      (await sql<{ n: number }>`select count(*)::int as n from outbox where sent_at is not null`.execute(one.db))
        .rows[0]?.n ?? 0;
    if (sent !== due) throw new Error(`expected ${due} sends, counted ${sent}`);

    const ids = (await sql<{ id: number }>`select id from outbox order by id limit 5000`.execute(one.db)).rows.map(
      (r) => r.id,
    );
    const bareStarted = performance.now();
    const half = Math.ceil(ids.length / 2);
    await Promise.all(
      [ids.slice(0, half), ids.slice(half)].map(async (part, index) => {
        const database = index === 0 ? one : two;
        for (const id of part) await sql`update outbox set attempts = attempts where id = ${id}`.execute(database.db);
      }),
    );
    const bareSeconds = (performance.now() - bareStarted) / 1000;

    process.stdout.write('\nOutbox delivery with a no-op port, two workers, batches of 50 (PostgreSQL)\n');
    row('baseline: bare update by id, two connections', { 'rows/s': Math.round(ids.length / bareSeconds).toString() });
    row('outbox: claim, send, mark sent', {
      'sends/s': Math.round(due / seconds).toString(),
      'claims/s': Math.round(claims / seconds).toString(),
    });
  } finally {
    await two.close();
    await one.close();
    await sql.raw(`drop schema ${schema} cascade`).execute(admin.db);
    await admin.close();
  }
}
