import { sql, type Kysely } from 'kysely';

// A goal may be saved without a number in its measure (the teacher saw the coaching and kept it):
// then it has no target or unit to count against.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table goals alter column target drop not null`.execute(db);
  await sql`alter table goals alter column unit drop not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update goals set target = 1 where target is null`.execute(db);
  await sql`update goals set unit = '' where unit is null`.execute(db);
  await sql`alter table goals alter column target set not null`.execute(db);
  await sql`alter table goals alter column unit set not null`.execute(db);
}
