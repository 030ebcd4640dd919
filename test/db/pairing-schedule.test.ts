import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { PairingSettings } from '../../src/core/pairing/model.js';
import { testDatabaseKinds } from '../helpers/databases.js';
import { daysOn, monday, usePairingDatabase, weekly } from '../helpers/pairing-store.js';

// Pairing on a real database: a circle's settings and the next round's planned time, which circles
// are due, and who skips rounds.

describe.each(testDatabaseKinds)('pairing schedules on %s', (kind) => {
  const { db, store, other, rows, circle } = usePairingDatabase(kind);

  it("keeps a circle's settings and next round, and turns them off", async () => {
    const { community } = await circle('ana');
    expect(await store().pairing.settings(community.id)).toEqual({ settings: null, nextAt: null });
    await store().pairing.setSettings(community.id, weekly, monday);
    expect(await store().pairing.settings(community.id)).toEqual({ settings: weekly, nextAt: monday });
    const monthly: PairingSettings = { cadence: 'monthly', mode: 'mentors', anchor: '2026-04-06' };
    await store().pairing.setSettings(community.id, monthly, daysOn(35));
    expect(await store().pairing.settings(community.id)).toEqual({ settings: monthly, nextAt: daysOn(35) });
    await store().pairing.setSettings(community.id, null, null);
    expect(await store().pairing.settings(community.id)).toEqual({ settings: null, nextAt: null });
    expect(await rows(`select pairs_cadence, pairs_mode, pairs_anchor, next_pairs_at from communities`)).toEqual([
      { pairs_cadence: null, pairs_mode: null, pairs_anchor: null, next_pairs_at: null },
    ]);
    expect(await store().pairing.settings(999_999)).toEqual({ settings: null, nextAt: null });
  });

  it('moves the next round only from the time it still holds, once when two planners race', async () => {
    const { community } = await circle('ana');
    await store().pairing.setSettings(community.id, weekly, monday);
    expect(await store().pairing.setNextRound(community.id, daysOn(1), daysOn(7))).toBe(false);
    expect(await store().pairing.setNextRound(community.id, null, daysOn(7))).toBe(false);
    // Read back from the database, the time still matches to the millisecond.
    const { nextAt } = await store().pairing.settings(community.id);
    const moves = await Promise.all([
      store().pairing.setNextRound(community.id, nextAt, daysOn(7)),
      other().pairing.setNextRound(community.id, nextAt, daysOn(14)),
    ]);
    expect(moves.filter(Boolean)).toHaveLength(1);
    expect((await store().pairing.settings(community.id)).nextAt).toEqual(moves[0] ? daysOn(7) : daysOn(14));
    expect(
      await store().pairing.setNextRound(community.id, (await store().pairing.settings(community.id)).nextAt, null),
    ).toBe(true);
    expect(await store().pairing.settings(community.id)).toEqual({ settings: weekly, nextAt: null });
  });

  it('finds circles whose round is due, soonest first, with their workspace, and not of uninstalled workspaces', async () => {
    const { workspace, ids, community } = await circle('ana');
    const later = await store().communities.create({
      workspaceId: workspace.id,
      channelId: 'C4',
      name: 'Grade 4',
      timeZone: 'UTC',
      createdBy: ids[0] ?? 0,
    });
    const notYet = await store().communities.create({
      workspaceId: workspace.id,
      channelId: 'C5',
      name: 'Grade 5',
      timeZone: 'UTC',
      createdBy: ids[0] ?? 0,
    });
    const off = await store().communities.create({
      workspaceId: workspace.id,
      channelId: 'C6',
      name: 'Grade 6',
      timeZone: 'UTC',
      createdBy: ids[0] ?? 0,
    });
    if (!later || !notYet || !off) throw new Error('circles were not created');
    await store().pairing.setSettings(later.id, weekly, daysOn(1));
    await store().pairing.setSettings(community.id, { ...weekly, mode: 'mentors' }, monday);
    await store().pairing.setSettings(notYet.id, weekly, daysOn(8));
    await store().pairing.setSettings(off.id, null, null);

    const due = await store().pairing.dueForRounds(daysOn(2), 10);
    expect(due).toEqual([
      { community, settings: { ...weekly, mode: 'mentors' }, at: monday, workspace },
      { community: later, settings: weekly, at: daysOn(1), workspace },
    ]);
    expect((await store().pairing.dueForRounds(daysOn(2), 1)).map((d) => d.community.id)).toEqual([community.id]);
    expect(await store().pairing.dueForRounds(new Date(monday.getTime() - 1), 10)).toEqual([]);

    await sql`update workspaces set uninstalled_at = ${daysOn(1)} where id = ${workspace.id}`.execute(db().db);
    expect(await store().pairing.dueForRounds(daysOn(2), 10)).toEqual([]);
  });

  it("lists the circle's members and those skipping rounds until a time, only for members", async () => {
    const { workspace, ids, community } = await circle('ana', 'ben', 'cho');
    const [ana, ben, cho] = ids as [number, number, number];
    const outsider = (await store().members.ensure(workspace.id, { externalId: 'U-dee', name: 'dee' })).id;
    expect(await store().pairing.members(community.id)).toEqual([ana, ben, cho]);

    await store().pairing.skip(community.id, ben, daysOn(14));
    await store().pairing.skip(community.id, outsider, daysOn(14));
    expect(await store().pairing.skipping(community.id, monday)).toEqual(new Set([ben]));
    expect(await store().pairing.skipping(community.id, daysOn(14))).toEqual(new Set());
    // A later skip replaces the earlier one.
    await store().pairing.skip(community.id, ben, daysOn(7));
    expect(await store().pairing.skipping(community.id, daysOn(8))).toEqual(new Set());
    expect(await store().pairing.skipping(community.id, daysOn(6))).toEqual(new Set([ben]));

    // Leaving the circle ends both; coming back starts afresh.
    await store().communities.leave(community.id, ben);
    expect(await store().pairing.members(community.id)).toEqual([ana, cho]);
    await store().communities.join(community.id, ben);
    expect(await store().pairing.skipping(community.id, monday)).toEqual(new Set());
  });
});
