import { sql } from 'kysely';
import type { Store } from '../../src/core/ports/store.js';
import { createStore } from '../../src/db/store.js';
import { useSecondInstance, useTestDatabase, type TestDatabaseKind } from './databases.js';

// Mentors and asks on a real database for the enclosing `describe`. On PostgreSQL `other` is a
// second connection (a second bot instance), so the two calls of a race truly overlap; on the
// embedded database, which one process owns, it is the same one and they interleave.

export const at = new Date('2026-03-02T15:00:00Z');
export const hoursOn = (hours: number) => new Date(at.getTime() + hours * 3_600_000);
export const answerBy = hoursOn(48);

export function useMentoringDatabase(kind: TestDatabaseKind) {
  const db = useTestDatabase(kind);
  const second = useSecondInstance(db, kind);
  const store = (): Store => createStore(db().db);
  const other = (): Store => createStore(second().db);
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(db().db)
      .then((r) => r.rows);

  /** A workspace with people (by name, ids in the same order) and two circles. */
  async function people(...names: string[]) {
    const workspace = await store().workspaces.ensure({ platform: 'slack', externalId: 'T1' });
    const ids: number[] = [];
    for (const name of names)
      ids.push((await store().members.ensure(workspace.id, { externalId: `U-${name}`, name })).id);
    const circle = async (channelId: string, name: string) => {
      const created = await store().communities.create({
        workspaceId: workspace.id,
        channelId,
        name,
        timeZone: 'UTC',
        createdBy: ids[0] ?? 0,
      });
      if (!created) throw new Error(`circle ${name} was not created`);
      return created.id;
    };
    return {
      workspaceId: workspace.id,
      ids,
      grade3: await circle('C3', 'Grade 3'),
      grade4: await circle('C4', 'Grade 4'),
    };
  }

  async function newAsk(
    workspaceId: number,
    askerId: number,
    text = 'Ideas for small-group phonics',
    communityId: number | null = null,
  ) {
    return store().asks.create({
      workspaceId,
      askerId,
      communityId,
      text,
      whenSuits: 'Tuesday after school',
      urgency: 'this-week',
      answerBy,
      at,
    });
  }

  return { db, store, other, rows, people, newAsk };
}
