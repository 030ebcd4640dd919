import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { testDatabaseKinds } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { whereItAppears } from '../helpers/find-text.js';
import { privateTo, dmsTo, stepTitles, channelSummary, useProtocolCircle } from '../helpers/protocol-circle.js';

// A protocol session over its life, on the real database: steps moved on once by racing delivery
// rounds, times scaled to a schedule, edits and deletions, a protocol left open or met by a scheduled
// slot, and its words in `export`, after `forget-me` and past the retention period.

describe.each(testDatabaseKinds)('protocol sessions over time, on %s', (kind) => {
  const { database, circle } = useProtocolCircle(kind);

  it('moves a step on once when two delivery rounds find it due together', async () => {
    const { bot, take } = await circle();
    await bot.as('ana').say('start tuning Exit tickets <@pat|pat>');
    take();
    bot.advance(10);
    await Promise.all([
      deliverNow(database(), { now: bot.now, chatFor: async () => bot.chat }),
      deliverNow(database(), { now: bot.now, chatFor: async () => bot.chat }),
    ]);
    expect(stepTitles(take())).toEqual(['Step 2 of 6: Clarifying questions']);
    const run = await sql<{ step: number }>`select step from protocol_runs`.execute(database().db);
    expect(run.rows).toEqual([{ step: 1 }]);
  });

  it("scales the steps to the schedule's length, and keeps a plain `start` as it was", async () => {
    const { bot, take } = await circle();
    await bot.as('ana').say('schedule weekly thu 15:30 90m');
    await bot.as('ana').say('start tuning Exit tickets <@pat|pat>');
    expect(stepTitles(take())).toEqual(['Step 1 of 6: Presentation']);
    await bot.as('ana').say('close');
    take();
    await bot.as('ana').say('start tuning');
    expect(privateTo(take(), 'ana')[0]?.text).toMatch(/^Name the presenter last, with an @mention/);
    await bot.as('ana').say('start Small-group reading');
    expect(take().find((s) => s.kind === 'reply')?.message.text).toMatch(/^Opening check-in: what's working\?/);
    const runs = await sql<{ minutes: string }>`select minutes from protocol_runs`.execute(database().db);
    expect(runs.rows).toEqual([{ minutes: '15,8,3,23,15,15' }]);
  });

  it('gives writers their protocol replies in `export`, and forgets them everywhere with `forget-me`', async () => {
    const { bot, take } = await circle();
    await bot.as('ana').say('start tuning Exit tickets <@pat|pat>');
    await bot.as('ana').say('next');
    await bot.as('ana').say('next');
    await bot.as('ana').say('next');
    await bot.as('ben').reply('warm: marker-8841 lovely routines');
    await bot.as('pat').reply('marker-8842 my own note');
    take();
    await bot.as('pat').say('export');
    const files = take().find((s) => s.kind === 'files');
    if (files?.kind !== 'files') throw new Error('no export');
    const json = files.files[0]?.content ?? '';
    expect(json).toContain('marker-8842');
    expect(json).not.toContain('marker-8841');

    expect(Object.keys(await whereItAppears(database(), 'marker-8841'))).toEqual(['protocol_entries.text']);
    await bot.as('ben', 'D-ben').press({ kind: 'forget.confirm' });
    await bot.as('pat', 'D-pat').press({ kind: 'forget.confirm' });
    expect(await whereItAppears(database(), 'marker-8841')).toEqual({});
    expect(await whereItAppears(database(), 'marker-8842')).toEqual({});
    // The protocol goes on without its presenter, and ends with no one to send a summary to.
    await bot.as('ana').say('close');
    const closing = take();
    expect(closing.filter((s) => s.kind === 'dm')).toEqual([]);
    expect(channelSummary(closing)?.sections?.at(-1)).toMatch(/^the presenter has the questions/);
  });

  it('closes a protocol left open after a day, with its summaries', async () => {
    const { bot, take } = await circle();
    await bot.as('ana').say('start tuning Exit tickets <@pat|pat>');
    await bot.as('ana').say('next');
    await bot.as('ben').reply('What grade is this?');
    take();
    bot.advance(24 * 60 + 1);
    const store = createStore(database().db);
    await planDue({ store, now: bot.now });
    // However many rounds run, it closes once.
    for (let round = 0; round < 3; round++)
      await deliverNow(database(), { now: bot.now, chatFor: async () => bot.chat });
    const sent = take();
    expect(sent.filter((s) => s.kind === 'reply' && s.message.text.startsWith('Protocol summary'))).toHaveLength(1);
    expect(dmsTo(sent, 'pat')).toHaveLength(1);
    expect(await sql<{ phase: string }>`select phase from sessions`.execute(database().db).then((r) => r.rows)).toEqual(
      [{ phase: 'closed' }],
    );
  });

  it("follows its writer's edits and deletions: an edit can sort feedback, a deleted reply reaches no one", async () => {
    const { bot, take } = await circle();
    await bot.as('ana').say('start tuning Exit tickets <@pat|pat>');
    for (let i = 0; i < 3; i++) await bot.as('ana').say('next');
    await bot.as('ben').reply('I noticed the quiet ones wrote more', 'm-1');
    await bot.as('cal').reply('cool: deleted-canary too many tickets', 'm-2');
    await bot.as('ben').edit('m-1', 'warm: I noticed the quiet ones wrote more, and better');
    await bot.as('cal').remove('m-2');
    take();
    await bot.as('ana').say('close');
    const [presenter] = dmsTo(take(), 'pat');
    expect(presenter?.sections).toEqual([
      'Warm feedback (what is working and promising):\n• ben: I noticed the quiet ones wrote more, and better',
    ]);
    expect(await whereItAppears(database(), 'deleted-canary')).toEqual({});
  });

  it('is left alone by the schedule: a scheduled slot does not move or close a protocol under way', async () => {
    const { bot, take, timed } = await circle();
    await bot.as('ana').say('schedule weekly tue 10:00 60m');
    await bot.as('ana').say('start tuning Exit tickets <@pat|pat>');
    await bot.as('ana').say('protocol times 120 5 2 15 10 10');
    take();
    const store = createStore(database().db);
    for (const minutes of [61, 20, 25, 13]) {
      bot.advance(minutes);
      await planDue({ store, now: bot.now });
      await timed();
    }
    const sent = take();
    expect(
      sent
        .map((s) => ('message' in s ? s.message.text : ''))
        .filter((t) => /^(Reflection|Closing check-in|Session summary|Opening check-in)/.test(t)),
    ).toEqual([]);
    expect(
      await sql<{
        phase: string;
        step: number;
      }>`select s.phase, r.step from sessions s join protocol_runs r on r.session_id = s.id`
        .execute(database().db)
        .then((r) => r.rows),
    ).toEqual([{ phase: 'opening', step: 0 }]);
    // At the slot's end its own time moves it on, and the scheduled summary is not posted.
    bot.advance(1);
    await planDue({ store, now: bot.now });
    await timed();
    const atEnd = take();
    expect(stepTitles(atEnd)).toEqual(['Step 2 of 6: Clarifying questions']);
    expect(atEnd.filter((s) => 'message' in s && s.message.text.startsWith('Session summary'))).toEqual([]);
  });

  it('lets protocol replies go with the retention period, and keeps younger ones', async () => {
    const { bot, take } = await circle();
    await bot.as('ana').say('retention 1');
    await bot.as('ana').say('start tuning Exit tickets <@pat|pat>');
    await bot.as('ana').say('next');
    await bot.as('ben').reply('old-canary How long did it run?');
    await bot.as('ana').say('close');
    bot.advance(20 * 24 * 60);
    // In the console, speaking in a channel is what keeps one in it.
    for (const person of ['pat', 'ben']) await bot.as(person).say('help');
    await bot.as('ana').say('start tuning Exit tickets again <@pat|pat>');
    await bot.as('ana').say('next');
    await bot.as('ben').reply('young-canary Which class?');
    take();
    await createStore(database().db).dataRights.applyRetention(new Date(bot.now.getTime() + 15 * 24 * 3600_000));
    expect(await whereItAppears(database(), 'old-canary')).toEqual({});
    expect(Object.keys(await whereItAppears(database(), 'young-canary'))).toEqual(['protocol_entries.text']);
  });
});
