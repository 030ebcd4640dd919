import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../helpers/databases.js';
import { answerBy, at, hoursOn, useMentoringDatabase } from '../helpers/mentoring-people.js';

// Mentors, asks and the offers between them, on a real database: naming mentors, offering, answering
// and taking asks, the counts a mentor sees, and follow-ups. The races are settled by the database.

describe.each(testDatabaseKinds)('mentors and asks on %s', (kind) => {
  const { store, other, rows, people, newAsk } = useMentoringDatabase(kind);

  it('names a mentor, returns what they were before, and never lets a facilitator narrow an admin naming', async () => {
    const { workspaceId, ids, grade3, grade4 } = await people('ana', 'ben', 'cho');
    const [ana, ben, cho] = ids as [number, number, number];
    const named = await store().mentors.upsert({
      workspaceId,
      memberId: ben,
      communityId: grade3,
      topics: ['phonics', 'google classroom'],
      namedBy: ana,
      at,
    });
    expect(named).toEqual({
      mentor: {
        memberId: ben,
        workspaceId,
        communityId: grade3,
        topics: ['phonics', 'google classroom'],
        perWeek: 2,
        awayUntil: null,
        since: at,
      },
      before: null,
    });
    // Another circle's facilitator moves a circle mentor to theirs; an admin widens them to the workspace.
    const moved = await store().mentors.upsert({
      workspaceId,
      memberId: ben,
      communityId: grade4,
      topics: ['phonics'],
      namedBy: cho,
      at: hoursOn(1),
    });
    expect(moved.before).toEqual(named.mentor);
    expect(moved.mentor).toMatchObject({ communityId: grade4, topics: ['phonics'], since: at });
    const widened = await store().mentors.upsert({
      workspaceId,
      memberId: ben,
      communityId: null,
      topics: ['phonics', 'maths'],
      namedBy: ana,
      at: hoursOn(2),
    });
    expect(widened.before?.communityId).toBe(grade4);
    expect(widened.mentor.communityId).toBeNull();
    // A facilitator naming a workspace mentor changes their topics but keeps them the workspace's.
    expect(await store().mentors.setPerWeek(workspaceId, ben, 5)).toBe(true);
    const kept = await store().mentors.upsert({
      workspaceId,
      memberId: ben,
      communityId: grade3,
      topics: ['maths'],
      namedBy: cho,
      at: hoursOn(3),
    });
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
      [store(), other()].map((s, i) =>
        s.mentors.upsert({ workspaceId, memberId: ben, communityId: null, topics: [`topic ${i}`], namedBy: ana, at }),
      ),
    );
    expect(namings.filter((n) => n.before === null)).toHaveLength(1);
    expect(await rows(`select count(*)::int as n from mentors`)).toEqual([{ n: 1 }]);
  });

  it('lists mentors by their current names, and sets away, per week and removal only for mentors', async () => {
    const { workspaceId, ids, grade3 } = await people('ana', 'ben', 'cho');
    const [ana, ben, cho] = ids as [number, number, number];
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
    expect(ask).toMatchObject({
      askerId: ana,
      status: 'open',
      passes: 0,
      helperId: null,
      takenAt: null,
      followUp: null,
      answerBy,
      createdAt: at,
      urgency: 'this-week',
    });
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
    const answers = await Promise.all([
      store().asks.answerOffer(offer.id, ben, 'pass', hoursOn(1)),
      other().asks.answerOffer(offer.id, ben, 'pass', hoursOn(1)),
    ]);
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
    const takes = await Promise.all([
      store().asks.take(ask.id, ben, hoursOn(1)),
      other().asks.take(ask.id, cho, hoursOn(1)),
    ]);
    expect(takes.filter(Boolean)).toHaveLength(1);
    const winner = takes[0] ? ben : cho;
    expect(await store().asks.byId(ask.id)).toMatchObject({ status: 'taken', helperId: winner, takenAt: hoursOn(1) });
    expect(await store().asks.markUnanswered(ask.id, hoursOn(2))).toBe(false);

    const late = await newAsk(workspaceId, ana);
    const marks = await Promise.all([
      store().asks.markUnanswered(late.id, answerBy),
      other().asks.markUnanswered(late.id, answerBy),
    ]);
    expect(marks.sort()).toEqual([false, true]);
    expect((await store().asks.byId(late.id))?.status).toBe('unanswered');
    // A facilitator takes it after no mentor could; then nobody else can.
    expect(await store().asks.take(late.id, cho, hoursOn(50))).toBe(true);
    expect(await store().asks.take(late.id, ben, hoursOn(51))).toBe(false);
    expect(await store().asks.take(999_999, ben, hoursOn(51))).toBe(false);
  });

  it("counts each mentor's waiting offers and asks taken, this week and ever, and lists what waits for them", async () => {
    const { workspaceId, ids } = await people('ana', 'ben', 'cho', 'dee');
    const [ana, ben, cho, dee] = ids as [number, number, number, number];
    for (const mentor of [ben, cho, dee])
      await store().mentors.upsert({
        workspaceId,
        memberId: mentor,
        communityId: null,
        topics: ['phonics'],
        namedBy: ana,
        at,
      });
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
});
