import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { createDriver } from '../helpers/driver.js';
import { whereItAppears } from '../helpers/find-text.js';
import { visitRepoPromises } from '../helpers/visit-promises.js';
import { buttonAction, dmsTo } from '../helpers/recording-chat.js';

// Classroom visits through the core on the real database: asked, accepted, reminded the school day
// before and sent the noticing form an hour after, all from the outbox on the test clock; the notes
// reach the observed teacher only, never a channel, a digest or the admin export; a decline and a
// cancel stop what was planned.

// Tuesday 3 March 2026, 09:00 in Chicago (the driver's zone).
const TUESDAY = new Date('2026-03-03T15:00:00Z');
const CANARY = 'canary-noticed-7731';

const action = buttonAction;

describe.each(testDatabaseKinds)('classroom visits, on %s', (kind) => {
  let database: OpenDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await database?.close();
  });

  async function school() {
    const bot = createDriver(createStore(database.db), { now: TUESDAY });
    // ana speaks first, so she is the console's admin; the circle is where a leak would show.
    await bot.as('ana').say('setup Grade 3');
    for (const person of ['ben', 'cal']) await bot.as(person).say('help');
    bot.chat.take();
    return bot;
  }

  it('runs end to end: request, yes, reminders, the noticing form, notes to the observed teacher alone, and their reflection', async () => {
    const bot = await school();
    await bot.as('ben', 'D-ben').say(`invite <@cal|cal> thu 10:00 exit tickets`);
    const asked = bot.chat.take();
    expect(asked.find((s) => s.kind === 'ephemeral')).toMatchObject({
      message: { text: 'I have asked cal privately about Thu 5 Mar, 10:00 (your time). I will tell you their answer.' },
    });
    const request = dmsTo(asked, 'cal')[0];
    expect(request?.text).toBe('ben would like you to come and watch their lesson on Thu 5 Mar, 10:00 (your time).');
    expect(request?.sections?.[0]).toBe('What you might look at together: exit tickets');

    await bot.as('cal', 'D-cal').press(action(request, "Yes, I'll come"));
    const answered = bot.chat.take();
    expect(dmsTo(answered, 'ben')[0]?.text).toBe('cal said yes: Thu 5 Mar, 10:00 (your time).');
    expect(dmsTo(answered, 'cal')[0]?.text).toBe('Thank you: ben is told. Thu 5 Mar, 10:00 (your time) it is.');
    // A second press of the same answer changes nothing.
    await bot.as('cal', 'D-cal').press(action(request, 'Not this time'));
    expect(bot.chat.take().at(-1)).toMatchObject({
      kind: 'ephemeral',
      message: { text: 'This visit has moved on already (answered, cancelled or done), so nothing was changed.' },
    });

    // Wednesday 15:00 in Chicago: the reminder to each.
    bot.advance(30 * 60 - 1);
    await deliverNow(database, { now: bot.now, chatFor: async () => bot.chat });
    expect(bot.chat.take()).toEqual([]);
    bot.advance(1);
    await deliverNow(database, { now: bot.now, chatFor: async () => bot.chat });
    const reminders = bot.chat.take();
    expect(dmsTo(reminders, 'cal')[0]?.text).toBe(
      "A reminder: you are watching ben's lesson on Thu 5 Mar, 10:00 (your time).",
    );
    expect(dmsTo(reminders, 'ben')[0]?.text).toBe(
      'A reminder: cal comes to watch your lesson on Thu 5 Mar, 10:00 (your time).',
    );

    // Thursday 11:00 in Chicago, an hour after the lesson began: the form, to cal only.
    bot.advance(20 * 60);
    await deliverNow(database, { now: bot.now, chatFor: async () => bot.chat });
    const noticing = bot.chat.take();
    expect(noticing.map((s) => (s.kind === 'dm' ? s.to.user : s.kind))).toEqual(['cal']);
    await bot.as('cal', 'D-cal').press(action(dmsTo(noticing, 'cal')[0], 'Write what you noticed'));
    const form = bot.chat.take()[0];
    expect(form?.kind === 'form' && form.form.fields.map((f) => f.label)).toEqual([
      'What did you notice about exit tickets? What did students say or do?',
      'What do you wonder about exit tickets after watching?',
      'What might you try in your own classroom, and what would you like to ask them?',
    ]);
    const context = form?.kind === 'form' ? form.form.context : {};
    // ben cannot write notes on his own lesson.
    await bot.as('ben', 'D-ben').submit({ kind: 'visit-notes', context, values: { noticed: 'forged notes' } });
    await bot.as('cal', 'D-cal').submit({
      kind: 'visit-notes',
      context,
      values: { noticed: `I noticed ${CANARY}`, wondered: 'I wonder how you sort them', next: '' },
    });
    const delivered = bot.chat.take();
    const toBen = dmsTo(delivered, 'ben');
    expect(toBen[0]?.text).toBe('cal wrote down what they noticed in your lesson. These notes are for you alone.');
    expect(toBen[0]?.sections?.[0]).toBe(
      `What did you notice about exit tickets? What did students say or do?\nI noticed ${CANARY}`,
    );
    expect(toBen[1]?.text).toBe(
      'Reading what your colleague noticed, what stands out to you, and what might you try next?',
    );
    expect(JSON.stringify(delivered.filter((s) => !(s.kind === 'dm' && s.to.user === 'ben')))).not.toContain(CANARY);

    await bot.as('ben', 'D-ben').press(action(toBen[1], 'Reflect'));
    const reflection = bot.chat.take()[0];
    await bot.as('ben', 'D-ben').submit({
      kind: 'visit-reflection',
      context: reflection?.kind === 'form' ? reflection.form.context : {},
      values: { text: 'reflection-5512 sort them by need' },
    });
    expect(await whereItAppears(database, 'reflection-5512')).toEqual({ 'visits.reflection': 1 });
    // Stored once, in the visit: no outbox payload holds the notes.
    expect(await whereItAppears(database, CANARY)).toEqual({ 'visits.notes': 1 });

    // The privacy canary: the circle, the digest and the admin export never carry the notes.
    await bot.as('ana').say('status');
    await bot.as('ana', 'D-ana').say('digest');
    await bot.as('ana', 'D-ana').say('export workspace');
    await bot.as('ana', 'D-ana').say('visits');
    const elsewhere = bot.chat.take();
    expect(elsewhere.length).toBeGreaterThan(3);
    expect(JSON.stringify(elsewhere)).not.toContain(CANARY);
    expect(JSON.stringify(elsewhere)).not.toContain('reflection-5512');
    // ben's own export has both.
    await bot.as('ben', 'D-ben').say('export');
    expect(JSON.stringify(bot.chat.take())).toContain(CANARY);
  });

  it('stops what was planned after a decline or a cancel, and tells the other person of a cancel', async () => {
    const bot = await school();
    await bot.as('ben', 'D-ben').say('visit <@cal|cal> thu 10:00');
    await bot.as('cal', 'D-cal').press(action(dmsTo(bot.chat.take(), 'cal')[0], 'Not this time'));
    const declined = bot.chat.take();
    expect(dmsTo(declined, 'ben')[0]?.text).toBe("cal can't make Thu 5 Mar, 10:00 (your time) this time.");

    await bot.as('ben', 'D-ben').say('model <@cal|cal> fri 9:00am');
    await bot.as('cal', 'D-cal').press(action(dmsTo(bot.chat.take(), 'cal')[0], "Yes, I'll come"));
    const accepted = dmsTo(bot.chat.take(), 'ben')[0];
    await bot.as('ben', 'D-ben').press(action(accepted, 'Cancel the visit'));
    const cancelled = bot.chat.take();
    expect(dmsTo(cancelled, 'cal')[0]?.text).toBe('ben has called off the visit on Fri 6 Mar, 09:00 (your time).');
    expect(cancelled.find((s) => s.kind === 'ephemeral')).toMatchObject({
      message: { text: 'The visit on Fri 6 Mar, 09:00 is cancelled, and the other teacher is told.' },
    });
    // cal cannot cancel it again, and nothing planned for it is sent.
    await bot.as('cal', 'D-cal').press(action(accepted, 'Cancel the visit'));
    bot.chat.take();
    bot.advance(7 * 24 * 60);
    await deliverNow(database, { now: bot.now, chatFor: async () => bot.chat });
    expect(bot.chat.take()).toEqual([]);
  });

  it("lets retention remove a visit's focus, notes and reflection once the lesson is past the period, keeping the visit", async () => {
    const store = createStore(database.db);
    const workspace = await store.workspaces.ensure({ platform: 'console', externalId: 'T9' });
    const [ben, cal] = await Promise.all([
      store.members.ensure(workspace.id, { externalId: 'ben', name: 'ben' }),
      store.members.ensure(workspace.id, { externalId: 'cal', name: 'cal' }),
    ]);
    const visit = await store.visits.create({
      workspaceId: workspace.id,
      kind: 'visit',
      requesterId: ben.id,
      peerId: cal.id,
      at: new Date('2026-03-05T16:00:00Z'),
      zone: 'America/Chicago',
      focus: 'kept-focus',
      now: TUESDAY,
    });
    expect(await store.visits.answer(visit.id, cal.id, 'accepted', TUESDAY)).toBe(true);
    expect(await store.visits.saveNotes(visit.id, cal.id, ['not the observer'], TUESDAY)).toBe(false);
    expect(await store.visits.saveNotes(visit.id, ben.id, ['kept-notes', '', ''], TUESDAY)).toBe(true);
    expect(await store.visits.saveReflection(visit.id, ben.id, 'not the observed teacher', TUESDAY)).toBe(false);
    expect(await store.visits.saveReflection(visit.id, cal.id, 'kept-reflection', TUESDAY)).toBe(true);

    // Within the default period (24 months) nothing goes; past it, the words do and the visit stays.
    expect((await store.dataRights.applyRetention(new Date('2027-03-06T00:00:00Z'))).visits).toBe(0);
    expect((await store.dataRights.applyRetention(new Date('2028-03-06T00:00:00Z'))).visits).toBe(1);
    expect(await store.visits.byId(visit.id)).toMatchObject({
      focus: null,
      notes: null,
      reflection: null,
      status: 'noted',
    });
    expect((await store.dataRights.applyRetention(new Date('2028-03-07T00:00:00Z'))).visits).toBe(0);
  });

  it("keeps the repository's promises", () => visitRepoPromises(createStore(database.db), TUESDAY));
});
