import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store.js';
import { createStore } from '../../src/db/store.js';
import * as mentoringMigration from '../../migrations/0023_mentoring.js';
import { testDatabaseKinds, useSecondInstance, useTestDatabase } from '../helpers/databases.js';
import { whereItAppears } from '../helpers/find-text.js';

// Mentors, asks and the offers between them, on a real database. The races are settled by the
// database: on PostgreSQL the two calls of each race run on two connections (two bot instances) and
// truly overlap; on the embedded database, which one process owns, they interleave on one.

const at = new Date('2026-03-02T15:00:00Z');
const hoursOn = (hours: number) => new Date(at.getTime() + hours * 3_600_000);
const answerBy = hoursOn(48);

describe.each(testDatabaseKinds)('mentors and asks on %s', (kind) => {
  const db = useTestDatabase(kind);
  const second = useSecondInstance(db, kind);
  const store = (): Store => createStore(db().db);
  const other = (): Store => createStore(second().db);
  const rows = (query: string) => sql.raw<Record<string, unknown>>(query).execute(db().db).then((r) => r.rows);

  /** A workspace with people (by name, ids in the same order) and two circles. */
  async function people(...names: string[]) {
    const workspace = await store().workspaces.ensure({ platform: 'slack', externalId: 'T1' });
    const ids: number[] = [];
    for (const name of names) ids.push((await store().members.ensure(workspace.id, { externalId: `U-${name}`, name })).id);
    const circle = async (channelId: string, name: string) => {
      const created = await store().communities.create({ workspaceId: workspace.id, channelId, name, timeZone: 'UTC', createdBy: ids[0] ?? 0 });
      if (!created) throw new Error(`circle ${name} was not created`);
      return created.id;
    };
    return { workspaceId: workspace.id, ids, grade3: await circle('C3', 'Grade 3'), grade4: await circle('C4', 'Grade 4') };
  }

  async function newAsk(workspaceId: number, askerId: number, text = 'Ideas for small-group phonics', communityId: number | null = null) {
    return store().asks.create({ workspaceId, askerId, communityId, text, whenSuits: 'Tuesday after school', urgency: 'this-week', answerBy, at });
  }

  it('names a mentor, returns what they were before, and never lets a facilitator narrow an admin naming', async () => {
    const { workspaceId, ids, grade3, grade4 } = await people('ana', 'ben', 'cho');
    const [ana, ben, cho] = ids as [number, number, number];
    const named = await store().mentors.upsert({ workspaceId, memberId: ben, communityId: grade3, topics: ['phonics', 'google classroom'], namedBy: ana, at });
    expect(named).toEqual({
      mentor: { memberId: ben, workspaceId, communityId: grade3, topics: ['phonics', 'google classroom'], perWeek: 2, awayUntil: null, since: at },
      before: null,
    });
    // Another circle's facilitator moves a circle mentor to theirs; an admin widens them to the workspace.
    const moved = await store().mentors.upsert({ workspaceId, memberId: ben, communityId: grade4, topics: ['phonics'], namedBy: cho, at: hoursOn(1) });
    expect(moved.before).toEqual(named.mentor);
    expect(moved.mentor).toMatchObject({ communityId: grade4, topics: ['phonics'], since: at });
    const widened = await store().mentors.upsert({ workspaceId, memberId: ben, communityId: null, topics: ['phonics', 'maths'], namedBy: ana, at: hoursOn(2) });
    expect(widened.before?.communityId).toBe(grade4);
    expect(widened.mentor.communityId).toBeNull();
    // A facilitator naming a workspace mentor changes their topics but keeps them the workspace's.
    expect(await store().mentors.setPerWeek(workspaceId, ben, 5)).toBe(true);
    const kept = await store().mentors.upsert({ workspaceId, memberId: ben, communityId: grade3, topics: ['maths'], namedBy: cho, at: hoursOn(3) });
    expect(kept.before).toMatchObject({ communityId: null, topics: ['phonics', 'maths'], perWeek: 5 });
    expect(kept.mentor).toMatchObject({ communityId: null, topics: ['maths'], perWeek: 5 });
    expect(await store().mentors.find(workspaceId, ben)).toEqual(kept.mentor);
    // The naming that decided their scope is the admin's still.
    expect(await rows(`select named_by::int as named_by from mentors`)).toEqual([{ named_by: ana }]);
  });

  it('names someone once when two namings arrive together, the second seeing the first', async () => {
    const { workspaceId, ids } = await people('ana', 'ben');
    const [ana, ben] = ids as [number, number];
    const namings = await Promise.all(
      [store(), other()].map((s, i) => s.mentors.upsert({ workspaceId, memberId: ben, communityId: null, topics: [`topic ${i}`], namedBy: ana, at })),
    );
    expect(namings.filter((n) => n.before === null)).toHaveLength(1);
    expect(await rows(`select count(*)::int as n from mentors`)).toEqual([{ n: 1 }]);
  });

  it('lists mentors by their current names, and sets away, per week and removal only for mentors', async () => {
    const { workspaceId, ids, grade3 } = await people('ana', 'ben', 'cho');
    const [ana, ben, cho] = ids as [number, number, number];
    await store().mentors.upsert({ workspaceId, memberId: ben, communityId: grade3, topics: ['phonics'], namedBy: ana, at });
    await store().mentors.upsert({ workspaceId, memberId: cho, communityId: null, topics: ['maths'], namedBy: ana, at });
    await store().members.rename(cho, 'Abby');
    expect((await store().mentors.list(workspaceId)).map((m) => [m.name, m.memberId, m.topics])).toEqual([
      ['Abby', cho, ['maths']],
      ['ben', ben, ['phonics']],
    ]);
    const away = hoursOn(24 * 7);
    expect(await store().mentors.setAwayUntil(workspaceId, ben, away)).toBe(true);
    expect((await store().mentors.find(workspaceId, ben))?.awayUntil).toEqual(away);
    expect(await store().mentors.setAwayUntil(workspaceId, ana, away)).toBe(false);
    expect(await store().mentors.setPerWeek(workspaceId, ana, 3)).toBe(false);
    expect((await store().mentors.remove(workspaceId, ben))?.memberId).toBe(ben);
    expect(await store().mentors.remove(workspaceId, ben)).toBeNull();
    expect(await store().mentors.find(workspaceId, ben)).toBeNull();
  });

  it('lets one offer wait per ask, even when two replicas offer it at once', async () => {
    const { workspaceId, ids } = await people('ana', 'ben', 'cho');
    const [ana, ben, cho] = ids as [number, number, number];
    const ask = await newAsk(workspaceId, ana);
    expect(ask).toMatchObject({ askerId: ana, status: 'open', passes: 0, helperId: null, takenAt: null, followUp: null, answerBy, createdAt: at, urgency: 'this-week' });
    expect(await store().asks.find(workspaceId, ask.id)).toEqual(ask);
    expect(await store().asks.find(workspaceId + 1, ask.id)).toBeNull();
    expect(await store().asks.byId(ask.id)).toEqual(ask);

    const offers = await Promise.all([store().asks.offer(ask.id, ben, at), other().asks.offer(ask.id, cho, at)]);
    const made = offers.filter((offer) => offer !== null);
    expect(made).toHaveLength(1);
    expect(await store().asks.waitingOffer(ask.id)).toEqual(made[0]);
    expect(await store().asks.offer(ask.id, cho, at)).toBeNull();
    expect(await rows(`select count(*)::int as n from ask_offers`)).toEqual([{ n: 1 }]);

    // Once answered, the next mentor may be offered it, and the offers list in order.
    const first = made[0];
    if (!first) throw new Error('one offer was made');
    expect(await store().asks.answerOffer(first.id, first.mentorId, 'pass', hoursOn(1))).toBe(true);
    const next = await store().asks.offer(ask.id, first.mentorId === ben ? cho : ben, hoursOn(2));
    expect(next).not.toBeNull();
    expect((await store().asks.offers(ask.id)).map((o) => [o.id, o.answer])).toEqual([
      [first.id, 'pass'],
      [next?.id, null],
    ]);
  });

  it('offers no ask that is no longer open', async () => {
    const { workspaceId, ids } = await people('ana', 'ben');
    const [ana, ben] = ids as [number, number];
    const unanswered = await newAsk(workspaceId, ana);
    expect(await store().asks.markUnanswered(unanswered.id, at)).toBe(true);
    expect(await store().asks.offer(unanswered.id, ben, at)).toBeNull();
    const taken = await newAsk(workspaceId, ana);
    expect(await store().asks.take(taken.id, ben, at)).toBe(true);
    expect(await store().asks.offer(taken.id, ben, at)).toBeNull();
    expect(await store().asks.offer(999_999, ben, at)).toBeNull();
  });

  it('answers an offer once, only by its mentor, and counts a pass with it', async () => {
    const { workspaceId, ids } = await people('ana', 'ben', 'cho');
    const [ana, ben, cho] = ids as [number, number, number];
    const ask = await newAsk(workspaceId, ana);
    const offer = await store().asks.offer(ask.id, ben, at);
    if (!offer) throw new Error('the offer was made');
    expect(await store().asks.answerOffer(offer.id, cho, 'help', hoursOn(1))).toBe(false);
    // A double press from two replicas: one answer counts, and the pass once.
    const answers = await Promise.all([store().asks.answerOffer(offer.id, ben, 'pass', hoursOn(1)), other().asks.answerOffer(offer.id, ben, 'pass', hoursOn(1))]);
    expect(answers.sort()).toEqual([false, true]);
    expect(await store().asks.answerOffer(offer.id, ben, 'help', hoursOn(2))).toBe(false);
    expect((await store().asks.byId(ask.id))?.passes).toBe(1);
    expect(await store().asks.waitingOffer(ask.id)).toBeNull();
    expect((await store().asks.offers(ask.id))[0]).toMatchObject({ answer: 'pass', answeredAt: hoursOn(1) });

    // Help and withdrawn answer without counting a pass.
    const helped = await store().asks.offer(ask.id, cho, hoursOn(3));
    if (!helped) throw new Error('the second offer was made');
    expect(await store().asks.answerOffer(helped.id, cho, 'help', hoursOn(4))).toBe(true);
    const withdrawn = await store().asks.offer(ask.id, ben, hoursOn(5));
    expect(await store().asks.answerOffer(withdrawn?.id ?? 0, ben, 'withdrawn', hoursOn(6))).toBe(true);
    expect((await store().asks.byId(ask.id))?.passes).toBe(1);
  });

  it('lets one of two takers take an ask, open or unanswered, and marks it unanswered once', async () => {
    const { workspaceId, ids } = await people('ana', 'ben', 'cho');
    const [ana, ben, cho] = ids as [number, number, number];
    const ask = await newAsk(workspaceId, ana);
    const takes = await Promise.all([store().asks.take(ask.id, ben, hoursOn(1)), other().asks.take(ask.id, cho, hoursOn(1))]);
    expect(takes.filter(Boolean)).toHaveLength(1);
    const winner = takes[0] ? ben : cho;
    expect(await store().asks.byId(ask.id)).toMatchObject({ status: 'taken', helperId: winner, takenAt: hoursOn(1) });
    expect(await store().asks.markUnanswered(ask.id, hoursOn(2))).toBe(false);

    const late = await newAsk(workspaceId, ana);
    const marks = await Promise.all([store().asks.markUnanswered(late.id, answerBy), other().asks.markUnanswered(late.id, answerBy)]);
    expect(marks.sort()).toEqual([false, true]);
    expect((await store().asks.byId(late.id))?.status).toBe('unanswered');
    // A facilitator takes it after no mentor could; then nobody else can.
    expect(await store().asks.take(late.id, cho, hoursOn(50))).toBe(true);
    expect(await store().asks.take(late.id, ben, hoursOn(51))).toBe(false);
    expect(await store().asks.take(999_999, ben, hoursOn(51))).toBe(false);
  });

  it('counts each mentor\'s waiting offers and asks taken, this week and ever, and lists what waits for them', async () => {
    const { workspaceId, ids } = await people('ana', 'ben', 'cho', 'dee');
    const [ana, ben, cho, dee] = ids as [number, number, number, number];
    for (const mentor of [ben, cho, dee]) await store().mentors.upsert({ workspaceId, memberId: mentor, communityId: null, topics: ['phonics'], namedBy: ana, at });
    const weekAgo = hoursOn(-24 * 7);
    const old = await newAsk(workspaceId, ana, 'old ask');
    await store().asks.take(old.id, ben, hoursOn(-24 * 10));
    const recent = await newAsk(workspaceId, ana, 'recent ask');
    await store().asks.take(recent.id, ben, hoursOn(-1));
    const waiting = await newAsk(workspaceId, ana, 'waiting ask');
    await store().asks.offer(waiting.id, ben, at);
    const forCho = await newAsk(workspaceId, ana, 'for cho');
    await store().asks.offer(forCho.id, cho, at);

    const loads = await store().mentors.loads(workspaceId, weekAgo);
    expect(Object.fromEntries(loads)).toEqual({
      [ben]: { waiting: 1, takenSince: 1, takenEver: 2 },
      [cho]: { waiting: 1, takenSince: 0, takenEver: 0 },
    });
    expect(loads.has(dee)).toBe(false);
    expect((await store().asks.waitingFor(workspaceId, ben)).map((a) => a.id)).toEqual([waiting.id]);
    expect((await store().asks.waitingFor(workspaceId, dee)).map((a) => a.id)).toEqual([]);
  });

  it('keeps a follow-up only from the person who asked', async () => {
    const { workspaceId, ids } = await people('ana', 'ben');
    const [ana, ben] = ids as [number, number];
    const ask = await newAsk(workspaceId, ana);
    expect(await store().asks.saveFollowUp(ask.id, ben, 'not mine to say', hoursOn(200))).toBe(false);
    expect(await store().asks.saveFollowUp(ask.id, ana, 'It helped: we met twice', hoursOn(200))).toBe(true);
    expect((await store().asks.byId(ask.id))?.followUp).toBe('It helped: we met twice');
    expect(await store().asks.saveFollowUp(999_999, ana, 'gone', hoursOn(200))).toBe(false);
  });

  async function forget(memberId: number, workspaceId: number, name: string) {
    return store().transaction((repos) => repos.members.forget({ memberId, workspaceId, externalId: `U-${name}`, platform: 'slack', at: hoursOn(300) }));
  }

  it('forgets an asker\'s asks everywhere, and a mentor\'s row and offers while the asker\'s ask stays', async () => {
    const { workspaceId, ids, grade3 } = await people('ana', 'zebra', 'ben', 'cho');
    const [ana, zebra, ben, cho] = ids as [number, number, number, number];
    await store().mentors.upsert({ workspaceId, memberId: ben, communityId: grade3, topics: ['phonics'], namedBy: ana, at });
    await store().mentors.upsert({ workspaceId, memberId: cho, communityId: null, topics: ['maths'], namedBy: ana, at });
    await store().mentors.upsert({ workspaceId, memberId: zebra, communityId: null, topics: ['zebrastripe topics'], namedBy: ana, at });
    const zebras = await store().asks.create({ workspaceId, askerId: zebra, communityId: grade3, text: 'zebrastripe help please', whenSuits: 'zebrastripe o\'clock', urgency: 'today', answerBy, at });
    await store().asks.offer(zebras.id, ben, at);
    await store().asks.take(zebras.id, ben, hoursOn(1));
    await store().asks.saveFollowUp(zebras.id, zebra, 'zebrastripe follow-up', hoursOn(200));
    // Zebra mentored too: an ask they helped with, and one offered to them, stay with their askers.
    const helpedByZebra = await newAsk(workspaceId, ana, 'ana asks for a hand');
    await store().asks.take(helpedByZebra.id, zebra, hoursOn(1));
    const offeredToZebra = await newAsk(workspaceId, cho, 'cho asks for ideas');
    await store().asks.offer(offeredToZebra.id, zebra, at);
    expect(Object.keys(await whereItAppears(db(), 'zebrastripe')).sort()).toEqual(['asks.follow_up', 'asks.text', 'asks.when_suits', 'mentors.topics']);

    expect(await forget(zebra, workspaceId, 'zebra')).toBe('forgotten');

    expect(await whereItAppears(db(), 'zebrastripe')).toEqual({});
    expect(await store().asks.byId(zebras.id)).toBeNull();
    expect(await store().mentors.find(workspaceId, zebra)).toBeNull();
    expect(await store().asks.byId(helpedByZebra.id)).toMatchObject({ text: 'ana asks for a hand', status: 'taken', helperId: null });
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
    await store().mentors.upsert({ workspaceId, memberId: ben, communityId: null, topics: ['phonics'], namedBy: ana, at });
    expect(await forget(ana, workspaceId, 'ana')).toBe('forgotten');
    expect(await store().mentors.find(workspaceId, ben)).toMatchObject({ topics: ['phonics'] });
    expect(await rows(`select named_by from mentors`)).toEqual([{ named_by: null }]);
  });

  it('clears the words of asks past the retention period, each from when it was written, and keeps the asks', async () => {
    const { workspaceId, ids } = await people('ana', 'ben');
    const [ana, ben] = ids as [number, number];
    await store().workspaces.setRetention(workspaceId, 12);
    const old = await store().asks.create({ workspaceId, askerId: ana, communityId: null, text: 'oldwords ask', whenSuits: 'oldwords when', urgency: 'no-rush', answerBy, at });
    await store().asks.take(old.id, ben, hoursOn(1));
    // The follow-up was written five months after the ask.
    const followUpAt = hoursOn(24 * 150);
    await store().asks.saveFollowUp(old.id, ana, 'laterwords follow-up', followUpAt);
    const thirteenMonthsOn = hoursOn(24 * 396);
    const fresh = await store().asks.create({ workspaceId, askerId: ana, communityId: null, text: 'freshwords ask', whenSuits: null, urgency: null, answerBy, at: hoursOn(24 * 380) });

    const first = await store().dataRights.applyRetention(thirteenMonthsOn);
    expect(first.asks).toBe(1);
    expect(await whereItAppears(db(), 'oldwords')).toEqual({});
    expect(await whereItAppears(db(), 'laterwords')).toEqual({ 'asks.follow_up': 1 });
    expect(await whereItAppears(db(), 'freshwords')).toEqual({ 'asks.text': 1 });
    expect(await store().asks.byId(old.id)).toMatchObject({ text: null, whenSuits: null, status: 'taken', helperId: ben, urgency: 'no-rush' });
    expect((await store().dataRights.applyRetention(thirteenMonthsOn)).asks).toBe(0);

    // Once the follow-up too is past the period, it goes; the fresh ask stays whole.
    const later = new Date(followUpAt.getTime() + 24 * 366 * 3_600_000);
    expect((await store().dataRights.applyRetention(later)).asks).toBe(1);
    expect(await whereItAppears(db(), 'laterwords')).toEqual({});
    expect((await store().asks.byId(fresh.id))?.text).toBe('freshwords ask');
    expect(await rows(`select count(*)::int as n from asks`)).toEqual([{ n: 2 }]);
  });

  it('exports a member\'s mentoring: their own asks in full, asks they helped with as dates only', async () => {
    const { workspaceId, ids, grade3 } = await people('ana', 'ben');
    const [ana, ben] = ids as [number, number];
    await store().mentors.upsert({ workspaceId, memberId: ben, communityId: grade3, topics: ['phonics', 'maths'], namedBy: ana, at });
    const ask = await store().asks.create({ workspaceId, askerId: ana, communityId: grade3, text: 'Ana needs ideas', whenSuits: 'mornings', urgency: 'today', answerBy, at });
    await store().asks.take(ask.id, ben, hoursOn(2));
    await store().asks.saveFollowUp(ask.id, ana, 'It helped', hoursOn(200));

    const asker = await store().dataRights.memberData(ana);
    expect(asker.mentoring).toEqual({
      mentor: null,
      asks: [{ text: 'Ana needs ideas', whenSuits: 'mornings', urgency: 'today', status: 'taken', askedAt: at, takenAt: hoursOn(2), followUp: 'It helped' }],
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
