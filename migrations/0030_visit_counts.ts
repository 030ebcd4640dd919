import { sql, type Kysely } from 'kysely';

// The digest counts a workspace's classroom visits by the week their lesson fell in.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index visits_by_workspace on visits (workspace_id, at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index visits_by_workspace`.execute(db);
}
