import { sql, type Kysely } from 'kysely';

// A member's away status is kept from Slack's user_change events (away_until, profile_refreshed_at,
// from 0001). Slack stamps each user object with `updated`, the second it last changed, on its own
// clock; kept here, it tells a late first delivery of an older change (Slack retries for about an
// hour) from a newer change already kept, so an old status never overwrites a newer one.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table members add column profile_changed_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table members drop column profile_changed_at`.execute(db);
}
