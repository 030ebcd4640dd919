import { sql, type Kysely } from 'kysely';

// Teams has no private file upload: a member's export is kept here for a day and handed over
// through a signed link to the bot's own server. It hangs off the member, so forget-me takes it too.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table export_links (
    id bigint generated always as identity primary key,
    member_id bigint not null references members (id) on delete cascade,
    files jsonb not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
  )`.execute(db);
  await sql`create index export_links_expires_at on export_links (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table export_links`.execute(db);
}
