import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action, Message } from '../../src/core/messages.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { createDriver } from '../helpers/driver.js';
import { whereItAppears } from '../helpers/find-text.js';
import type { Sent } from '../helpers/recording-chat.js';

// Protocol sessions through the core on the real database: steps posted in order, each ending by
// itself when a delivery round finds its time up (once, however many rounds run), warm and cool
// feedback grouped for the presenter, the presenter's notes private, their summary by DM only, and
// the feedback's words in no channel post, export of the admin, digest or anything after forget-me.

const TUESDAY = new Date('2026-03-03T15:00:00Z');

const inThread = (sent: Sent[]): string[] => sent.flatMap((s) => (s.kind === 'reply' ? [s.message.text] : []));
const privateTo = (sent: Sent[], user: string): Message[] => sent.flatMap((s) => (s.kind === 'ephemeral' && s.user === user ? [s.message] : []));
const dmsTo = (sent: Sent[], user: string): Message[] => sent.flatMap((s) => (s.kind === 'dm' && s.to.user === user ? [s.message] : []));
/** Everything the bot showed where more than one person can read it: channel posts, thread posts, redraws. */
const shownToTheChannel = (sent: Sent[]): string =>
  sent
    .flatMap((s) => (s.kind === 'post' || s.kind === 'reply' || s.kind === 'update' ? [[s.message.text, ...(s.message.sections ?? [])].join('\n')] : []))
    .join('\n');
