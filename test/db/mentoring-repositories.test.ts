import { describe, expect, it } from 'vitest';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';

// What the mentors and asks repositories promise, one promise at a time; test/db/mentoring-asks.test.ts
// follows them through the core.

const at = new Date('2026-03-02T15:00:00Z');
const hoursOn = (hours: number) => new Date(at.getTime() + hours * 3_600_000);

describe.each(testDatabaseKinds)('mentors and asks, on %s', (kind) => {
  const newStore = useTestStore(kind);

  async function people(...names: string[]) {
    const store = newStore();
    const workspace = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1' });
    const ids: number[] = [];
    for (const name of names)
      ids.push((await store.members.ensure(workspace.id, { externalId: `U-${name}`, name })).id);
    const circle = await store.communities.create({
      workspaceId: workspace.id,
      channelId: 'C3',
      name: 'Grade 3',
      timeZone: 'UTC',
      createdBy: ids[0] ?? 0,
    });
    const ask = (askerId: number, text = 'Ideas for phonics') =>
      store.asks.create({
        workspaceId: workspace.id,
        askerId,
        communityId: null,
        text,
        whenSuits: 'mornings',
        urgency: 'today',
        answerBy: hoursOn(48),
        at,
      });
    return { store, workspaceId: workspace.id, ids, grade3: circle?.id ?? 0, ask };
  }

  describe('the mentors and asks repositories', () => {
    it('returns the mentor before each naming, and a facilitator never narrows an admin naming', async () => {
      const { store, workspaceId, ids, grade3 } = await people('ana', 'ben');
      const [ana, ben] = ids as [number, number];
      const first = await store.mentors.upsert({
        workspaceId,
        memberId: ben,
        communityId: null,
        topics: ['phonics'],
        namedBy: ana,
        at,
      });
      expect(first.before).toBeNull();
      const again = await store.mentors.upsert({
        workspaceId,
        memberId: ben,
        communityId: grade3,
        topics: ['maths'],
        namedBy: ana,
        at: hoursOn(1),
      });
      expect(again.before).toMatchObject({ communityId: null, topics: ['phonics'] });
      expect(again.mentor).toMatchObject({ communityId: null, topics: ['maths'], perWeek: 2, since: at });
      expect((await store.mentors.list(workspaceId)).map((m) => m.name)).toEqual(['ben']);
    });

    it('lets one offer wait, answers it once with a pass counted, and lets one taker take', async () => {
      const { store, ids, ask } = await people('ana', 'ben', 'cho');
      const [ana, ben, cho] = ids as [number, number, number];
      const asked = await ask(ana);
      const offer = await store.asks.offer(asked.id, ben, at);
      expect(await store.asks.offer(asked.id, cho, at)).toBeNull();
      expect(await store.asks.answerOffer(offer?.id ?? 0, cho, 'pass', at)).toBe(false);
      expect(await store.asks.answerOffer(offer?.id ?? 0, ben, 'pass', at)).toBe(true);
      expect(await store.asks.answerOffer(offer?.id ?? 0, ben, 'pass', at)).toBe(false);
      expect((await store.asks.byId(asked.id))?.passes).toBe(1);
      expect(await store.asks.markUnanswered(asked.id, at)).toBe(true);
      expect(await store.asks.markUnanswered(asked.id, at)).toBe(false);
      expect(await store.asks.offer(asked.id, cho, at)).toBeNull();
      const takes = await Promise.all([
        store.asks.take(asked.id, ben, hoursOn(1)),
        store.asks.take(asked.id, cho, hoursOn(1)),
      ]);
      expect(takes).toEqual([true, false]);
      expect(await store.asks.saveFollowUp(asked.id, ben, 'not theirs', hoursOn(2))).toBe(false);
      expect(await store.asks.saveFollowUp(asked.id, ana, 'It helped', hoursOn(2))).toBe(true);
    });

    it("counts loads for mentors only, and forgets a member's asks, offers and mentor row", async () => {
      const { store, workspaceId, ids, ask } = await people('ana', 'ben', 'cho');
      const [ana, ben, cho] = ids as [number, number, number];
      await store.mentors.upsert({
        workspaceId,
        memberId: ben,
        communityId: null,
        topics: ['phonics'],
        namedBy: ana,
        at,
      });
      const taken = await ask(ana, 'taken');
      await store.asks.take(taken.id, ben, hoursOn(-200));
      const waiting = await ask(cho, 'waiting');
      await store.asks.offer(waiting.id, ben, at);
      expect(Object.fromEntries(await store.mentors.loads(workspaceId, hoursOn(-24)))).toEqual({
        [ben]: { waiting: 1, takenSince: 0, takenEver: 1 },
      });
      expect((await store.asks.waitingFor(workspaceId, ben)).map((a) => a.id)).toEqual([waiting.id]);

      expect((await store.dataRights.memberData(ben)).mentoring).toEqual({
        mentor: { circle: null, topics: ['phonics'], perWeek: 2, awayUntil: null, since: at },
        asks: [],
        helped: [{ askedAt: at, takenAt: hoursOn(-200) }],
        suggestions: [],
        pairings: [],
        nextTerm: null,
        visits: [],
      });
      expect(
        await store.members.forget({ memberId: ben, workspaceId, externalId: 'U-ben', platform: 'slack', at }),
      ).toBe('forgotten');
      expect(await store.mentors.find(workspaceId, ben)).toBeNull();
      expect(await store.asks.waitingOffer(waiting.id)).toBeNull();
      expect(await store.asks.byId(taken.id)).toMatchObject({ text: 'taken', helperId: null });
      expect(
        await store.members.forget({ memberId: ana, workspaceId, externalId: 'U-ana', platform: 'slack', at }),
      ).toBe('forgotten');
      expect(await store.asks.byId(taken.id)).toBeNull();
    });
  });
});
