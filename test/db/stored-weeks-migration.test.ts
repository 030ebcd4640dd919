import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as storedDigestWeeks from '../../migrations/0011_stored_digest_weeks.js';
import { METRICS } from '../../src/core/digest/figures.js';
import { createStore } from '../../src/db/store.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';

// Weeks sent before weeks were stored as shown are carried over, as they were shown then, so the
// trend and `export workspace` keep the school's history after the upgrade.

describe.each(testDatabaseKinds)('carrying sent weeks over to stored weeks on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('stores the first sent copy of each week, each figure as it was shown under the rules of the time', async () => {
    const db = database().db;
    await storedDigestWeeks.down(db);
    const workspaceId = Number(
      (
        await sql<{
          id: number;
        }>`insert into workspaces (platform, external_id) values ('console', 'T1') returning id`.execute(db)
      ).rows[0]?.id,
    );
    const figures = (values: Record<string, [number, number]>) =>
      Object.fromEntries(METRICS.map((m) => [m, { count: values[m]?.[0] ?? 0, people: values[m]?.[1] ?? 0 }]));
    const week = (participants: [number, number]) => ({
      version: 1,
      weekStart: '2026-11-23',
      total: {
        sessionsHeld: 2,
        sessionsMissed: 1,
        figures: figures({ participants, goalsNew: [8, 5], opening: [4, 2] }),
        unshownPeople: Object.fromEntries(METRICS.map((m) => [m, m === 'goalsNew' ? 2 : 0])),
      },
      communities: [{ communityId: 7, sessionsHeld: 1, sessionsMissed: 0, figures: figures({ participants: [5, 5] }) }],
      pool: { communityId: -1, sessionsHeld: 1, sessionsMissed: 0, circles: 2, members: 2, figures: figures({}) },
    });
    // Two admins were sent the week, each counted afresh then: the first one sent is carried over.
    for (const [participants, at] of [
      [[9, 9], '2026-11-30T07:30:00Z'],
      [[8, 8], '2026-11-30T09:30:00Z'],
    ] as const) {
      await sql`insert into digests_sent (workspace_id, admin_member_id, week_start, figures, sent_at)
        values (${workspaceId}, null, '2026-11-23', ${JSON.stringify(week([...participants]))}, ${at})`.execute(db);
    }
    await storedDigestWeeks.up(db);

    const [stored] = await createStore(db).digests.storedWeeks({ workspaceId, weekStarts: ['2026-11-23'] });
    expect(stored?.total.figures.participants).toEqual({ kind: 'count', count: 9 });
    expect(stored?.total.figures.goalsNew).toEqual({ kind: 'withheld' });
    expect(stored?.total.figures.opening).toEqual({ kind: 'too-few' });
    expect(stored?.circles).toEqual([expect.objectContaining({ communityId: 7, sessionsHeld: 1 })]);
    expect(stored?.pool).toMatchObject({ circles: 2, members: 2, communityIds: [] });
    expect(stored).toMatchObject({ from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z', threshold: 3 });
    expect(JSON.stringify(stored)).not.toContain('people');
  });
});