const stepTitles = (sent: Sent[]) => inThread(sent).flatMap((text) => (/^Step \d of \d: [^(]+/.exec(text)?.[0].trim() ?? []));
/** The protocol's summary in the thread. */
const channelSummary = (sent: Sent[]): Message | undefined => sent.flatMap((s) => (s.kind === 'reply' && s.message.text.startsWith('Protocol summary') ? [s.message] : []))[0];
const button = (message: Message | undefined, label: string): Action => {
  const found = message?.buttons?.find((b) => b.label === label);
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(message)}`);
  return found.action;
};

describe.each(testDatabaseKinds)('protocol sessions, on %s', (kind) => {
  let database: OpenDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await database?.close();
  });

  /** ana facilitates Grade 3; pat presents; ben and cal are critical friends. */
  async function circle() {
    const bot = createDriver(createStore(database.db), { now: TUESDAY });
    await bot.as('ana').say('setup Grade 3');
    for (const person of ['pat', 'ben', 'cal']) await bot.as(person).say('help');
    bot.chat.take();
    const all: Sent[] = [];
    const take = () => {
      const sent = bot.chat.take();
      all.push(...sent);
      return sent;
    };
    const timed = () => deliverNow(database, { now: bot.now, chatFor: async () => bot.chat });
    return { bot, take, all, timed };
  }

  it('runs a tuning protocol: timed steps, warm and cool feedback grouped, the presenter listening, their summary by DM only', async () => {
    const { bot, take, all, timed } = await circle();
    await bot.as('ana').say('start tuning Persuasive writing unit <@pat|pat>');
    let sent = take();
    expect(sent.find((s) => s.kind === 'post')?.message.text).toBe(
      'Tuning protocol in Grade 3: Persuasive writing unit\nPresenter: pat. Now: Presentation (step 1 of 6, 10 minutes, until 09:10). Replies go in this thread.',
    );
    expect(stepTitles(sent)).toEqual(['Step 1 of 6: Presentation']);

    await bot.as('pat').reply('Here is my unit plan and a sample of student essays.');
    // Not yet: the presentation has ten minutes.
    bot.advance(9);
    await timed();
    expect(stepTitles(take())).toEqual([]);
    bot.advance(1);
    await timed();
    sent = take();
    expect(stepTitles(sent)).toEqual(['Step 2 of 6: Clarifying questions']);
    expect(sent.find((s) => s.kind === 'update')?.message.text).toContain('Now: Clarifying questions (step 2 of 6, 5 minutes, until 09:15)');

    await bot.as('ben').reply('How long did the unit run?');
    expect(privateTo(take(), 'ben').map((m) => m.text)).toEqual(["Thanks: your question is kept for the presenter's summary."]);
    // The presenter's answer is an answer, not a question.
    await bot.as('pat').reply('It ran three weeks.');
    expect(privateTo(take(), 'pat')).toEqual([]);
    bot.advance(5);
    await timed();
    expect(stepTitles(take())).toEqual(['Step 3 of 6: Pause']);
    // The facilitator moves on before the pause is up; the pause's own timer then finds nothing to do.
    await bot.as('ana').say('next');
    expect(stepTitles(take())).toEqual(['Step 4 of 6: Warm and cool feedback']);
    bot.advance(2);
    await timed();
    expect(stepTitles(take())).toEqual([]);

    await bot.as('ben').reply('warm: I noticed canary-warm-1 the students argued with evidence');
    await bot.as('cal').reply('Cool: I wonder canary-cool-2 what if they wrote for a real audience?');
    await bot.as('cal').reply('What if canary-unsure-3 peers scored each other first?');
    sent = take();
    const asked = privateTo(sent, 'cal').at(-1);
    expect(asked?.text).toMatch(/^Thanks for your feedback. Is it warm/);
    // Only its writer may sort it.
    await bot.as('ben').press(button(asked, 'Cool'));
    expect(privateTo(take(), 'ben').map((m) => m.text)).toEqual(['That button or form does not belong here, so nothing was changed.']);
    await bot.as('cal').press(button(asked, 'Cool'));
    expect(privateTo(take(), 'cal').map((m) => m.text)).toEqual(["Thanks: kept as cool feedback for the presenter's summary."]);

    // The presenter listens: their words are kept as notes, and they are reminded once.
    await bot.as('pat').reply('Note to self: canary-note-4 try a real audience');
    await bot.as('pat').reply('And canary-note-5 ask the librarian');
    expect(privateTo(take(), 'pat').map((m) => m.text)).toEqual([
      'You are listening during "Warm and cool feedback", so what you write now is kept as a private note for you: it is in your summary at the end and no one else\'s. You will have time to respond in the next step.',
    ]);

    await bot.as('ana', 'D-ana').home();
    const home = take().find((s) => s.kind === 'home');
    expect(home?.kind === 'home' ? home.message.sections : []).toEqual(
      expect.arrayContaining(['Your communities\n• Grade 3 (you facilitate): tuning protocol under way: Warm and cool feedback, in its thread', expect.stringMatching(/^Critical friends: `start tuning <topic> @presenter`/)]),
    );
    // No "share what's working" button for a protocol: its replies go in its thread.
    expect(home?.kind === 'home' ? home.message.buttons?.map((b) => b.label) : []).toEqual(['Set a goal']);
    await bot.as('cal').say('status');
    expect(privateTo(take(), 'cal')[0]?.sections?.[0]).toBe(
      'Tuning protocol under way: Persuasive writing unit, presented by pat, now in Warm and cool feedback (step 4 of 6). Replies go in its thread.',
    );

    // Facilitators can change the times: the feedback step now ends 5 minutes after it began.
    await bot.as('ana').say('protocol times 10 5 2 5 10 10');
    take();
    bot.advance(5);
    await timed();
    expect(stepTitles(take())).toEqual(['Step 5 of 6: Presenter reflection']);
    await bot.as('pat').reply('I will try a real audience next week.');
    bot.advance(10);
    await timed();
    expect(stepTitles(take())).toEqual(['Step 6 of 6: Debrief']);
    await bot.as('ben').reply('The pause helped me think.');
    bot.advance(10);
    await timed();
    sent = take();

    const summary = channelSummary(sent);
    expect(summary?.text).toBe(
      'Protocol summary: Tuning protocol in Grade 3: Persuasive writing unit\n3 participants · 1 clarifying question · 1 piece of warm feedback · 2 pieces of cool feedback',
    );
    expect(summary?.sections?.[0]).toBe('Debrief:\n• ben: The pause helped me think.');
    const [presenter] = dmsTo(sent, 'pat');
    expect(presenter?.sections).toEqual([
      'Clarifying questions:\n• ben: How long did the unit run?',
      'Warm feedback (what is working and promising):\n• ben: I noticed canary-warm-1 the students argued with evidence',
      'Cool feedback (questions and possibilities to stretch the work):\n• cal: I wonder canary-cool-2 what if they wrote for a real audience?\n• cal: What if canary-unsure-3 peers scored each other first?',
      'Your own notes, seen by no one else:\n• Note to self: canary-note-4 try a real audience\n• And canary-note-5 ask the librarian',
    ]);
    expect(sent.filter((s) => s.kind === 'dm')).toHaveLength(1);

    // The canary: no feedback or note is in anything the bot showed the channel.
    const shown = shownToTheChannel(all);
    for (const canary of ['canary-warm-1', 'canary-cool-2', 'canary-unsure-3', 'canary-note-4', 'canary-note-5']) expect(shown).not.toContain(canary);
    // ... nor in the admin's digest preview or workspace export.
    await bot.as('ana', 'D-ana').say('digest');
    await bot.as('ana', 'D-ana').say('export workspace');
    const adminSees = JSON.stringify(take());
    expect(adminSees).not.toMatch(/canary-/);

    // The session is over: `next` and late replies change nothing.
    await bot.as('ana').say('next');
    expect(privateTo(take(), 'ana').map((m) => m.text)).toEqual(['Grade 3 has no open session. A facilitator can open one with `start [topic]`.']);
  });

  it('runs a consultancy protocol: the presenter only listens in the discussion, and their notes go to them alone', async () => {
    const { bot, take, all, timed } = await circle();
    await bot.as('ana').say('start consultancy Getting quiet students talking <@pat|pat>');
    await bot.as('ana').say('next');
    await bot.as('ben').reply('Which class is this?');
    await bot.as('ana').say('next');
    await bot.as('cal').reply('What would success look like for you?');
    take();
    bot.advance(10);
    await timed();
    expect(stepTitles(take())).toEqual(['Step 4 of 6: Discussion']);
    await bot.as('ben').reply('I wonder whether think-pair-share would help.');
    await bot.as('pat').reply('canary-consult-note I could try talk partners');
    expect(privateTo(take(), 'pat').map((m) => m.text)).toEqual([expect.stringMatching(/^You are listening during "Discussion"/)]);
    // The Next button carries the step it was drawn for: a stale press changes nothing.
    const root = all.filter((s) => s.kind === 'update' || s.kind === 'post').at(-1)?.message;
    await bot.as('ana').press(button(root, 'Next step'));
    await bot.as('ana').press(button(root, 'Next step'));
    const sent = take();
    expect(stepTitles(sent)).toEqual(["Step 5 of 6: Presenter's response"]);
    expect(privateTo(sent, 'ana').map((m) => m.text)).toEqual(['This session has moved on already, so nothing was changed.']);
    await bot.as('ana').say('close');
    const closing = take();
    const [presenter] = dmsTo(closing, 'pat');
    expect(presenter?.sections).toEqual([
      'Clarifying questions:\n• ben: Which class is this?',
      'Probing questions:\n• cal: What would success look like for you?',
      'Your own notes, seen by no one else:\n• canary-consult-note I could try talk partners',
    ]);
    expect(channelSummary(closing)?.text).toContain('1 clarifying question · 1 probing question');
    expect(shownToTheChannel([...all, ...closing])).not.toContain('canary-consult-note');
  });

  it('moves a step on once when two delivery rounds find it due together', async () => {
    const { bot, take } = await circle();
    await bot.as('ana').say('start tuning Exit tickets <@pat|pat>');
    take();
    bot.advance(10);
    await Promise.all([deliverNow(database, { now: bot.now, chatFor: async () => bot.chat }), deliverNow(database, { now: bot.now, chatFor: async () => bot.chat })]);
    expect(stepTitles(take())).toEqual(['Step 2 of 6: Clarifying questions']);
    const run = await sql<{ step: number }>`select step from protocol_runs`.execute(database.db);
    expect(run.rows).toEqual([{ step: 1 }]);
  });

  it('scales the steps to the schedule\'s length, and keeps a plain `start` as it was', async () => {
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
    const runs = await sql<{ minutes: string }>`select minutes from protocol_runs`.execute(database.db);
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

    expect(Object.keys(await whereItAppears(database, 'marker-8841'))).toEqual(['protocol_entries.text']);
    await bot.as('ben', 'D-ben').press({ kind: 'forget.confirm' });
    await bot.as('pat', 'D-pat').press({ kind: 'forget.confirm' });
    expect(await whereItAppears(database, 'marker-8841')).toEqual({});
    expect(await whereItAppears(database, 'marker-8842')).toEqual({});
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
    const store = createStore(database.db);
    await planDue({ store, now: bot.now });
    // However many rounds run, it closes once.
    for (let round = 0; round < 3; round++) await deliverNow(database, { now: bot.now, chatFor: async () => bot.chat });
    const sent = take();
    expect(sent.filter((s) => s.kind === 'reply' && s.message.text.startsWith('Protocol summary'))).toHaveLength(1);
    expect(dmsTo(sent, 'pat')).toHaveLength(1);
    expect(await sql<{ phase: string }>`select phase from sessions`.execute(database.db).then((r) => r.rows)).toEqual([{ phase: 'closed' }]);
  });

  it('follows its writer\'s edits and deletions: an edit can sort feedback, a deleted reply reaches no one', async () => {
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
    expect(presenter?.sections).toEqual(['Warm feedback (what is working and promising):\n• ben: I noticed the quiet ones wrote more, and better']);
    expect(await whereItAppears(database, 'deleted-canary')).toEqual({});
  });

  it('is left alone by the schedule: a scheduled slot does not move or close a protocol under way', async () => {
    const { bot, take, timed } = await circle();
    await bot.as('ana').say('schedule weekly tue 10:00 60m');
    await bot.as('ana').say('start tuning Exit tickets <@pat|pat>');
    await bot.as('ana').say('protocol times 120 5 2 15 10 10');
    take();
    const store = createStore(database.db);
    for (const minutes of [61, 20, 25, 13]) {
      bot.advance(minutes);
      await planDue({ store, now: bot.now });
      await timed();
    }
    const sent = take();
    expect(sent.map((s) => ('message' in s ? s.message.text : '')).filter((t) => /^(Reflection|Closing check-in|Session summary|Opening check-in)/.test(t))).toEqual([]);
    expect(await sql<{ phase: string; step: number }>`select s.phase, r.step from sessions s join protocol_runs r on r.session_id = s.id`.execute(database.db).then((r) => r.rows)).toEqual([{ phase: 'opening', step: 0 }]);
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
    await createStore(database.db).dataRights.applyRetention(new Date(bot.now.getTime() + 15 * 24 * 3600_000));
    expect(await whereItAppears(database, 'old-canary')).toEqual({});
    expect(Object.keys(await whereItAppears(database, 'young-canary'))).toEqual(['protocol_entries.text']);
  });
});
