import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action, Button, Message } from '../../src/core/messages.js';
import { atLocal } from '../../src/core/time/local-time.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { createDriver } from '../helpers/driver.js';
import type { Sent } from '../helpers/recording-chat.js';

// A mentor term from start to end, on the real database, with two replicas planning side by side:
// the end of the school year read from the calendar, the admins' notice a month before with figures
// across all mentors only, next term's mentors named, and at the end thanks with each mentor's own
// counts, a welcome for the newcomer, and an ask that waited for a mentor who stepped down offered on.

const ZONE = 'America/Chicago';
const MAY_3 = new Date('2027-05-03T15:00:00Z');

const dmsTo = (sent: Sent[], user: string): Message[] =>
  sent.flatMap((s) => (s.kind === 'dm' && s.to.user === user ? [s.message] : []));
const privateTo = (sent: Sent[], user: string): string[] =>
  sent.flatMap((s) => (s.kind === 'ephemeral' && s.user === user ? [s.message.text] : []));
const offersIn = (sent: Sent[]) =>
  sent.flatMap((s) =>
    s.kind === 'dm' && / would like some one-on-one help/.test(s.message.text)
      ? [{ to: s.to.user, message: s.message }]
      : [],
  );
const button = (message: Message | undefined, label: string): Action => {
  const found = message?.buttons?.find((b: Button) => b.label === label);
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(message)}`);
  return found.action;
};

describe.each(testDatabaseKinds)('mentor rotation, on %s', (kind) => {
  let database: OpenDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await database?.close();
  });

  it('notices admins a month before with figures only, thanks and welcomes at the end, once across two replicas', async () => {
    const bot = createDriver(createStore(database.db), { now: MAY_3 });
    await bot.as('ana').say('setup Grade 3');
    for (const person of ['ben', 'cal', 'dee', 'tia', 'tom', 'tess', 'uma', 'vic']) await bot.as(person).say('help');
    await bot.as('ana', 'D-ana').say('mentor add <@ben|ben> google classroom, grade 3 literacy');
    await bot.as('ana', 'D-ana').say('mentor add <@cal|cal> behaviour');
    await bot.as('ana', 'D-ana').say('mentor add <@dee|dee> google classroom');
    bot.chat.take();
    const replicas = [createStore(database.db), createStore(database.db)];
    const tick = async (at: Date) => {
      await Promise.all(replicas.map((store) => planDue({ store, now: at })));
      for (let round = 0; round < 3; round++) await deliverNow(database, { now: at, chatFor: async () => bot.chat });
      return bot.chat.take();
    };
    // The first tick after the first mentors begins their term, and sends nothing.
    expect(await tick(MAY_3)).toEqual([]);

    // Only admins see the term; without a long break in the calendar it ends on 30 June.
    await bot.as('tia', 'D-tia').say('rotation');
    expect(privateTo(bot.chat.take(), 'tia')).toEqual([
      "Only Mentor Circle admins set mentor terms and name next term's mentors. `mentors` shows who mentors now.",
    ]);
    await bot.as('ana', 'D-ana').say('rotation');
    expect(privateTo(bot.chat.take(), 'ana')[0]).toBe(
      'Mentor terms end on 2027-06-30 (the end of the school year: the last school day before the long break in `calendar`, or 30 June).',
    );
    // With the summer break in the calendar, the school year ends on the last school day before it.
    await bot.as('ana', 'D-ana').say('calendar add 2027-06-25 2027-08-31 Summer break');
    bot.chat.take();
    await bot.as('ana', 'D-ana').say('rotation');
    const shown = bot.chat.take().find((s) => s.kind === 'ephemeral' && s.user === 'ana');
    expect(
      shown?.kind === 'ephemeral' ? [shown.message.text, shown.message.sections?.[0], shown.message.sections?.[1]] : [],
    ).toEqual([
      'Mentor terms end on 2027-06-24 (the end of the school year: the last school day before the long break in `calendar`, or 30 June).',
      "On 2027-05-25, a month before, admins get a note to choose next term's mentors, with figures across all mentors.",
      'Nobody is named for next term yet.',
    ]);
    // An admin's home page says when the term ends; a teacher's does not.
    await bot.as('ana', 'D-ana').home();
    await bot.as('tia', 'D-tia').home();
    const pages = bot.chat
      .take()
      .flatMap((s) =>
        s.kind === 'home' ? [s.message.sections?.find((line) => line.startsWith('One-on-one help')) ?? ''] : [],
      );
    expect(pages[0]).toContain('\nMentor terms end on 2027-06-24: `rotation` shows who is named for next term.');
    expect(pages[1]).not.toContain('Mentor terms');

    // Three colleagues ask about Google Classroom; whoever is offered each ask takes it.
    const took = new Map<string, number>();
    for (const [asker, words] of [
      ['tia', 'google classroom assignments'],
      ['tom', 'google classroom grading'],
      ['tess', 'google classroom quizzes'],
    ] as const) {
      await bot.as(asker).say(`ask ${words}`);
      const [offer] = offersIn(bot.chat.take());
      if (!offer) throw new Error(`no offer for ${asker}`);
      await bot.as(offer.to, `D-${offer.to}`).press(button(offer.message, "I'll help"));
      bot.chat.take();
      took.set(offer.to, (took.get(offer.to) ?? 0) + 1);
    }
    expect([...took.keys()].every((m) => m === 'ben' || m === 'dee')).toBe(true);

    // The day before the notice, nothing; on the morning it is due, one note to the one admin.
    expect(dmsTo(await tick(atLocal('2027-05-24', 12 * 60, ZONE)), 'ana')).toEqual([]);
    const noticeDay = await tick(atLocal('2027-05-25', 9 * 60 + 1, ZONE));
    const notices = dmsTo(noticeDay, 'ana');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toBe("Mentor terms end on 2027-06-24: time to choose next term's mentors.");
    // Three askers: the count shows. Only ben and dee took them: fewer than 3 helpers, so it does not.
    expect(notices[0]?.sections?.[0]).toBe(
      'This term so far, across all 3 mentors: 3 asks for help, fewer than 3 taken by a mentor or a leader. Topics colleagues asked about most: google classroom. Figures drawn from fewer than 3 people are not shown, and nothing here says who helped more: mentoring is not measured person by person.',
    );
    expect(noticeDay.filter((s) => s.kind !== 'dm' || s.to.user !== 'ana')).toEqual([]);
    // Neither replica sends it again.
    expect(dmsTo(await tick(atLocal('2027-05-25', 9 * 60 + 2, ZONE)), 'ana')).toEqual([]);

    // The admin names next term's mentors: ben carries on with his topics, vic comes in, a name taken back.
    await bot.as('ana', 'D-ana').say('rotation next <@ben|ben>');
    await bot.as('ana', 'D-ana').say('rotation next <@vic|vic> assessment, grade 4');
    await bot.as('ana', 'D-ana').say('rotation next <@tom|tom> behaviour');
    await bot.as('ana', 'D-ana').say('rotation drop <@tom|tom>');
    expect(privateTo(bot.chat.take(), 'ana')).toEqual([
      'ben is named to mentor next term, on google classroom, grade 3 literacy. They mentor now, and carry on.',
      'vic is named to mentor next term, on assessment, grade 4. I will welcome them when the term begins.',
      'tom is named to mentor next term, on behaviour. I will welcome them when the term begins.',
      'tom is no longer named for next term.',
    ]);
    // Nobody named is told before the term ends.
    expect(dmsTo(await tick(atLocal('2027-06-01', 9 * 60, ZONE)), 'vic')).toEqual([]);

    // On the last day, uma asks about behaviour: the offer waits with cal, who steps down that afternoon.
    bot.advance((atLocal('2027-06-24', 10 * 60, ZONE).getTime() - bot.now.getTime()) / 60_000);
    await bot.as('uma').say('ask behaviour plan for one student');
    expect(offersIn(bot.chat.take()).map((o) => o.to)).toEqual(['cal']);

    expect(await tick(atLocal('2027-06-24', 15 * 60 + 59, ZONE))).toEqual([]);
    const end = await tick(atLocal('2027-06-24', 16 * 60 + 1, ZONE));
    const thanks = (user: string) => dmsTo(end, user).filter((m) => m.text === 'Thank you for mentoring this term.');
    const counted = (n: number) =>
      n === 0
        ? 'No ask came your way this term, and being there to ask mattered all the same.'
        : `You took ${n === 1 ? '1 ask' : `${n} asks`} for one-on-one help, from ${n === 1 ? '1 colleague' : `${n} colleagues`}.`;
    expect(thanks('ben')[0]?.sections).toEqual([
      `From 2027-05-03 to 2027-06-24: ${counted(took.get('ben') ?? 0)}`,
      'These figures are yours alone: nobody else is shown them.',
      'You carry on as a mentor next term, on: google classroom, grade 3 literacy. `mentor away <days>` and `mentor capacity <n>` still work as before.',
    ]);
    expect(thanks('dee')[0]?.sections?.[0]).toBe(`From 2027-05-03 to 2027-06-24: ${counted(took.get('dee') ?? 0)}`);
    expect(thanks('dee')[0]?.sections?.[2]).toMatch(/^Your term as a mentor ends today\./);
    expect(thanks('cal')[0]?.sections?.[0]).toBe(`From 2027-05-03 to 2027-06-24: ${counted(0)}`);
    expect(dmsTo(end, 'vic').map((m) => m.text)).toContain(
      'You are now a mentor here, named by ana: colleagues can ask you for one-on-one help on "assessment" and "grade 4".',
    );
    // Each once, though two replicas planned the end; nothing to admins, nothing in a channel.
    expect(end.filter((s) => s.kind === 'dm' && s.message.text === 'Thank you for mentoring this term.')).toHaveLength(
      3,
    );
    expect(end.filter((s) => s.kind === 'post' || s.kind === 'reply')).toEqual([]);
    expect(dmsTo(end, 'ana')).toEqual([]);
    // uma's ask goes on to one of the mentors of the new term.
    expect(offersIn(end).map((o) => o.to)).toEqual([expect.stringMatching(/^(ben|vic)$/)]);

    const store = createStore(database.db);
    const workspaceId = (await store.workspaces.ensure({ platform: 'console', externalId: 'T1' })).id;
    expect((await store.mentors.list(workspaceId)).map((m) => m.name)).toEqual(['ben', 'vic']);
    expect(await store.rotation.nextMentors(workspaceId)).toEqual([]);
    expect(await tick(atLocal('2027-06-24', 16 * 60 + 30, ZONE))).toEqual([]);

    // The next term runs to the end of the next school year (30 June, with no long break entered for it).
    bot.advance((atLocal('2027-06-25', 9 * 60, ZONE).getTime() - bot.now.getTime()) / 60_000);
    await bot.as('ana', 'D-ana').say('rotation');
    expect(privateTo(bot.chat.take(), 'ana')[0]).toMatch(/^Mentor terms end on 2028-06-30 /);
    const rows = await sql<{ n: number }>`select count(*)::int as n from outbox where kind like 'rotation.%'`.execute(
      database.db,
    );
    expect(rows.rows[0]?.n).toBe(4);
  });

  it('lets the current mentors carry on when nobody was named, and tells the admins so', async () => {
    const bot = createDriver(createStore(database.db), { now: MAY_3 });
    await bot.as('ana').say('setup Grade 3');
    await bot.as('ben').say('help');
    await bot.as('ana', 'D-ana').say('mentor add <@ben|ben> google classroom');
    await bot.as('ana', 'D-ana').say('rotation 2027-05-20');
    expect(privateTo(bot.chat.take(), 'ana').at(-1)).toBe(
      "Mentor terms now end on 2027-05-20. Admins get the note to choose next term's mentors today.",
    );
    const store = createStore(database.db);
    const tick = async (at: Date) => {
      await planDue({ store, now: at });
      for (let round = 0; round < 3; round++) await deliverNow(database, { now: at, chatFor: async () => bot.chat });
      return bot.chat.take();
    };
    expect(dmsTo(await tick(new Date(MAY_3.getTime() + 60_000)), 'ana').map((m) => m.text)).toEqual([
      "Mentor terms end on 2027-05-20: time to choose next term's mentors.",
    ]);
    const end = await tick(atLocal('2027-05-20', 16 * 60, ZONE));
    expect(dmsTo(end, 'ana').map((m) => m.text)).toEqual([
      "Mentor terms ended on 2027-05-20, but nobody was named for next term, so today's 1 mentor carries on until 2027-06-30.",
    ]);
    expect(dmsTo(end, 'ben')).toEqual([]);
    const workspaceId = (await store.workspaces.ensure({ platform: 'console', externalId: 'T1' })).id;
    expect((await store.mentors.list(workspaceId)).map((m) => m.name)).toEqual(['ben']);
    // A date in the past, or too far ahead, is refused.
    await bot.as('ana', 'D-ana').say('rotation 2027-05-01');
    await bot.as('ana', 'D-ana').say('rotation 2031-01-01');
    expect(privateTo(bot.chat.take(), 'ana')).toEqual([
      'Mentor terms can only end on a date still to come; 2027-05-01 is not.',
      'Mentor terms end within two years; pick a nearer date.',
    ]);
  });
});
