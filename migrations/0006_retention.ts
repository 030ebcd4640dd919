import { sql, type Kysely } from 'kysely';

// Past a workspace's retention period the nightly job removes a goal's words and keeps its counts,
// as it already does for check-ins and reflections; handled events lose their stored words sooner.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table goals alter column specific drop not null`.execute(db);
  await sql`alter table goals alter column measure drop not null`.execute(db);
  await sql`create index workspaces_purge_after on workspaces (purge_after) where purge_after is not null`.execute(db);
  await sql`create index event_receipts_handled on event_receipts (handled_at) where payload is not null and handled_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists event_receipts_handled`.execute(db);
  await sql`drop index if exists workspaces_purge_after`.execute(db);
  await sql`update goals set specific = '' where specific is null`.execute(db);
  await sql`update goals set measure = '' where measure is null`.execute(db);
  await sql`alter table goals alter column specific set not null`.execute(db);
  await sql`alter table goals alter column measure set not null`.execute(db);
}
