import { sql } from 'kysely';
import type { Store } from '../../src/core/ports/store.js';
import type { PairingSettings } from '../../src/core/pairing/model.js';
import { createStore } from '../../src/db/store.js';
import { useSecondInstance, useTestDatabase, type TestDatabaseKind } from './databases.js';

// Pairing rounds on a real database for the enclosing `describe`. On PostgreSQL `other` is a second
// connection (a second bot instance), so the two calls of a race truly overlap; on the embedded
// database, which one process owns, it is the same one and they interleave.

export const monday = new Date('2026-03-02T09:00:00Z');
export const daysOn = (days: number) => new Date(monday.getTime() + days * 24 * 3_600_000);
export const weekly: PairingSettings = { cadence: 'weekly', mode: 'peers', anchor: '2026-03-02' };

export function usePairingDatabase(kind: TestDatabaseKind) {
  const db = useTestDatabase(kind);
  const second = useSecondInstance(db, kind);
  const store = (): Store => createStore(db().db);
  const other = (): Store => createStore(second().db);
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(db().db)
      .then((r) => r.rows);

  /** A workspace with people (by name, ids in the same order), all members of one circle. */
  async function circle(...names: string[]) {
    const workspace = await store().workspaces.ensure({ platform: 'slack', externalId: 'T1' });
    const ids: number[] = [];
    for (const name of names)
      ids.push((await store().members.ensure(workspace.id, { externalId: `U-${name}`, name })).id);
    const created = await store().communities.create({
      workspaceId: workspace.id,
      channelId: 'C3',
      name: 'Grade 3',
      timeZone: 'Europe/London',
      createdBy: ids[0] ?? 0,
    });
    if (!created) throw new Error('the circle was not created');
    for (const id of ids) await store().communities.join(created.id, id);
    return { workspace, ids, community: created };
  }
  return { db, store, other, rows, circle };
}
