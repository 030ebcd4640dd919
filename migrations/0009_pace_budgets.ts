import { sql, type Kysely } from 'kysely';

// Pacing budgets shared by every replica: one token bucket per place the bot posts to (a channel, a
// person) and per workspace, so that N replicas together keep to the platform's rate, not N times it.
// `tokens` may go below zero: each reservation past the burst is a slot in the queue, and its depth
// tells how long the next sender must wait. Rows are small and few (one per place the bot posts to).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table pace_budgets (
    key text primary key,
    tokens float8 not null,
    burst float8 not null,
    per_ms float8 not null,
    at timestamptz not null
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table pace_budgets`.execute(db);
}
