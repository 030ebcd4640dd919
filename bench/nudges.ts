import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createStore } from '../src/db/store.js';
import { planDue } from '../src/scheduler/plan.js';
import { ms, row, summarize } from './stats.js';

// Nudge planning over 100,000 members with an active goal each: the due set found by the indexed
// query (ours through the repository, beside the same query in bare SQL, in the same run), then the
// whole planning round for the members due, and the plan of the due-set query.

const MEMBERS = 100_000;
const start = new Date('2026-03-02T09:00:00Z');

export async function benchNudges(url: string): Promise<void> {
  const schema = `bench_nudges_${process.pid}`;
  const admin = await openDatabase({ kind: 'postgres', url });
  await sql.raw(`create schema ${schema}`).execute(admin.db);
  const database = await openDatabase({ kind: 'postgres', url, schema });
  try {
    await migrateToLatest(database.db, schema);
    const db = database.db;
    await sql`insert into workspaces (platform, external_id, time_zone) values ('slack', 'T-bench', 'UTC')`.execute(db);
    // Slots spread over a week; one member in 200 is due at the start.
    await sql`
      insert into members (workspace_id, external_id, display_name, time_zone, next_nudge_at)
      select 1, 'U' || n, 'Teacher ' || n, 'America/Chicago', ${start}::timestamptz + ((n % 200) * interval '50 minutes')
      from generate_series(1, ${MEMBERS}) as n`.execute(db);
    await sql`
      insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
      select 1, id, 'Read aloud', '10 read-alouds', 10, 'read-alouds', '2026-06-30', ${start} from members`.execute(db);
    await sql`analyze`.execute(db);

    const now = new Date(start.getTime() + 60_000);
    const store = createStore(db);
    const bare: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < 30; i++) {
      let started = performance.now();
      // The same rows and columns the planner needs, without the repository around them.
      await sql`
        select m.id, m.workspace_id, m.external_id, m.display_name, m.time_zone, m.is_admin, m.nudges_enabled,
               m.nudge_day, m.nudge_minute, m.next_nudge_at, w.platform, w.external_id, w.name, w.time_zone
        from members m join workspaces w on w.id = m.workspace_id
        where m.next_nudge_at <= ${now} and w.uninstalled_at is null
        order by m.next_nudge_at limit 500`.execute(db);
      bare.push(performance.now() - started);
      started = performance.now();
      await store.members.dueForNudge(now, 500);
      ours.push(performance.now() - started);
    }
    const b = summarize(bare);
    const o = summarize(ours);
    process.stdout.write(
      `\nNudge planning over ${MEMBERS.toLocaleString('en')} active goals (500 members due), PostgreSQL\n`,
    );
    row('baseline: bare indexed due-set query', { p50: ms(b.p50), p99: ms(b.p99) });
    row('due set through the repository', {
      p50: ms(o.p50),
      p99: ms(o.p99),
      'p50 vs baseline': `${(o.p50 / b.p50).toFixed(2)}x`,
    });

    const started = performance.now();
    const planned = await planDue({ store, now });
    const round = performance.now() - started;
    row('a whole planning round for the members due', {
      planned: String(planned),
      time: ms(round),
      'per member': ms(round / Math.max(planned, 1)),
    });

    const plan = await sql<{ 'QUERY PLAN': string }>`
      explain (costs off)
      select m.id from members m join workspaces w on w.id = m.workspace_id
      where m.next_nudge_at <= ${now} and w.uninstalled_at is null
      order by m.next_nudge_at limit 500`.execute(db);
    process.stdout.write('  plan of the due-set query (default planner):\n');
    for (const line of plan.rows) process.stdout.write(`    ${line['QUERY PLAN']}\n`);
  } finally {
    await database.close();
    await sql.raw(`drop schema ${schema} cascade`).execute(admin.db);
    await admin.close();
  }
}
