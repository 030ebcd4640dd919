import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { emptyTables, openTestDatabase } from '../helpers/databases.js';

// The embedded database has one session; these are the failures a dialect without a connection lock
// shows (statements of concurrent transactions interleaving), checked against ours.

describe('the embedded database dialect', () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
  });

  async function addWorkspace(externalId: string) {
    return database.db
      .insertInto('workspaces')
      .values({ platform: 'console', external_id: externalId })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  it('does not roll back a statement made outside a transaction that rolls back meanwhile', async () => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const failing = database.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('workspaces').values({ platform: 'console', external_id: 'inside' }).execute();
        await paused;
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    const outside = addWorkspace('outside');
    release();
    expect(await failing).toBe('roll back');
    await outside;
    const names = await database.db.selectFrom('workspaces').select('external_id').execute();
    expect(names.map((row) => row.external_id)).toEqual(['outside']);
  });

  it('reports how many rows an update or delete touched', async () => {
    await addWorkspace('a');
    await addWorkspace('b');
    const updated = await database.db.updateTable('workspaces').set({ name: 'x' }).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    const deleted = await database.db.deleteFrom('workspaces').where('external_id', '=', 'a').executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(1n);
  });

  it('gives concurrent SKIP LOCKED claimers disjoint rows', async () => {
    for (let i = 0; i < 20; i++) await addWorkspace(`w${i}`);
    const claim = () =>
      database.db.transaction().execute(async (trx) => {
        const rows = await sql<{ id: number }>`
          select id from workspaces where name is null order by id limit 5 for update skip locked`.execute(trx);
        const ids = rows.rows.map((row) => row.id);
        if (ids.length) await trx.updateTable('workspaces').set({ name: 'claimed' }).where('id', 'in', ids).execute();
        return ids;
      });
    const claims = await Promise.all([claim(), claim(), claim(), claim()]);
    const all = claims.flat();
    expect(all).toHaveLength(20);
    expect(new Set(all).size).toBe(20);
  });

  it('keeps a failed statement from poisoning the next caller', async () => {
    await addWorkspace('dup');
    await expect(addWorkspace('dup')).rejects.toThrow(/duplicate key/);
    expect((await addWorkspace('next')).id).toBeGreaterThan(0);
  });
});
