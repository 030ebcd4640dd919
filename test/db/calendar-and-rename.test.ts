import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as calendarNumbers from '../../migrations/0021_calendar_numbers.js';
import { createStore } from '../../src/db/store.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { createDriver } from '../helpers/driver.js';
import type { Sent } from '../helpers/recording-chat.js';

// Mending what was entered: a calendar entry removed by the number it keeps or by a date it covers,
// with every plan the break had moved put back; a community renamed, and a name too long refused
// rather than cut, on the embedded database and on PostgreSQL.

const MONDAY = new Date('2026-03-02T12:00:00Z');
const goal = {
  specific: 'Read aloud twice a week',
  measure: '10 read-alouds',
  dueOn: '2026-05-29',
  cadence: 'weekly',
  celebrate: false,
};
const at = (iso: string) => new Date(iso);
/** What the bot said, as text with its sections, since the last look. */
const said = (sent: Sent[]) =>
  sent.map((s) => ('message' in s ? [s.message.text, ...(s.message.sections ?? [])].join('\n') : ''));

describe.each(testDatabaseKinds)('calendar remove and rename on %s', (kind) => {
  const database = useTestDatabase(kind);
  const store = () => createStore(database().db);
  const nextNudge = async (externalId: string) =>
    (
      await sql<{ at: Date | null }>`select next_nudge_at as at from members where external_id = ${externalId}`.execute(
        database().db,
      )
    ).rows[0]?.at;
  const nextStep = async () =>
    (await sql<{ step: Date | null }>`select next_step_at as step from communities`.execute(database().db)).rows[0]
      ?.step;

  /** Ana is the console's first speaker, so an admin; Ben facilitates Grade 3, weekly on Wednesdays. */
  async function school() {
    const bot = createDriver(store(), { now: MONDAY });
    await bot.as('ana', 'D-ana').say('help');
    await bot.as('ben').say('setup Grade 3');
    await bot.as('ben').say('schedule weekly wed 10:00 60m');
    await bot.as('ben').say('remind off');
    await bot.as('carl').submit({ kind: 'goal', context: {}, values: goal });
    bot.chat.take();
    return bot;
  }

  it('numbers entries for life: removing one leaves the others their numbers, and a number is never given twice', async () => {
    const bot = await school();
    const admin = bot.as('ana', 'D-ana');
    await admin.say('calendar add 2026-04-06 2026-04-10 Spring break');
    await admin.say('calendar add 2026-03-20 Staff day');
    await admin.say('calendar add 2026-05-25 Memorial Day');
    expect(said(bot.chat.take())[1]).toBe(
      'Added Staff day, 2026-03-20. No nudges then; a nudge that falls on it moves to the next school day that week. It is number 2 in `calendar`.',
    );

    await admin.say('calendar remove 3');
    await admin.say('calendar remove 3');
    await admin.say('calendar add 2026-06-01 Field day');
    await admin.say('calendar');
    expect(said(bot.chat.take())).toEqual([
      'Removed 3. Memorial Day: 2026-05-25. Nudges and scheduled sessions go ahead on those days again.',
      'There is no calendar entry 3. `calendar` lists the breaks and holidays ahead, with their numbers.',
      'Added Field day, 2026-06-01. No nudges then; a nudge that falls on it moves to the next school day that week. It is number 4 in `calendar`.',
      'School calendar\n• 2. Staff day: 2026-03-20\n• 1. Spring break: 2026-04-06 to 2026-04-10\n• 4. Field day: 2026-06-01',
    ]);
  });

  it('removes by a date the entry covers, and asks which when two cover it', async () => {
    const bot = await school();
    const admin = bot.as('ana', 'D-ana');
    await admin.say('calendar add 2026-04-06 2026-04-10 Spring break');
    await admin.say('calendar add 2026-04-08 Conferences');
    bot.chat.take();
    await admin.say('calendar remove 2026-04-08');
    await admin.say('calendar remove 2026-04-20');
    await admin.say('calendar remove 2026-04-09');
    await admin.say('calendar remove 2026-04-08');
    expect(said(bot.chat.take())).toEqual([
      'Several entries cover 2026-04-08: 1. Spring break: 2026-04-06 to 2026-04-10; 2. Conferences: 2026-04-08. Say which with `calendar remove <n>`.',
      'Nothing in the school calendar covers 2026-04-20. `calendar` lists the breaks and holidays ahead, with their numbers.',
      'Removed 1. Spring break: 2026-04-06 to 2026-04-10. Nudges and scheduled sessions go ahead on those days again.',
      'Removed 2. Conferences: 2026-04-08. Nudges and scheduled sessions go ahead on those days again.',
    ]);
    expect((await sql<{ n: number }>`select count(*)::int as n from calendar`.execute(database().db)).rows[0]?.n).toBe(
      0,
    );
  });

  it('puts back the nudges and sessions a removed break had moved, in the same way adding it moved them', async () => {
    const bot = await school();
    expect(await nextNudge('carl')).toEqual(at('2026-03-03T21:30:00Z')); // Tuesday 15:30, Chicago
    expect(await nextStep()).toEqual(at('2026-03-04T16:00:00Z')); // Wednesday 10:00, Chicago
    await bot.as('ana', 'D-ana').say('calendar add 2026-03-03 2026-03-04 Conferences');
    expect(await nextNudge('carl')).toEqual(at('2026-03-05T21:30:00Z'));
    expect(await nextStep()).toEqual(at('2026-03-11T15:00:00Z'));
    await bot.as('ana', 'D-ana').say('calendar remove 1');
    expect(await nextNudge('carl')).toEqual(at('2026-03-03T21:30:00Z'));
    expect(await nextStep()).toEqual(at('2026-03-04T16:00:00Z'));
  });

  it('lets only admins remove entries, and refuses without changing anything', async () => {
    const bot = await school();
    await bot.as('ana', 'D-ana').say('calendar add 2026-03-03 Staff day');
    bot.chat.take();
    await bot.as('ben').say('calendar remove 1');
    expect(said(bot.chat.take())).toEqual([
      'Only Mentor Circle admins change the school calendar. An admin can add breaks and holidays with `calendar add`.',
    ]);
    expect((await sql<{ n: number }>`select count(*)::int as n from calendar`.execute(database().db)).rows[0]?.n).toBe(
      1,
    );
  });

  it('numbers entries made before numbers existed in date order, and goes on from the highest', async () => {
    const db = database().db;
    const bot = await school();
    await bot.as('ana', 'D-ana').say('calendar add 2026-05-25 Memorial Day');
    await calendarNumbers.down(db);
    await sql`insert into calendar (workspace_id, starts_on, ends_on, label) select workspace_id, '2026-03-20', '2026-03-20', 'Staff day' from calendar`.execute(
      db,
    );
    await calendarNumbers.up(db);
    bot.chat.take();
    await bot.as('ana', 'D-ana').say('calendar add 2026-06-01 Field day');
    await bot.as('ana', 'D-ana').say('calendar');
    expect(said(bot.chat.take()).at(-1)).toBe(
      'School calendar\n• 1. Staff day: 2026-03-20\n• 2. Memorial Day: 2026-05-25\n• 3. Field day: 2026-06-01',
    );
  });

  it('renames a community for its facilitators only, and refuses a name over 80 characters instead of cutting it', async () => {
    const bot = await school();
    const emoji = '👍🏽'; // one character as a reader counts, four UTF-16 units
    await bot.as('carl').say("rename Carl's circle");
    await bot.as('ben').say(`rename ${'a'.repeat(81)}`);
    await bot.as('ben').say(`rename ${emoji.repeat(80)}`);
    await bot.as('ben').say('rename Grade 3 Reading Circle');
    expect(said(bot.chat.take())).toEqual([
      'Only facilitators of Grade 3 can rename it. If you would like to help run sessions, ask one of them to add you.',
      'A community name can be at most 80 characters, and this one has 81. Try a shorter one, like `rename Grade 3 Literacy`.',
      `Grade 3 is now called ${emoji.repeat(80)}.`,
      `${emoji.repeat(80)} is now called Grade 3 Reading Circle.`,
    ]);
    expect((await sql<{ name: string }>`select name from communities`.execute(database().db)).rows).toEqual([
      { name: 'Grade 3 Reading Circle' },
    ]);
    await bot.as('ben', 'D-ben').say('rename Elsewhere');
    expect(said(bot.chat.take())).toEqual([
      'Sessions run in a community channel. Run this in the channel of your community.',
    ]);
  });

  it('refuses a setup name over 80 characters, and makes no community of it', async () => {
    const bot = createDriver(store(), { now: MONDAY });
    await bot.as('ana').say(`setup ${'Grade 3 Literacy '.repeat(5)}`);
    expect(said(bot.chat.take())).toEqual([
      'A community name can be at most 80 characters, and this one has 84. Try a shorter one, like `setup Grade 3 Literacy`.',
    ]);
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from communities`.execute(database().db)).rows[0]?.n,
    ).toBe(0);
    await bot.as('ana').say(`setup ${'x'.repeat(80)}`);
    expect((await sql<{ name: string }>`select name from communities`.execute(database().db)).rows).toEqual([
      { name: 'x'.repeat(80) },
    ]);
  });
});
