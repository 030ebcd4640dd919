import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { installationRepo } from '../../src/db/repositories/installations.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';

describe.each(testDatabaseKinds)('stored installations on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('keeps a workspace name from the OAuth answer without the NUL characters the database cannot store', async () => {
    const at = new Date('2026-12-03T07:00:00Z');
    await installationRepo(database().db).save({
      platform: 'slack',
      externalId: 'T1',
      name: 'Lincoln\u0000 Elementary',
      sealed: 'v1:sealed',
      at,
    });
    expect((await sql<{ name: string }>`select name from workspaces`.execute(database().db)).rows).toEqual([
      { name: 'Lincoln Elementary' },
    ]);
  });
});
