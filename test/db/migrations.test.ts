import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';

describe.each(testDatabaseKinds)('migrations on %s', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('creates every table of the data model, and no other', async () => {
    const { rows } = await sql<{ tablename: string }>`
      select tablename from pg_tables where schemaname = current_schema() order by tablename`.execute(database.db);
    // Their columns are checked against src/db/schema.ts in schema-columns.test.ts.
    expect(rows.map((row) => row.tablename).sort()).toEqual([
      'ask_offers',
      'asks',
      'audit',
      'calendar',
      'channel_members',
      'checkins',
      'communities',
      'community_members',
      'conversation_refs',
      'digest_weeks',
      'digests_sent',
      'event_receipts',
      'export_links',
      'goal_updates',
      'goals',
      'key_checks',
      'kysely_migration',
      'kysely_migration_lock',
      'members',
      'mentors',
      'next_mentors',
      'outbox',
      'pace_budgets',
      'pair_members',
      'pair_rounds',
      'presses',
      'prompt_numbers',
      'prompt_posts',
      'prompt_retirements',
      'prompts',
      'protocol_entries',
      'protocol_runs',
      'reflections',
      'rotations',
      'scheduler_runs',
      'sessions',
      'suggestions',
      'visits',
      'workspaces',
    ]);
  });

  it('is a no-op when run again', async () => {
    expect(await migrateToLatest(database.db, database.schema)).toEqual([]);
  });

  it('returns int8 ids and counts as numbers and dates as plain text', async () => {
    const { rows } = await sql<{ n: unknown; d: unknown; big: unknown }>`
      select (select count(*) from workspaces) as n, date '2026-03-08' as d, 9007199254740991::int8 as big`.execute(
      database.db,
    );
    expect(rows[0]).toEqual({ n: 0, d: '2026-03-08', big: 9007199254740991 });
  });

  it('answers ping', async () => {
    expect(await database.ping()).toBe(true);
  });
});
