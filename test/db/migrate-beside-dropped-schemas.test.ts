import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { dropDatabase, freshDatabase } from '../../bench/databases.js';
import { testDatabaseKinds } from '../helpers/databases.js';

// The migrator looks for its own tables through every schema of the database. Test files (and
// tenants) drop their schemas while others migrate; a schema dropped in the middle of that look
// must not fail a migration of a different schema. Before the fix about half of these failed.

const adminUrl = process.env.TEST_DATABASE_URL ?? '';
const MIGRATIONS = 8;

describe.runIf(testDatabaseKinds.includes('postgres'))(
  'migrating beside schemas that come and go, on PostgreSQL',
  () => {
    it('migrates each schema of its own, however many others are dropped meanwhile', async () => {
      // A database of its own: the churn must not trip other test files migrating beside it.
      const url = await freshDatabase(adminUrl, 'schema_churn');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      let stop = false;
      let churned = 0;
      const churn = (async () => {
        while (!stop) {
          const other = `churn_${randomBytes(4).toString('hex')}`;
          await admin.query(`create schema ${other}`);
          await admin.query(`create table ${other}.t (id serial primary key, note text)`);
          await admin.query(`drop schema ${other} cascade`);
          churned++;
        }
      })();
      const failures: string[] = [];
      try {
        for (let i = 0; i < MIGRATIONS; i++) {
          const schema = `migrate_${randomBytes(5).toString('hex')}`;
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(`create schema ${schema}`);
          const database = await openDatabase({ kind: 'postgres', url, schema });
          await migrateToLatest(database.db, schema).catch((error: unknown) => failures.push(String(error)));
          await database.close();
          await client.query(`drop schema ${schema} cascade`);
          await client.end();
        }
      } finally {
        stop = true;
        await churn;
        await admin.end();
        await dropDatabase(adminUrl, 'schema_churn');
      }
      expect(failures).toEqual([]);
      // The other schemas really did come and go while we migrated.
      expect(churned).toBeGreaterThan(MIGRATIONS);
    }, 120_000);
  },
);
