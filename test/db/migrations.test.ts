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

  it('creates every table of the data model', async () => {
    const { rows } = await sql<{ tablename: string }>`
      select tablename from pg_tables where schemaname = current_schema() order by tablename`.execute(database.db);
    const tables = rows.map((row) => row.tablename);
    expect(tables).toEqual(
      expect.arrayContaining([
        'workspaces', 'members', 'communities', 'community_members', 'sessions', 'checkins', 'prompts',
        'prompt_retirements', 'prompt_posts', 'reflections', 'goals', 'goal_updates', 'calendar', 'outbox',
        'event_receipts', 'conversation_refs', 'digests_sent', 'audit', 'mentors', 'asks', 'ask_offers', 'pair_rounds',
        'pair_members', 'suggestions', 'visits',
      ]),
    );
  });

  it('is a no-op when run again', async () => {
    expect(await migrateToLatest(database.db, database.schema)).toEqual([]);
  });

  it('returns int8 ids and counts as numbers and dates as plain text', async () => {
    const { rows } = await sql<{ n: unknown; d: unknown; big: unknown }>`
      select (select count(*) from workspaces) as n, date '2026-03-08' as d, 9007199254740991::int8 as big`.execute(database.db);
    expect(rows[0]).toEqual({ n: 0, d: '2026-03-08', big: 9007199254740991 });
  });

  it('answers ping', async () => {
    expect(await database.ping()).toBe(true);
  });
});
