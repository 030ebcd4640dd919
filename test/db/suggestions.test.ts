import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/messages.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { createDriver } from '../helpers/driver.js';
import { whereItAppears } from '../helpers/find-text.js';
import type { Sent } from '../helpers/recording-chat.js';

// Mentors' voice: a mentor or facilitator's suggestion reaches school leaders in the next digest, in
// their words and unattributed unless they put their name to it; a teacher cannot send one; it goes
// with forget-me.

const privateTo = (sent: Sent[], user: string): Message[] =>
  sent.flatMap((s) => (s.kind === 'ephemeral' && s.user === user ? [s.message] : []));

describe.each(testDatabaseKinds)('suggestions to leaders, on %s', (kind) => {
  let database: OpenDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await database?.close();
  });

  it("reach the next digest in the sender's words, named only when they say so, from mentors and facilitators only", async () => {
    // Wednesday 4 March 2026; the digest previewed the Monday after covers that week.
    const bot = createDriver(createStore(database.db), { now: new Date('2026-03-04T15:00:00Z') });
    await bot.as('ana').say('setup Grade 3');
    for (const person of ['ben', 'tia']) await bot.as(person).say('help');
    await bot.as('ana', 'D-ana').say('mentor add <@ben|ben> behaviour');
    bot.chat.take();

    await bot.as('tia').say('suggest More time to plan');
    expect(privateTo(bot.chat.take(), 'tia')[0]?.text).toBe(
      'Suggestions to school leaders come from mentors and facilitators. If you have one, a facilitator of your circle can pass it on.',
    );

    await bot.as('ben', 'D-ben').say('suggest A shared planning period for grade 3 would help the new teachers most');
    const thanks = privateTo(bot.chat.take(), 'ben')[0];
    expect(thanks?.text).toBe('Thank you: it goes to school leaders in the next weekly digest, without your name.');
    await bot.as('ana').say('suggest');
    const form = bot.chat.take().find((s) => s.kind === 'form');
    expect(form?.kind === 'form' && form.form.fields.map((f) => f.name)).toEqual(['text', 'named']);
    await bot.as('ana').submit({
      kind: 'suggestion',
      context: {},
      values: { text: "Visit each other's classrooms once a term", named: 'true' },
    });
    expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toBe(
      'Thank you: it goes to school leaders in the next weekly digest, with your name.',
    );
    // Only ben may put his name to his.
    const nameIt = thanks?.buttons?.[0]?.action;
    await bot.as('ana', 'D-ana').press(nameIt);
    expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toBe(
      'That button does not belong here, so nothing was changed.',
    );

    bot.advance(5 * 24 * 60);
    await bot.as('ana', 'D-ana').say('digest');
    let digest = privateTo(bot.chat.take(), 'ana')[0];
    let section = digest?.sections?.find((s) => s.startsWith('Suggestions from mentors'));
    expect(section).toBe(
      'Suggestions from mentors (their own words to you):\n• "A shared planning period for grade 3 would help the new teachers most"\n• "Visit each other\'s classrooms once a term" (ana)',
    );
    await bot.as('ben', 'D-ben').press(nameIt);
    expect(privateTo(bot.chat.take(), 'ben')[0]?.text).toBe('Done: your name goes with it in the digest.');
    await bot.as('ana', 'D-ana').say('digest');
    digest = privateTo(bot.chat.take(), 'ana')[0];
    section = digest?.sections?.find((s) => s.startsWith('Suggestions from mentors'));
    expect(section).toContain('• "A shared planning period for grade 3 would help the new teachers most" (ben)');

    await bot.as('ben', 'D-ben').press({ kind: 'forget.confirm' });
    expect(await whereItAppears(database, 'shared planning period')).toEqual({});
  });
});
