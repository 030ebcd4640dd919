import { sql, type Kysely } from 'kysely';

// Teams answers 403 when the bot tries to open a personal chat with, or write in the personal chat
// of, someone who blocked it. That is kept here so the person is not tried again (and again refused)
// for every nudge and answer, until they write to the bot themselves, which clears it.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table members add column personal_chat_refused_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table members drop column personal_chat_refused_at`.execute(db);
}
