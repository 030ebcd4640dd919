import { sql, type Kysely } from 'kysely';

// Trust at the edge. `presses`: the nonce of every button and form a person used, so the same press or
// submission sent again (a replay, a double click, a resent request) acts once. `channel_members`: who
// the platform says is in a channel (Slack channel membership, the Teams team roster), kept from its
// events and checked with its API when unknown; only such people may act on a community from outside
// its channel. People are named by their platform id: membership events arrive for people the bot has
// never met.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table presses (
    member_id integer not null references members(id) on delete cascade,
    nonce text not null,
    -- The stored event that used it: that event, replayed after a failure, is not a second press.
    event_id text,
    used_at timestamptz not null,
    primary key (member_id, nonce)
  )`.execute(db);
  await sql`create table channel_members (
    workspace_id integer not null references workspaces(id) on delete cascade,
    channel_id text not null,
    user_id text not null,
    present boolean not null,
    checked_at timestamptz not null,
    primary key (workspace_id, channel_id, user_id)
  )`.execute(db);
  // forget-me and Teams roster changes find a person's rows across channels.
  await sql`create index channel_members_user on channel_members (workspace_id, user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table channel_members`.execute(db);
  await sql`drop table presses`.execute(db);
}
