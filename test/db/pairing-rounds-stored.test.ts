import { describe, expect, it } from 'vitest';
import * as pairingMigration from '../../migrations/0024_pairing.js';
import { testDatabaseKinds } from '../helpers/databases.js';
import { daysOn, monday, usePairingDatabase } from '../helpers/pairing-store.js';

// Pairing rounds on a real database: recorded once when two replicas race, read back as groups,
// their answers, and the migration that adds them.

describe.each(testDatabaseKinds)('pairing rounds on %s', (kind) => {
  const { db, store, other, rows, circle } = usePairingDatabase(kind);

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
