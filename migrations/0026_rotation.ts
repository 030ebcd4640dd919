import { sql, type Kysely } from 'kysely';

// Mentor rotation: each workspace's mentor term, and the mentors its admins named for the next one.
//
// A workspace's row appears with its first plan. `ends_on` is the date an admin set (`rotation
// <date>`); null means the default, the end of the school year in the workspace's calendar. The
// planner moves `next_at` by compare-and-set on `version`, which every change by a person bumps too
// (and clears `next_at`, so the next tick plans afresh): a planner that read the row before an admin
// changed it writes nothing. `notice_for` is the end date whose month-before notice went out, so a
// notice goes once per term; `started_at` is when the term began (the last changeover).
//
// next_mentors holds no words but topic tags; a named person's row cascades with forget-me.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table rotations (
      workspace_id bigint primary key references workspaces (id) on delete cascade,
      ends_on date,
      started_at timestamptz,
      notice_for date,
      next_at timestamptz,
      version integer not null default 0
    )`.execute(db);
  await sql`create index rotations_next_at on rotations (next_at) where next_at is not null`.execute(db);
  await sql`
    create table next_mentors (
      workspace_id bigint not null references workspaces (id) on delete cascade,
      member_id bigint not null references members (id) on delete cascade,
      topics jsonb not null default '[]'::jsonb,
      named_by bigint references members (id) on delete set null,
      created_at timestamptz not null,
      primary key (workspace_id, member_id)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table next_mentors`.execute(db);
  await sql`drop table rotations`.execute(db);
}
