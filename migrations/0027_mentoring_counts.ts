import { sql, type Kysely } from 'kysely';

// The digest counts mentoring by SQL aggregates over a week: asks made and asks taken in it, per
// workspace, and "we met" answers given in it. Each is one indexed range here, however many weeks of
// asks and rounds a workspace has behind it. Rounds of the week are found through pair_rounds'
// unique (community_id, at), and their groups through pair_members' primary key.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index asks_made on asks (workspace_id, created_at)`.execute(db);
  await sql`create index asks_taken on asks (workspace_id, taken_at) where taken_at is not null`.execute(db);
  await sql`create index pair_members_met on pair_members (answered_at) where met`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index pair_members_met`.execute(db);
  await sql`drop index asks_taken`.execute(db);
  await sql`drop index asks_made`.execute(db);
}
