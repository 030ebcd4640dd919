import { sql, type Kysely } from 'kysely';

// The weekly digest: each admin's next send time in an indexed column the minute tick reads (null
// until the tick first plans it, or after the workspace's digest time changes), and indexes for the
// week's aggregates over reflections and ended goals.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table members add column next_digest_at timestamptz`.execute(db);
  await sql`create index members_next_digest_at on members (next_digest_at) where is_admin and next_digest_at is not null`.execute(db);
  await sql`create index members_digest_unplanned on members (workspace_id) where is_admin and next_digest_at is null`.execute(db);
  await sql`create index reflections_created on reflections (created_at)`.execute(db);
  await sql`create index goals_workspace_ended on goals (workspace_id, ended_at) where ended_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index goals_workspace_ended`.execute(db);
  await sql`drop index reflections_created`.execute(db);
  await sql`drop index members_digest_unplanned`.execute(db);
  await sql`drop index members_next_digest_at`.execute(db);
  await sql`alter table members drop column next_digest_at`.execute(db);
}
