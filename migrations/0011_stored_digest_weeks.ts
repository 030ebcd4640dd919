import { sql, type Kysely } from 'kysely';

// Digest weeks stored once, as shown. The first time a week is asked for (a digest sent, a preview,
// an export) its figures are counted, the privacy rules applied, and the result kept here; every
// later reading shows exactly that, so no two readings of one week can be subtracted. `window_from`
// and `window_to` are the instants counted over: a new week starts no earlier than the stored week
// before it ended. Each workspace's threshold is the smallest group a figure may describe.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table workspaces add column privacy_threshold int not null default 3
    constraint workspaces_privacy_threshold check (privacy_threshold between 3 and 10)`.execute(db);
  await sql`create table digest_weeks (
    workspace_id bigint not null references workspaces (id) on delete cascade,
    week_start date not null,
    window_from timestamptz not null,
    window_to timestamptz not null,
    figures jsonb not null,
    counted_at timestamptz not null,
    primary key (workspace_id, week_start),
    constraint digest_weeks_window check (window_from <= window_to)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table digest_weeks`.execute(db);
  await sql`alter table workspaces drop column privacy_threshold`.execute(db);
}
