import { sql, type Kysely } from 'kysely';

// Mentoring: mentors (colleagues a teacher may ask for one-on-one help) and asks (a teacher's request,
// offered to one mentor at a time). The asks' words belong to the asker: they go with forget-me (the
// asker's row cascades) and with the workspace's retention period (cleared, rows kept for counts).
//
// Topics are jsonb, not text[]: both drivers hand a jsonb array back as a JavaScript array, and the
// text searches of forget-me tests look into jsonb columns.
//
// One offer waits at a time per ask (a partial unique index on the waiting ones): two replicas
// offering the same ask at once cannot both succeed.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table mentors (
      id bigint generated always as identity primary key,
      workspace_id bigint not null references workspaces (id) on delete cascade,
      member_id bigint not null references members (id) on delete cascade,
      community_id bigint references communities (id) on delete set null,
      topics jsonb not null default '[]'::jsonb,
      per_week smallint not null default 2 check (per_week between 0 and 100),
      away_until timestamptz,
      named_by bigint references members (id) on delete set null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (workspace_id, member_id)
    )`.execute(db);
  await sql`
    create table asks (
      id bigint generated always as identity primary key,
      workspace_id bigint not null references workspaces (id) on delete cascade,
      asker_id bigint not null references members (id) on delete cascade,
      community_id bigint references communities (id) on delete set null,
      text text,
      when_suits text,
      urgency text check (urgency in ('today', 'this-week', 'no-rush')),
      status text not null default 'open' check (status in ('open', 'taken', 'unanswered')),
      helper_id bigint references members (id) on delete set null,
      passes smallint not null default 0,
      created_at timestamptz not null,
      answer_by timestamptz not null,
      taken_at timestamptz,
      follow_up text,
      follow_up_at timestamptz
    )`.execute(db);
  await sql`create index asks_asker on asks (asker_id)`.execute(db);
  await sql`create index asks_helper on asks (helper_id, taken_at) where helper_id is not null`.execute(db);
  await sql`create index asks_open on asks (workspace_id, status) where status <> 'taken'`.execute(db);
  await sql`
    create table ask_offers (
      id bigint generated always as identity primary key,
      ask_id bigint not null references asks (id) on delete cascade,
      mentor_id bigint not null references members (id) on delete cascade,
      offered_at timestamptz not null,
      answer text check (answer in ('help', 'pass', 'withdrawn')),
      answered_at timestamptz
    )`.execute(db);
  await sql`create unique index ask_offers_one_waiting on ask_offers (ask_id) where answer is null`.execute(db);
  await sql`create index ask_offers_ask on ask_offers (ask_id, offered_at)`.execute(db);
  await sql`create index ask_offers_mentor_waiting on ask_offers (mentor_id) where answer is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ask_offers`.execute(db);
  await sql`drop table asks`.execute(db);
  await sql`drop table mentors`.execute(db);
}
