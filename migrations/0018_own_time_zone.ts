import { sql, type Kysely } from 'kysely';

// A teacher may set their own time zone with `my timezone`. Once they have, the zone their platform
// profile reports (Slack, Teams, the console's) no longer moves it: their own word wins.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table members add column time_zone_chosen boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table members drop column time_zone_chosen`.execute(db);
}
