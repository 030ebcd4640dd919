import { describe, expect, it } from 'vitest';
import type { PairingSettings } from '../../src/core/pairing/model.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';

// What the pairing repository promises, one promise at a time; test/db/pairing.test.ts follows
// rounds through the core.

const monday = new Date('2026-03-02T09:00:00Z');
const daysOn = (days: number) => new Date(monday.getTime() + days * 24 * 3_600_000);
const weekly: PairingSettings = { cadence: 'weekly', mode: 'peers', anchor: '2026-03-02' };

describe.each(testDatabaseKinds)('pairing rounds, on %s', (kind) => {
  const newStore = useTestStore(kind);

  async function circle(...names: string[]) {
    const store = newStore();
    const workspace = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1' });
    const ids: number[] = [];
    for (const name of names)
      ids.push((await store.members.ensure(workspace.id, { externalId: `U-${name}`, name })).id);
    const community = await store.communities.create({
      workspaceId: workspace.id,
      channelId: 'C3',
      name: 'Grade 3',
      timeZone: 'UTC',
      createdBy: ids[0] ?? 0,
    });
    if (!community) throw new Error('the circle was not created');
    for (const id of ids) await store.communities.join(community.id, id);
    const forget = (memberId: number, name: string) =>
      store.members.forget({
        memberId,
        workspaceId: workspace.id,
        externalId: `U-${name}`,
        platform: 'slack',
        at: daysOn(15),
      });
    return { store, workspace, ids, community, forget };
  }

  describe('the pairing repository', () => {
    it('keeps settings, moves the next round only from the time it holds, and finds due circles', async () => {
      const { store, workspace, community } = await circle('ana');
      expect(await store.pairing.settings(community.id)).toEqual({ settings: null, nextAt: null });
      expect(await store.pairing.setNextRound(community.id, null, daysOn(1))).toBe(true);
      await store.pairing.setSettings(community.id, weekly, monday);
      expect(await store.pairing.setNextRound(community.id, daysOn(1), daysOn(7))).toBe(false);
      expect(await store.pairing.setNextRound(community.id, new Date(monday), monday)).toBe(true);
      expect(await store.pairing.setNextRound(999_999, null, monday)).toBe(false);
      expect(await store.pairing.dueForRounds(daysOn(1), 5)).toEqual([
        { community, settings: weekly, at: monday, workspace },
      ]);
      expect(await store.pairing.dueForRounds(new Date(monday.getTime() - 1), 5)).toEqual([]);
      await store.pairing.setSettings(community.id, null, null);
      expect(await store.pairing.dueForRounds(daysOn(1), 5)).toEqual([]);
    });

    it('lists members and keeps skips only for members, ending them when they leave', async () => {
      const { store, workspace, ids, community } = await circle('ana', 'ben');
      const [ana, ben] = ids as [number, number];
      const outsider = (await store.members.ensure(workspace.id, { externalId: 'U-dee', name: 'dee' })).id;
      expect(await store.pairing.members(community.id)).toEqual([ana, ben]);
      await store.pairing.skip(community.id, ben, daysOn(14));
      await store.pairing.skip(community.id, outsider, daysOn(14));
      expect(await store.pairing.skipping(community.id, monday)).toEqual(new Set([ben]));
      expect(await store.pairing.skipping(community.id, daysOn(14))).toEqual(new Set());
      await store.communities.leave(community.id, ben);
      await store.communities.join(community.id, ben);
      expect(await store.pairing.skipping(community.id, monday)).toEqual(new Set());
    });

    it('records a round once, reads rounds latest first with groups by member id, and drops a forgotten member', async () => {
      const { store, ids, community, forget } = await circle('ana', 'ben', 'cho', 'dee', 'eve');
      const [ana, ben, cho, dee, eve] = ids as [number, number, number, number, number];
      const record = (at: Date, groups: number[][]) =>
        store.pairing.recordRound({ communityId: community.id, at, window: 2, groups });
      const recorded = await Promise.all([
        record(monday, [
          [dee, ana],
          [ben, cho, eve],
        ]),
        record(monday, [
          [ana, ben],
          [cho, dee, eve],
        ]),
      ]);
      expect(recorded.filter((r) => r !== null)).toEqual([
        {
          id: expect.any(Number),
          communityId: community.id,
          at: monday,
          window: 2,
          groups: [
            [ana, dee],
            [ben, cho, eve],
          ],
        },
      ]);
      await record(daysOn(7), [
        [eve, ana],
        [ben, dee, cho],
      ]);
      expect((await store.pairing.recentRounds(community.id, 1)).map((r) => r.groups)).toEqual([
        [
          [ana, eve],
          [ben, cho, dee],
        ],
      ]);

      expect(await forget(dee, 'dee')).toBe('forgotten');
      expect((await store.pairing.recentRounds(community.id, 5)).map((r) => r.groups)).toEqual([
        [
          [ana, eve],
          [ben, cho],
        ],
        [[ana], [ben, cho, eve]],
      ]);
      expect(
        (
          await record(daysOn(14), [
            [ana, dee],
            [ben, cho, eve],
          ])
        )?.groups,
      ).toEqual([[ana], [ben, cho, eve]]);
    });

    it("keeps answers only from the round's members", async () => {
      const { store, ids, community } = await circle('ana', 'ben', 'cho');
      const [ana, ben, cho] = ids as [number, number, number];
      const round = await store.pairing.recordRound({
        communityId: community.id,
        at: monday,
        window: 0,
        groups: [[ana, ben]],
      });
      if (!round) throw new Error('the round was not recorded');
      expect(await store.pairing.answer(round.id, cho, true, daysOn(4))).toBe(false);
      expect(await store.pairing.answer(round.id, ana, false, daysOn(4))).toBe(true);
      expect(await store.pairing.answer(round.id, ana, true, daysOn(5))).toBe(true);
      expect(await store.pairing.answers(round.id)).toEqual([
        { roundId: round.id, memberId: ana, met: true },
        { roundId: round.id, memberId: ben, met: null },
      ]);
      expect(await store.pairing.round(round.id)).toEqual(round);
      expect(await store.pairing.round(round.id + 100)).toBeNull();
    });
  });
});
