import { sql, type Kysely } from 'kysely';

// Two things start-up and roles need to tell apart.
// - `admin_granted`: the admin role given in the app (`admin add`, the Teams installer, the console's
//   first speaker), kept apart from `is_platform_admin` (Slack says so, re-read), so that a person
//   demoted in Slack loses what the flag gave and keeps what the app gave. `is_admin` stays the
//   effective role, either of the two.
// - `key_checks`: a value sealed with ENCRYPTION_KEY when it is first used, so a process started with
//   another key refuses to start instead of failing on every stored installation.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table members add column admin_granted boolean not null default false`.execute(db);
  // Before this, a Slack admin's row did not say whether the app had named them too: the flag alone counts.
  await sql`update members set admin_granted = true where is_admin and not is_platform_admin`.execute(db);
  await sql`create table key_checks (
    purpose text primary key,
    sealed text not null,
    created_at timestamptz not null
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table key_checks`.execute(db);
  await sql`alter table members drop column admin_granted`.execute(db);
}
