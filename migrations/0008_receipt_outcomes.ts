import { sql, type Kysely } from 'kysely';

// An event is settled once: handled, or failed after the person was asked to try again. A failed
// one is never replayed, so a command the person repeats is not applied a second time later.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table event_receipts add column failed_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table event_receipts drop column failed_at`.execute(db);
}
