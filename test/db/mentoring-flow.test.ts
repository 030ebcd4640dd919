import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action, Button, Message } from '../../src/core/messages.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { createDriver } from '../helpers/driver.js';
import { whereItAppears } from '../helpers/find-text.js';
import type { Sent } from '../helpers/recording-chat.js';

// Asks from start to end through the core, on the real database: matched by topic, passed once,
// taken by the second mentor, introduced privately, followed up a week later; escalated without
// its words after two passes or two school days; and forgotten everywhere with its asker.

const TUESDAY = new Date('2026-03-03T15:00:00Z');
const DAY = 24 * 60;

const dmsTo = (sent: Sent[], user: string): Message[] =>
  sent.flatMap((s) => (s.kind === 'dm' && s.to.user === user ? [s.message] : []));
const privateTo = (sent: Sent[], user: string): string[] =>
  sent.flatMap((s) => (s.kind === 'ephemeral' && s.user === user ? [s.message.text] : []));
const introductions = (sent: Sent[]) => sent.flatMap((s) => (s.kind === 'introduce' ? [s] : []));
const button = (message: Message | undefined, label: string): Action => {
  const found = message?.buttons?.find((b: Button) => b.label === label);
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(message)}`);
  return found.action;
};

describe.each(testDatabaseKinds)('asking a mentor, on %s', (kind) => {
  let database: OpenDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await database?.close();
  });

  /** ana sets up the circle (and, speaking first, is the console's admin); ben, cal, dee mentor; tia teaches. */
  async function school() {
    const bot = createDriver(createStore(database.db), { now: TUESDAY });
    await bot.as('ana').say('setup Grade 3');
    for (const person of ['ben', 'cal', 'dee', 'tia']) await bot.as(person).say('help');
    await bot.as('ana', 'D-ana').say('mentor add <@ben|ben> google classroom, grade 3 literacy');
    await bot.as('ana', 'D-ana').say('mentor add <@cal|cal> behaviour');
    await bot.as('ana', 'D-ana').say('mentor add <@dee|dee> google classroom');
    const sent = bot.chat.take();
    const timed = () => deliverNow(database, { now: bot.now, chatFor: async () => bot.chat });
    return { bot, sent, timed };
  }

  it('offers the best fit, passes on quietly, introduces the one who takes it, and follows up a week later', async () => {
    const { bot, sent: naming, timed } = await school();
    expect(privateTo(naming, 'ana')[0]).toBe(
      'ben now mentors for everyone here, on: google classroom, grade 3 literacy. I have told them what that means.',
    );
    expect(dmsTo(naming, 'ben')[0]?.text).toBe(
      'You are now a mentor here, named by ana: colleagues can ask you for one-on-one help on "google classroom" and "grade 3 literacy".',
    );

    // The home page says how to ask, and tells a mentor where they stand.
    await bot.as('tia', 'D-tia').home();
    await bot.as('ben', 'D-ben').home();
    const pages = bot.chat
      .take()
      .flatMap((s) =>
        s.kind === 'home' ? [s.message.sections?.find((line) => line.startsWith('One-on-one help'))] : [],
      );
    expect(pages).toEqual([
      'One-on-one help: `ask <what you need>` introduces you privately to a mentor whose topics fit (3 mentors here; `mentors` lists them).',
      'One-on-one help: `ask <what you need>` introduces you privately to a mentor whose topics fit (3 mentors here; `mentors` lists them).\nYou mentor on: google classroom, grade 3 literacy, up to 2 asks a week.',
    ]);
    await bot.as('tia').say('mentors');
    expect(privateTo(bot.chat.take(), 'tia')).toEqual(['Mentors (3):']);

    await bot.as('tia').say('ask setting up Google Classroom assignments for my grade 3 class');
    let sent = bot.chat.take();
    expect(privateTo(sent, 'tia')).toEqual([
      'Thank you for asking. I have passed your ask to a mentor whose topics fit; only they see your words.',
    ]);
    const offer = dmsTo(sent, 'ben')[0];
    expect(offer?.text).toBe(
      'tia would like some one-on-one help from a mentor. It touches on "google classroom" and "grade 3 literacy", which you offered to help with.',
    );
    expect(offer?.sections?.[0]).toBe('What they need: setting up Google Classroom assignments for my grade 3 class');
    expect(dmsTo(sent, 'dee')).toEqual([]);
    // Nothing in the channel, nothing to anyone else.
    expect(sent.filter((s) => s.kind === 'post' || s.kind === 'reply')).toEqual([]);

    await bot.as('ben', 'D-ben').press(button(offer, 'Not this time'));
    sent = bot.chat.take();
    expect(privateTo(sent, 'ben')).toEqual([
      'Thanks for saying so. I will offer it elsewhere; tia is not told who passed.',
    ]);
    expect(dmsTo(sent, 'tia')).toEqual([]);
    const second = dmsTo(sent, 'dee')[0];
    expect(second?.text).toMatch(/^tia would like some one-on-one help/);

    // A second press of the first offer changes nothing.
    await bot.as('ben', 'D-ben').press(button(offer, "I'll help"));
    expect(privateTo(bot.chat.take(), 'ben')).toEqual([
      'This ask has moved on already (answered, or passed to someone else), so nothing was changed. Thank you all the same.',
    ]);

    await bot.as('dee', 'D-dee').press(button(second, "I'll help"));
    sent = bot.chat.take();
    expect(privateTo(sent, 'dee')).toEqual(['Thank you. I have introduced you to tia in a private chat.']);
    const [intro] = introductions(sent);
    expect(intro?.people.map((p) => p.user)).toEqual(['tia', 'dee']);
    expect(intro?.message.text).toBe('tia, meet dee: dee is glad to help with what you asked.');

    // The follow-up waits for its week, then goes to tia alone.
    bot.advance(6 * DAY);
    await timed();
    expect(dmsTo(bot.chat.take(), 'tia')).toEqual([]);
    bot.advance(DAY);
    await timed();
    const followUp = dmsTo(bot.chat.take(), 'tia')[0];
    expect(followUp?.text).toBe(
      'A week ago dee offered to help with what you asked. What helped most, and what is still open?',
    );
    // Only tia may open its form.
    await bot.as('dee', 'D-dee').press(button(followUp, 'Answer'));
    expect(bot.chat.take().filter((s) => s.kind === 'form')).toEqual([]);
    await bot.as('tia', 'D-tia').press(button(followUp, 'Answer'));
    const form = bot.chat.take().find((s) => s.kind === 'form');
    expect(form?.kind === 'form' ? form.form.kind : undefined).toBe('ask-follow-up');
    await bot.as('tia', 'D-tia').submit({
      kind: 'ask-follow-up',
      context: form?.kind === 'form' ? form.form.context : {},
      values: { text: 'The rubric template helped most' },
    });
    expect(privateTo(bot.chat.take(), 'tia')).toEqual(['Kept, just for you. Thank you for looking back on it.']);
    expect(await whereItAppears(database, 'rubric template helped')).toEqual({ 'asks.follow_up': 1 });
  });

  it('after two passes, tells the asker and offers the facilitators the ask without its words', async () => {
    const { bot, timed } = await school();
    await bot.as('tia').say('ask google classroom quiz settings');
    for (const mentor of ['ben', 'dee']) {
      const offer = dmsTo(bot.chat.take(), mentor)[0];
      await bot.as(mentor, `D-${mentor}`).press(button(offer, 'Not this time'));
    }
    const sent = bot.chat.take();
    expect(dmsTo(sent, 'cal')).toEqual([]);
    expect(dmsTo(sent, 'tia')[0]?.text).toBe('No mentor has been able to take your ask yet, sorry.');
    const toAna = dmsTo(sent, 'ana')[0];
    expect(toAna?.text).toBe('A teacher in Grade 3 asked for one-on-one help, and no mentor has been able to take it.');
    expect(JSON.stringify(toAna)).not.toMatch(/quiz|tia/);

    // Someone who is not a facilitator of the circle cannot take it.
    await bot.as('cal', 'D-cal').press(button(toAna, "I'll reach out"));
    expect(introductions(bot.chat.take())).toEqual([]);
    await bot.as('ana', 'D-ana').press(button(toAna, "I'll reach out"));
    const [intro] = introductions(bot.chat.take());
    expect(intro?.people.map((p) => p.user)).toEqual(['tia', 'ana']);
    expect(JSON.stringify(intro?.message)).not.toMatch(/quiz/);
    // The deadline that was planned finds the ask taken and does nothing.
    bot.advance(3 * DAY);
    await timed();
    expect(bot.chat.take().filter((s) => s.kind === 'dm' && s.to.user !== 'tia')).toEqual([]);
  });

  it('escalates an ask nobody answered within two school days, not counting the weekend', async () => {
    const { bot, timed } = await school();
    // Thursday 09:00 in Chicago: due on Monday 09:00, which is an hour sooner in UTC (the clocks go forward on Sunday).
    bot.advance(2 * DAY);
    await bot.as('tia').say('ask behaviour plan for one student');
    const [offer] = dmsTo(bot.chat.take(), 'cal');
    expect(offer?.text).toMatch(/^tia would like/);
    bot.advance(4 * DAY - 60 - 1);
    await timed();
    expect(bot.chat.take()).toEqual([]);
    bot.advance(1);
    await timed();
    const sent = bot.chat.take();
    expect(dmsTo(sent, 'tia').map((m) => m.text)).toEqual(['No mentor has been able to take your ask yet, sorry.']);
    expect(dmsTo(sent, 'ana').map((m) => m.text)).toEqual([
      'A teacher in Grade 3 asked for one-on-one help 3 days ago, and no mentor has been able to take it.',
    ]);
    // cal's offer was withdrawn: a late press changes nothing.
    await bot.as('cal', 'D-cal').press(button(offer, "I'll help"));
    expect(privateTo(bot.chat.take(), 'cal')).toEqual([
      'This ask has moved on already (answered, or passed to someone else), so nothing was changed. Thank you all the same.',
    ]);
  });

  it('offers an ask to the next mentor at once when the one it waited for is forgotten', async () => {
    const { bot } = await school();
    await bot.as('tia').say('ask google classroom grading');
    expect(dmsTo(bot.chat.take(), 'ben')).toHaveLength(1);
    await bot.as('ben', 'D-ben').press({ kind: 'forget.confirm' });
    const sent = bot.chat.take();
    expect(privateTo(sent, 'ben')[0]).toMatch(/^Done: everything Mentor Circle kept of yours is deleted/);
    expect(dmsTo(sent, 'dee')[0]?.text).toMatch(/^tia would like some one-on-one help/);
    expect(dmsTo(sent, 'tia')).toEqual([]);
  });

  it('refuses a press on an ask that was never offered to the presser, and forgets an asker everywhere', async () => {
    const { bot } = await school();
    await bot.as('tia').say('ask marker-7781 google classroom');
    const offer = dmsTo(bot.chat.take(), 'ben')[0];
    await bot.as('cal', 'D-cal').press(button(offer, "I'll help"));
    expect(privateTo(bot.chat.take(), 'cal')).toEqual([
      'That ask is not one I can find for you, so nothing was changed.',
    ]);
    expect((await sql<{ status: string }>`select status from asks`.execute(database.db)).rows).toEqual([
      { status: 'open' },
    ]);

    expect(Object.keys(await whereItAppears(database, 'marker-7781'))).toContain('asks.text');
    await bot.as('tia', 'D-tia').press({ kind: 'forget.confirm' });
    expect(await whereItAppears(database, 'marker-7781')).toEqual({});
    // ben's offer, sent before, now answers that the ask is gone.
    await bot.as('ben', 'D-ben').press(button(offer, "I'll help"));
    expect(privateTo(bot.chat.take(), 'ben').at(-1)).toBe(
      'That ask is not one I can find for you, so nothing was changed.',
    );
  });
});
