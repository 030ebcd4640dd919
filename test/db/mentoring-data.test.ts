import { describe, expect, it } from 'vitest';
import * as mentoringMigration from '../../migrations/0023_mentoring.js';
import { testDatabaseKinds } from '../helpers/databases.js';
import { whereItAppears } from '../helpers/find-text.js';
import { answerBy, at, hoursOn, useMentoringDatabase } from '../helpers/mentoring-people.js';

// The data of mentoring: forget-me for askers, mentors and the admins who named them, the retention
// period for the words of asks, a member's export, and the migration.

describe.each(testDatabaseKinds)('mentoring data on %s', (kind) => {
  const { db, store, rows, people, newAsk } = useMentoringDatabase(kind);

  async function forget(memberId: number, workspaceId: number, name: string) {
    return store().transaction((repos) =>
      repos.members.forget({ memberId, workspaceId, externalId: `U-${name}`, platform: 'slack', at: hoursOn(300) }),
    );
  }

  it("forgets an asker's asks everywhere, and a mentor's row and offers while the asker's ask stays", async () => {
    const { workspaceId, ids, grade3 } = await people('ana', 'zebra', 'ben', 'cho');
    const [ana, zebra, ben, cho] = ids as [number, number, number, number];
    await store().mentors.upsert({
      workspaceId,
      memberId: ben,
      communityId: grade3,
      topics: ['phonics'],
      namedBy: ana,
      at,
    });
    await store().mentors.upsert({
      workspaceId,
      memberId: cho,
      communityId: null,
      topics: ['maths'],
      namedBy: ana,
      at,
    });
    await store().mentors.upsert({
      workspaceId,
      memberId: zebra,
      communityId: null,
      topics: ['zebrastripe topics'],
      namedBy: ana,
      at,
    });
    const zebras = await store().asks.create({
      workspaceId,
      askerId: zebra,
      communityId: grade3,
      text: 'zebrastripe help please',
      whenSuits: "zebrastripe o'clock",
      urgency: 'today',
      answerBy,
      at,
    });
    await store().asks.offer(zebras.id, ben, at);
    await store().asks.take(zebras.id, ben, hoursOn(1));
    await store().asks.saveFollowUp(zebras.id, zebra, 'zebrastripe follow-up', hoursOn(200));
    // Zebra mentored too: an ask they helped with, and one offered to them, stay with their askers.
    const helpedByZebra = await newAsk(workspaceId, ana, 'ana asks for a hand');
    await store().asks.take(helpedByZebra.id, zebra, hoursOn(1));
    const offeredToZebra = await newAsk(workspaceId, cho, 'cho asks for ideas');
    await store().asks.offer(offeredToZebra.id, zebra, at);
    expect(Object.keys(await whereItAppears(db(), 'zebrastripe')).sort()).toEqual([
      'asks.follow_up',
      'asks.text',
      'asks.when_suits',
      'mentors.topics',
    ]);

    expect(await forget(zebra, workspaceId, 'zebra')).toBe('forgotten');

    expect(await whereItAppears(db(), 'zebrastripe')).toEqual({});
    expect(await store().asks.byId(zebras.id)).toBeNull();
    expect(await store().mentors.find(workspaceId, zebra)).toBeNull();
    expect(await store().asks.byId(helpedByZebra.id)).toMatchObject({
      text: 'ana asks for a hand',
      status: 'taken',
      helperId: null,
    });
    expect(await store().asks.byId(offeredToZebra.id)).toMatchObject({ text: 'cho asks for ideas', status: 'open' });
    expect(await store().asks.offers(offeredToZebra.id)).toEqual([]);
    // Its offer gone, the ask can be offered to someone else.
    expect(await store().asks.offer(offeredToZebra.id, ben, hoursOn(301))).not.toBeNull();
    expect((await store().mentors.list(workspaceId)).map((m) => m.memberId).sort()).toEqual([ben, cho].sort());
  });

  it('forgets the admin who named a mentor without removing the mentor', async () => {
    const { workspaceId, ids } = await people('ana', 'ben', 'cho');
    const [ana, ben, cho] = ids as [number, number, number];
    await store().members.grantAdmin(ana);
    await store().members.grantAdmin(cho);
    await store().mentors.upsert({
      workspaceId,
      memberId: ben,
      communityId: null,
      topics: ['phonics'],
      namedBy: ana,
      at,
    });
    expect(await forget(ana, workspaceId, 'ana')).toBe('forgotten');
    expect(await store().mentors.find(workspaceId, ben)).toMatchObject({ topics: ['phonics'] });
    expect(await rows(`select named_by from mentors`)).toEqual([{ named_by: null }]);
  });

  it('clears the words of asks past the retention period, each from when it was written, and keeps the asks', async () => {
    const { workspaceId, ids } = await people('ana', 'ben');
    const [ana, ben] = ids as [number, number];
    await store().workspaces.setRetention(workspaceId, 12);
    const old = await store().asks.create({
      workspaceId,
      askerId: ana,
      communityId: null,
      text: 'oldwords ask',
      whenSuits: 'oldwords when',
      urgency: 'no-rush',
      answerBy,
      at,
    });
    await store().asks.take(old.id, ben, hoursOn(1));
    // The follow-up was written five months after the ask.
    const followUpAt = hoursOn(24 * 150);
    await store().asks.saveFollowUp(old.id, ana, 'laterwords follow-up', followUpAt);
    const thirteenMonthsOn = hoursOn(24 * 396);
    const fresh = await store().asks.create({
      workspaceId,
      askerId: ana,
      communityId: null,
      text: 'freshwords ask',
      whenSuits: null,
      urgency: null,
      answerBy,
      at: hoursOn(24 * 380),
    });

    const first = await store().dataRights.applyRetention(thirteenMonthsOn);
    expect(first.asks).toBe(1);
    expect(await whereItAppears(db(), 'oldwords')).toEqual({});
    expect(await whereItAppears(db(), 'laterwords')).toEqual({ 'asks.follow_up': 1 });
    expect(await whereItAppears(db(), 'freshwords')).toEqual({ 'asks.text': 1 });
    expect(await store().asks.byId(old.id)).toMatchObject({
      text: null,
      whenSuits: null,
      status: 'taken',
      helperId: ben,
      urgency: 'no-rush',
    });
    expect((await store().dataRights.applyRetention(thirteenMonthsOn)).asks).toBe(0);

    // Once the follow-up too is past the period, it goes; the fresh ask stays whole.
    const later = new Date(followUpAt.getTime() + 24 * 366 * 3_600_000);
    expect((await store().dataRights.applyRetention(later)).asks).toBe(1);
    expect(await whereItAppears(db(), 'laterwords')).toEqual({});
    expect((await store().asks.byId(fresh.id))?.text).toBe('freshwords ask');
    expect(await rows(`select count(*)::int as n from asks`)).toEqual([{ n: 2 }]);
  });

  it("exports a member's mentoring: their own asks in full, asks they helped with as dates only", async () => {
    const { workspaceId, ids, grade3 } = await people('ana', 'ben');
    const [ana, ben] = ids as [number, number];
    await store().mentors.upsert({
      workspaceId,
      memberId: ben,
      communityId: grade3,
      topics: ['phonics', 'maths'],
      namedBy: ana,
      at,
    });
    const ask = await store().asks.create({
      workspaceId,
      askerId: ana,
      communityId: grade3,
      text: 'Ana needs ideas',
      whenSuits: 'mornings',
      urgency: 'today',
      answerBy,
      at,
    });
    await store().asks.take(ask.id, ben, hoursOn(2));
    await store().asks.saveFollowUp(ask.id, ana, 'It helped', hoursOn(200));

    const asker = await store().dataRights.memberData(ana);
    expect(asker.mentoring).toEqual({
      mentor: null,
      asks: [
        {
          text: 'Ana needs ideas',
          whenSuits: 'mornings',
          urgency: 'today',
          status: 'taken',
          askedAt: at,
          takenAt: hoursOn(2),
          followUp: 'It helped',
        },
      ],
      helped: [],
      suggestions: [],
      pairings: [],
      nextTerm: null,
      visits: [],
    });
    const mentor = await store().dataRights.memberData(ben);
    expect(mentor.mentoring).toEqual({
      mentor: { circle: 'Grade 3', topics: ['phonics', 'maths'], perWeek: 2, awayUntil: null, since: at },
      asks: [],
      helped: [{ askedAt: at, takenAt: hoursOn(2) }],
      suggestions: [],
      pairings: [],
      nextTerm: null,
      visits: [],
    });
    expect(JSON.stringify(mentor)).not.toContain('Ana needs ideas');
  });

  it('has a migration that goes down and up again', async () => {
    const tables = `select tablename from pg_tables where schemaname = current_schema() and tablename in ('mentors', 'asks', 'ask_offers') order by tablename`;
    await mentoringMigration.down(db().db);
    expect(await rows(tables)).toEqual([]);
    await mentoringMigration.up(db().db);
    expect(await rows(tables)).toEqual([{ tablename: 'ask_offers' }, { tablename: 'asks' }, { tablename: 'mentors' }]);
  });
});
