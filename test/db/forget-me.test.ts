import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receive } from '../../src/core/handle.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { createDriver } from '../helpers/driver.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { whereItAppears as findText } from '../helpers/find-text.js';

// A forgotten member is searched for in every text and JSON column of every table, not a chosen few.

describe.each(testDatabaseKinds)('forget-me on %s', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  const whereItAppears = (marker: string) => findText(database, marker);

  it('deletes every trace of the member, keeps the others, and records that it happened', async () => {
    const store = createStore(database.db);
    const now = new Date('2026-03-03T15:00:00Z');
    const bot = createDriver(store, { now });
    const zebra = bot.as('zebra-ben');
    await bot.as('ana').say('setup Grade 3');
    await bot.as('ana').say('start');
    await zebra.reply('Zebra-words in the opening check-in', 'm-z1');
    await bot.as('ana').reply('Partner reading works', 'm-a1');
    await bot.as('ana').say('next');
    await zebra.reply('A zebra reflection', 'm-z2');
    await zebra.submit({
      kind: 'goal',
      context: {},
      values: {
        specific: 'Zebra goal twice a week',
        measure: '10 zebra counts',
        dueOn: '2026-05-29',
        cadence: 'weekly',
      },
    });
    await zebra.say('progress 1 3 zebra note');
    await zebra.say('nudges thu 08:00');
    // A protocol they present: a clarifying answer in its thread and a private note while they listen.
    await bot.as('ana').say('close');
    await bot.as('ana').say('close');
    await bot.as('ana').say('start tuning Exit tickets <@zebra-ben|zebra-ben>');
    await bot.as('ana').say('next');
    await zebra.reply('Zebra-words about the unit', 'm-z3');
    await bot.as('ana').say('next');
    await bot.as('ana').say('next');
    await zebra.reply('A zebra note to myself', 'm-z4');
    await receive(
      { store, now },
      {
        platform: 'console',
        workspace: { externalId: 'T1' },
        user: { externalId: 'zebra-ben', name: 'zebra-ben' },
        channel: { id: 'C-circle', isDirect: false },
        eventId: 'command:zebra',
      },
      { kind: 'command', text: 'checkin zebra stripes' },
      { responseUrl: 'http://127.0.0.1:1/zebra' },
    );
    const [member] = (
      await sql<{ id: number }>`select id from members where external_id = 'zebra-ben'`.execute(database.db)
    ).rows;
    await outboxRepo(database.db).enqueue([
      {
        workspaceId: null,
        memberId: member?.id ?? null,
        kind: 'nudge',
        key: 'nudge:zebra',
        dueAt: now,
        payload: { memberId: member?.id, goalIds: [1] },
      },
    ]);
    expect(Object.keys(await whereItAppears('zebra')).length).toBeGreaterThan(5);

    await zebra.say('forget-me');
    const ask = bot.chat.sent.filter((s) => s.kind === 'ephemeral' && s.user === 'zebra-ben').at(-1);
    const confirm = ask?.kind === 'ephemeral' ? ask.message.buttons?.[0] : undefined;
    expect(confirm?.label).toBe('Forget me');
    await zebra.press(confirm?.action);

    expect(await whereItAppears('zebra')).toEqual({});
    expect(
      await sql`select count(*)::int as n from outbox where member_id is not null`
        .execute(database.db)
        .then((r) => r.rows),
    ).toEqual([{ n: 0 }]);
    expect(
      await sql`select action, subject, actor_member_id from audit`.execute(database.db).then((r) => r.rows),
    ).toEqual([{ action: 'member forgotten', subject: null, actor_member_id: null }]);
    // Others keep theirs; the sessions still count as having happened, the protocol without its presenter.
    expect(await sql`select text from checkins`.execute(database.db).then((r) => r.rows)).toEqual([
      { text: 'Partner reading works' },
    ]);
    expect(await sql`select count(*)::int as n from sessions`.execute(database.db).then((r) => r.rows)).toEqual([
      { n: 2 },
    ]);
    expect(await sql`select presenter_id, step from protocol_runs`.execute(database.db).then((r) => r.rows)).toEqual([
      { presenter_id: null, step: 3 },
    ]);

    // A second forget-me is harmless.
    await zebra.press(confirm?.action);
    expect(await whereItAppears('zebra')).toEqual({});
  });

  it('deletes the texts a member wrote in classroom visits, and the notes about their lessons, leaving the other teacher theirs', async () => {
    const store = createStore(database.db);
    const bot = createDriver(store, { now: new Date('2026-03-03T15:00:00Z') });
    const quagga = bot.as('quagga-ann', 'D-quagga');
    const dan = bot.as('dan', 'D-dan');
    await dan.say('help');
    await quagga.say('help');
    const lastDm = (user: string) =>
      bot.chat.sent.flatMap((s) => (s.kind === 'dm' && s.to.user === user ? [s.message] : [])).at(-1);
    const formOf = () => {
      const last = bot.chat.sent.at(-1);
      return last?.kind === 'form' ? last.form.context : {};
    };
    // quagga watches dan (her focus, her notes); dan watches quagga (his notes about her lesson, her reflection).
    await quagga.say('visit <@dan|dan> wed 10:00 quagga-focus on questioning');
    await dan.press(lastDm('dan')?.buttons?.[0]?.action);
    await dan.say('visit <@quagga-ann|quagga> thu 10:00 dan-focus-kept');
    await quagga.press(lastDm('quagga-ann')?.buttons?.[0]?.action);
    bot.advance(3 * 24 * 60);
    const [first, second] = (await sql<{ id: number }>`select id from visits order by id`.execute(database.db)).rows;
    await quagga.press({ kind: 'visit.notes', visitId: first?.id });
    await quagga.submit({ kind: 'visit-notes', context: formOf(), values: { noticed: 'quagga-notes for dan' } });
    await dan.press({ kind: 'visit.notes', visitId: second?.id });
    await dan.submit({
      kind: 'visit-notes',
      context: formOf(),
      values: { noticed: 'dan-notes about a quagga lesson' },
    });
    await quagga.press({ kind: 'visit.reflect', visitId: second?.id });
    await quagga.submit({ kind: 'visit-reflection', context: formOf(), values: { text: 'quagga-reflection' } });
    // And one still to come, which forgetting calls off.
    await dan.say('invite <@quagga-ann|quagga> fri 10:00 dan-later');
    await quagga.press(lastDm('quagga-ann')?.buttons?.[0]?.action);
    expect(Object.keys(await whereItAppears('quagga')).sort()).toEqual(
      expect.arrayContaining(['visits.focus', 'visits.notes', 'visits.reflection']),
    );

    await quagga.say('forget-me');
    await quagga.press({ kind: 'forget.confirm' });
    expect(await whereItAppears('quagga')).toEqual({});
    // dan keeps what is his: his focus and the visits themselves; he is told the one to come is off.
    expect(await sql`select focus, status from visits order by id`.execute(database.db).then((r) => r.rows)).toEqual([
      { focus: null, status: 'noted' },
      { focus: 'dan-focus-kept', status: 'noted' },
      { focus: 'dan-later', status: 'cancelled' },
    ]);
    expect(lastDm('dan')?.text).toBe('The other teacher has called off the visit on Fri 6 Mar, 10:00 (your time).');
  });
});
