import { sql, type Kysely } from 'kysely';

// Suggestions from mentors and facilitators to school leaders: the one text written for leaders. It
// goes into the digest of the week it was made, named only when its sender said so; it goes with
// forget-me (the sender's row cascades) and with the workspace's retention period (deleted whole:
// nothing is counted from it).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table suggestions (
      id bigint generated always as identity primary key,
      workspace_id bigint not null references workspaces (id) on delete cascade,
      member_id bigint not null references members (id) on delete cascade,
      text text not null,
      named boolean not null default false,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index suggestions_by_week on suggestions (workspace_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table suggestions`.execute(db);
}
