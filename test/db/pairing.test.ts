import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store.js';
import type { PairingSettings } from '../../src/core/pairing/model.js';
import { createStore } from '../../src/db/store.js';
import * as pairingMigration from '../../migrations/0024_pairing.js';
import { testDatabaseKinds, useSecondInstance, useTestDatabase } from '../helpers/databases.js';

// Pairing rounds on a real database: settings and the next round's planned time, skips, rounds
// recorded once and read back as groups, and answers. On PostgreSQL the two calls of a race run on two
// connections (two bot instances) and truly overlap; on the embedded database they interleave on one.

const monday = new Date('2026-03-02T09:00:00Z');
const daysOn = (days: number) => new Date(monday.getTime() + days * 24 * 3_600_000);
const weekly: PairingSettings = { cadence: 'weekly', mode: 'peers', anchor: '2026-03-02' };

describe.each(testDatabaseKinds)('pairing rounds on %s', (kind) => {
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

  it('records a round once when two replicas record it at once', async () => {
    const { ids, community } = await circle('ana', 'ben', 'cho', 'dee', 'eve');
    const [ana, ben, cho, dee, eve] = ids as [number, number, number, number, number];
    const groups = [
      [dee, ana],
      [ben, cho, eve],
    ];
    const recorded = await Promise.all(
      [store(), other()].map((s) =>
        s.transaction((repos) =>
          repos.pairing.recordRound({ communityId: community.id, at: monday, window: 3, groups }),
        ),
      ),
    );
    const made = recorded.filter((r) => r !== null);
    expect(made).toHaveLength(1);
    expect(made[0]).toEqual({
      id: expect.any(Number),
      communityId: community.id,
      at: monday,
      window: 3,
      groups: [
        [ana, dee],
        [ben, cho, eve],
      ],
    });
    expect(await store().pairing.round(made[0]?.id ?? 0)).toEqual(made[0]);
    expect(await rows(`select count(*)::int as n from pair_rounds`)).toEqual([{ n: 1 }]);
    expect(await rows(`select count(*)::int as n from pair_members`)).toEqual([{ n: 5 }]);
    // Again later, the same round is still refused without an error; another time is a new round.
    expect(await store().pairing.recordRound({ communityId: community.id, at: monday, window: 0, groups })).toBeNull();
    expect(
      await store().pairing.recordRound({ communityId: community.id, at: daysOn(7), window: 0, groups }),
    ).not.toBeNull();
    expect(await store().pairing.round(999_999)).toBeNull();
  });

  it('reads recent rounds latest first with their groups in order, without a member forgotten since', async () => {
    const { workspace, ids, community } = await circle('ana', 'ben', 'cho', 'dee', 'eve');
    const [ana, ben, cho, dee, eve] = ids as [number, number, number, number, number];
    const record = (at: Date, groups: number[][]) =>
      store().pairing.recordRound({ communityId: community.id, at, window: 1, groups });
    const first = await record(monday, [
      [ana, ben],
      [cho, dee, eve],
    ]);
    const third = await record(daysOn(14), [
      [eve, ana],
      [ben, dee, cho],
    ]);
    const second = await record(daysOn(7), [
      [ana, cho],
      [ben, eve, dee],
    ]);
    if (!first || !second || !third) throw new Error('rounds were not recorded');

    expect((await store().pairing.recentRounds(community.id, 2)).map((r) => [r.at, r.groups])).toEqual([
      [
        daysOn(14),
        [
          [ana, eve],
          [ben, cho, dee],
        ],
      ],
      [
        daysOn(7),
        [
          [ana, cho],
          [ben, dee, eve],
        ],
      ],
    ]);
    expect(await store().pairing.recentRounds(community.id + 1, 5)).toEqual([]);

    await store().pairing.skip(community.id, dee, daysOn(30));
    expect(
      await store().transaction((repos) =>
        repos.members.forget({
          memberId: dee,
          workspaceId: workspace.id,
          externalId: 'U-dee',
          platform: 'slack',
          at: daysOn(15),
        }),
      ),
    ).toBe('forgotten');
    expect((await store().pairing.recentRounds(community.id, 5)).map((r) => r.groups)).toEqual([
      [
        [ana, eve],
        [ben, cho],
      ],
      [
        [ana, cho],
        [ben, eve],
      ],
      [
        [ana, ben],
        [cho, eve],
      ],
    ]);
    expect(await rows(`select count(*)::int as n from pair_members where member_id = ${dee}`)).toEqual([{ n: 0 }]);
    expect(await store().pairing.skipping(community.id, daysOn(16))).toEqual(new Set());
    // Someone forgotten between drawing the groups and recording them is left out of the round.
    expect(
      (
        await record(daysOn(21), [
          [ana, dee],
          [ben, cho, eve],
        ])
      )?.groups,
    ).toEqual([[ana], [ben, cho, eve]]);
  });

  it("keeps answers only from the round's members, a later one replacing an earlier", async () => {
    const { workspace, ids, community } = await circle('ana', 'ben', 'cho');
    const [ana, ben, cho] = ids as [number, number, number];
    const outsider = (await store().members.ensure(workspace.id, { externalId: 'U-dee', name: 'dee' })).id;
    const round = await store().pairing.recordRound({
      communityId: community.id,
      at: monday,
      window: 0,
      groups: [[ana, ben, cho]],
    });
    if (!round) throw new Error('the round was not recorded');
    expect(await store().pairing.answers(round.id)).toEqual([
      { roundId: round.id, memberId: ana, met: null },
      { roundId: round.id, memberId: ben, met: null },
      { roundId: round.id, memberId: cho, met: null },
    ]);
    expect(await store().pairing.answer(round.id, outsider, true, daysOn(4))).toBe(false);
    expect(await store().pairing.answer(round.id + 1, ana, true, daysOn(4))).toBe(false);
    expect(await store().pairing.answer(round.id, ana, false, daysOn(4))).toBe(true);
    expect(await store().pairing.answer(round.id, ana, true, daysOn(5))).toBe(true);
    expect(await store().pairing.answer(round.id, cho, false, daysOn(5))).toBe(true);
    expect((await store().pairing.answers(round.id)).map((a) => [a.memberId, a.met])).toEqual([
      [ana, true],
      [ben, null],
      [cho, false],
    ]);
    expect(await rows(`select answered_at from pair_members where member_id = ${ana}`)).toEqual([
      { answered_at: daysOn(5) },
    ]);
  });

  it('has a migration that goes down and up again', async () => {
    const tables = `select tablename from pg_tables where schemaname = current_schema() and tablename in ('pair_rounds', 'pair_members') order by tablename`;
    const columns = `select column_name from information_schema.columns where table_schema = current_schema()
      and column_name in ('pairs_cadence', 'pairs_mode', 'pairs_anchor', 'next_pairs_at', 'pairs_skip_until') order by column_name`;
    await pairingMigration.down(db().db);
    expect(await rows(tables)).toEqual([]);
    expect(await rows(columns)).toEqual([]);
    await pairingMigration.up(db().db);
    expect(await rows(tables)).toEqual([{ tablename: 'pair_members' }, { tablename: 'pair_rounds' }]);
    expect((await rows(columns)).map((r) => r.column_name)).toEqual([
      'next_pairs_at',
      'pairs_anchor',
      'pairs_cadence',
      'pairs_mode',
      'pairs_skip_until',
    ]);
  });
});
