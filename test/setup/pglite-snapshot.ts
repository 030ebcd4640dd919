import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.js';
import { PGliteDialect } from '../../src/db/pglite-dialect.js';

// A new embedded database spends seconds of CPU in initdb, and dozens of test files each open one.
// The run migrates one once and dumps its data directory; test files start theirs from that dump
// (see test/helpers/databases.ts), which skips initdb and the migrations and leaves each file a
// database of its own, as before.

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a migrated embedded database's data directory. */
    pgliteSnapshot: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'mentor-circle-snapshot-'));
  const pglite = await PGlite.create();
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
  try {
    await migrateToLatest(db);
    const file = join(dir, 'migrated.tar');
    writeFileSync(file, new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    project.provide('pgliteSnapshot', file);
  } finally {
    await db.destroy();
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
