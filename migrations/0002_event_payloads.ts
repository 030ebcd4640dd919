import { sql, type Kysely } from 'kysely';

// A slash command is stored before Slack gets its acknowledgement (Slack never retries one), with
// what is needed to handle it again; handled_at says it was handled.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table event_receipts add column payload jsonb`.execute(db);
  await sql`alter table event_receipts add column handled_at timestamptz`.execute(db);
  await sql`create index event_receipts_unhandled on event_receipts (received_at) where handled_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists event_receipts_unhandled`.execute(db);
  await sql`alter table event_receipts drop column handled_at`.execute(db);
  await sql`alter table event_receipts drop column payload`.execute(db);
}
