import { sql, type Kysely } from 'kysely';

// The minute tick runs once per slot across replicas (scheduler_runs is its election), and a dry
// run is recorded as such on the outbox row it would have sent.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table scheduler_runs (
    key text primary key,
    claimed_by text not null,
    claimed_at timestamptz not null
  )`.execute(db);
  await sql`create index scheduler_runs_claimed_at on scheduler_runs (claimed_at)`.execute(db);
  await sql`alter table outbox add column dry_run boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox drop column dry_run`.execute(db);
  await sql`drop table scheduler_runs`.execute(db);
}
