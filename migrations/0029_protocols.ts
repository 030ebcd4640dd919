import { sql, type Kysely } from 'kysely';

// Protocol sessions (tuning, consultancy): a session whose steps are a protocol's. The run holds the
// step under way and when it ends by itself (the timer's compare-and-set reads both); the entries are
// the replies in its thread, kept for the presenter's summary. Entries go with their writer on
// forget-me (cascade) and with the workspace's retention period; a forgotten presenter leaves the run
// without one. Nothing here is ever read by a digest or an admin export.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table protocol_runs (
      session_id bigint primary key references sessions (id) on delete cascade,
      protocol text not null check (protocol in ('tuning', 'consultancy')),
      presenter_id bigint references members (id) on delete set null,
      step integer not null default 0,
      minutes text not null,
      step_started_at timestamptz not null,
      step_ends_at timestamptz,
      reminded boolean not null default false
    )`.execute(db);
  await sql`
    create table protocol_entries (
      id bigint generated always as identity primary key,
      session_id bigint not null references sessions (id) on delete cascade,
      member_id bigint not null references members (id) on delete cascade,
      step integer not null,
      kind text not null check (kind in ('question', 'probing', 'warm', 'cool', 'unsure', 'note', 'reply')),
      text text not null,
      message_id text,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index protocol_entries_by_session on protocol_entries (session_id, id)`.execute(db);
  await sql`create index protocol_entries_by_member on protocol_entries (member_id)`.execute(db);
  await sql`create index protocol_entries_by_age on protocol_entries (created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table protocol_entries`.execute(db);
  await sql`drop table protocol_runs`.execute(db);
}
