import { sql, type Kysely } from 'kysely';

// Pairing rounds: a circle's settings and next round live on its row (the next round beside the other
// planned times, with a partial index for the planner's due query); a member's `pairs skip` on their
// membership, so it goes when they leave the circle or are forgotten.
//
// A round is recorded once per circle and time (unique (community_id, at)): two replicas running the
// same round cannot both introduce it. Its groups are rows of pair_members, which hold no words, only
// who was grouped with whom and whether they met; a forgotten member's rows cascade away.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table communities
      add column pairs_cadence text check (pairs_cadence in ('weekly', 'biweekly', 'monthly')),
      add column pairs_mode text check (pairs_mode in ('peers', 'mentors')),
      add column pairs_anchor date,
      add column next_pairs_at timestamptz`.execute(db);
  await sql`create index communities_next_pairs_at on communities (next_pairs_at) where next_pairs_at is not null`.execute(db);
  await sql`alter table community_members add column pairs_skip_until timestamptz`.execute(db);
  await sql`
    create table pair_rounds (
      id bigint generated always as identity primary key,
      community_id bigint not null references communities (id) on delete cascade,
      at timestamptz not null,
      "window" integer not null check ("window" >= 0),
      created_at timestamptz not null default now(),
      unique (community_id, at)
    )`.execute(db);
  await sql`
    create table pair_members (
      round_id bigint not null references pair_rounds (id) on delete cascade,
      group_no integer not null check (group_no >= 1),
      member_id bigint not null references members (id) on delete cascade,
      met boolean,
      answered_at timestamptz,
      primary key (round_id, member_id)
    )`.execute(db);
  await sql`create index pair_members_member on pair_members (member_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table pair_members`.execute(db);
  await sql`drop table pair_rounds`.execute(db);
  await sql`alter table community_members drop column pairs_skip_until`.execute(db);
  await sql`drop index communities_next_pairs_at`.execute(db);
  await sql`
    alter table communities
      drop column next_pairs_at,
      drop column pairs_anchor,
      drop column pairs_mode,
      drop column pairs_cadence`.execute(db);
}
