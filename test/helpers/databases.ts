// The Store's contract: what each repository promises (one open session per community, compare-and-set
// phases and planned times, one receipt per event, transactions that roll back, what falls due when) is
// specified only by tests over the real Store, on both kinds of database below. There is no second
// implementation of the repositories to keep in step: core tests that need storage use these too.
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/store.js';
import type { Store } from '../../src/core/ports/store.js';

// Database tests run on the embedded database always, and on PostgreSQL too when TEST_DATABASE_URL
// is set (CI sets it). Each PostgreSQL test file works in a schema of its own, so files can run in
// parallel against one server, and drops it afterwards.

export type TestDatabaseKind = 'pglite' | 'postgres';

export const testDatabaseKinds: TestDatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

export async function openTestDatabase(kind: TestDatabaseKind): Promise<OpenDatabase> {
  if (kind === 'pglite') {
    // Starts from the migrated data directory the run dumped once (test/setup/pglite-snapshot.ts).
    const database = await openDatabase({ kind: 'embedded', dataDir: null, loadDataDir: migratedSnapshot() });
    await migrateToLatest(database.db, database.schema);
    return database;
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(url, (client) => client.query(`create schema ${schema}`));
  const database = await openDatabase({ kind: 'postgres', url, schema });
  await migrateToLatest(database.db, database.schema);
  return {
    ...database,
    async close() {
      await database.close();
      await withAdminClient(url, (client) => client.query(`drop schema ${schema} cascade`));
    },
  };
}

let snapshot: Blob | undefined;
function migratedSnapshot(): Blob {
  snapshot ??= new Blob([readFileSync(inject('pgliteSnapshot'))]);
  return snapshot;
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Empties every table between tests; cheaper than a new database each time. */
export async function emptyTables(database: OpenDatabase): Promise<void> {
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(
    database.db,
  );
  const names = rows.map((row) => `"${row.tablename}"`).join(', ');
  await sql.raw(`truncate ${names} restart identity cascade`).execute(database.db);
}

/**
 * Opens a test database for the enclosing `describe` (closed after it) and empties it before each
 * test; returns the way to reach it.
 */
export function useTestDatabase(kind: TestDatabaseKind): () => OpenDatabase {
  let database: OpenDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    if (database) await emptyTables(database);
  });
  return () => {
    if (!database) throw new Error('the test database is not open yet');
    return database;
  };
}

/**
 * A second connection to the same test database, as a second bot instance would have: its own pool
 * on PostgreSQL; on the embedded database, which one process owns, the same instance.
 */
export async function openSecondInstance(first: OpenDatabase, kind: TestDatabaseKind): Promise<OpenDatabase> {
  if (kind === 'pglite') return first;
  return openDatabase({
    kind: 'postgres',
    url: process.env.TEST_DATABASE_URL ?? '',
    ...(first.schema ? { schema: first.schema } : {}),
  });
}

/** A second instance on the test database of the enclosing `describe`, open for its tests (see openSecondInstance). */
export function useSecondInstance(database: () => OpenDatabase, kind: TestDatabaseKind): () => OpenDatabase {
  let second: OpenDatabase | undefined;
  beforeAll(async () => {
    second = await openSecondInstance(database(), kind);
  });
  afterAll(async () => {
    if (second !== database()) await second?.close();
  });
  return () => {
    if (!second) throw new Error('the second instance is not open yet');
    return second;
  };
}

/**
 * The real Store over the test database of the enclosing `describe` (or of the file, called at its top
 * level): one database opened for all its tests, its tables emptied before each.
 */
export function useTestStore(kind: TestDatabaseKind): (() => Store) & { database: () => OpenDatabase } {
  const database = useTestDatabase(kind);
  return Object.assign(() => createStore(database().db), { database });
}
