import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as promptNumbers from '../../migrations/0019_prompt_numbers.js';
import { BUILT_IN_PROMPTS, PROMPT_THEMES, type Prompt } from '../../src/core/prompts/library.js';
import { createStore } from '../../src/db/store.js';
import { openSecondInstance, testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { createDriver } from '../helpers/driver.js';
import type { Sent } from '../helpers/recording-chat.js';

// A prompt keeps its number in a community for life (migration 0019). Before it, `prompts` numbered
// the prompts that were not retired in display order, so every add and retirement moved numbers.

const listed = (sent: Sent[]) => {
  const list = sent.find((s) => s.kind === 'ephemeral' && s.message.text.startsWith('Reflection prompts'));
  return list?.kind === 'ephemeral' ? (list.message.sections ?? []) : [];
};
/** The numbered lines of `prompts`, in the order shown. */
const numberedLines = (sent: Sent[]) =>
  listed(sent)
    .flatMap((section) => section.split('\n'))
    .filter((line) => /^\d+\. /.test(line))
    .map((line) => line.replace(' (added here)', ''));

/** What `prompts` showed before migration 0019: the prompts not retired, by theme, counted from 1. */
function numbersBefore(custom: Prompt[], retired: ReadonlySet<string>): string[] {
  const shown = [...BUILT_IN_PROMPTS, ...custom].filter((prompt) => !retired.has(prompt.key));
  return PROMPT_THEMES.flatMap((theme) => shown.filter((prompt) => prompt.theme === theme)).map(
    (prompt, index) => `${index + 1}. ${prompt.text}`,
  );
}

describe.each(testDatabaseKinds)('prompt numbers on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('gives each prompt a number for life: adding and retiring move no other', async () => {
    const bot = createDriver(createStore(database().db));
    const ana = bot.as('ana');
    await ana.say('setup Grade 3');
    await ana.say('prompts');
    const before = numberedLines(bot.chat.take());
    expect(before).toHaveLength(BUILT_IN_PROMPTS.length);
    expect(before[0]).toBe(`1. ${BUILT_IN_PROMPTS[0]?.text}`);

    // Two adds at once still take one number each.
    await Promise.all([
      ana.say('prompt add What would you change about Monday mornings?'),
      ana.say('prompt add How do your students show you they are ready?'),
    ]);
    await ana.say('prompt retire 1');
    await ana.say('prompt retire 41');
    bot.chat.take();
    await ana.say('prompts');
    const sent = bot.chat.take();
    const after = numberedLines(sent);
    const kept = before.filter((line) => !line.startsWith('1. ') && !line.startsWith('41. '));
    expect(after.filter((line) => kept.includes(line))).toEqual(kept);
    expect(after.filter((line) => !kept.includes(line)).sort()).toEqual(
      [
        `${BUILT_IN_PROMPTS.length + 1}. What would you change about Monday mornings?`,
        `${BUILT_IN_PROMPTS.length + 2}. How do your students show you they are ready?`,
      ].sort(),
    );
    expect(listed(sent)).toContain('Retired: 1, 41 (`prompt restore <n>` brings one back).');

    await ana.say('prompt restore 41');
    await ana.say('prompt retire 49');
    bot.chat.take();
    const rows = await sql<{ number: number }>`select number from prompt_numbers order by number`.execute(
      database().db,
    );
    expect(rows.rows.map((row) => row.number)).toEqual(
      Array.from({ length: BUILT_IN_PROMPTS.length + 2 }, (_, i) => i + 1),
    );
    // A second community counts from 1 on its own.
    await bot.as('ben', 'C-other').say('setup Grade 4');
    await bot.as('ben', 'C-other').say('prompt add What would you change about Monday mornings?');
    expect(
      bot.chat
        .take()
        .some(
          (s) => s.kind === 'ephemeral' && s.message.text.startsWith(`Added as prompt ${BUILT_IN_PROMPTS.length + 1}:`),
        ),
    ).toBe(true);
  });

  it('numbers a new community once when two processes list and add at once', async () => {
    const second = await openSecondInstance(database(), kind);
    try {
      const first = createDriver(createStore(database().db));
      await first.as('ana').say('setup Grade 3');
      const other = createDriver(createStore(second.db));
      // Nobody has listed the prompts yet: the first to need numbers gives the library its numbers.
      await Promise.all([
        first.as('ana').say('prompt add What would you change about Monday mornings?'),
        other.as('ana').say('prompt add How do your students show you they are ready?'),
        first.as('ana').say('prompts'),
        other.as('ana').say('prompts'),
      ]);
      const rows = await sql<{
        prompt_key: string;
        number: number;
      }>`select prompt_key, number from prompt_numbers order by number`.execute(database().db);
      expect(rows.rows.slice(0, BUILT_IN_PROMPTS.length)).toEqual(
        BUILT_IN_PROMPTS.map((prompt, index) => ({ prompt_key: prompt.key, number: index + 1 })),
      );
      expect(
        rows.rows.slice(BUILT_IN_PROMPTS.length).map((row) => [row.prompt_key.startsWith('custom-'), row.number]),
      ).toEqual([
        [true, BUILT_IN_PROMPTS.length + 1],
        [true, BUILT_IN_PROMPTS.length + 2],
      ]);
    } finally {
      if (second !== database()) await second.close();
    }
  });

  it('migrates existing communities to the numbers their people saw, retired prompts after them', async () => {
    const db = database().db;
    const bot = createDriver(createStore(db));
    await bot.as('ana').say('setup Grade 3');
    await bot.as('ana').say('prompt add What would you change about Monday mornings?');
    await bot.as('ana').say('prompt add How do your students show you they are ready?');
    await bot.as('ben', 'C-other').say('setup Grade 4');
    await promptNumbers.down(db);
    // As the code before 0019 kept them: retirements by key, with nobody recorded.
    const grade3 = (await sql<{ id: number }>`select id from communities where name = 'Grade 3'`.execute(db)).rows[0]
      ?.id;
    const retired = new Set(['strengths-1', 'community-2', 'goals-8']);
    for (const key of retired)
      await sql`insert into prompt_retirements (community_id, prompt_key) values (${grade3}, ${key})`.execute(db);
    const custom = (
      await sql<{ id: number; text: string }>`select id, text from prompts order by id`.execute(db)
    ).rows.map((row): Prompt => ({ key: `custom-${row.id}`, theme: 'community', text: row.text }));
    await promptNumbers.up(db);

    bot.chat.take();
    await bot.as('ana').say('prompts');
    const sent = bot.chat.take();
    const shown = numberedLines(sent);
    expect([...shown].sort((a, b) => parseInt(a) - parseInt(b))).toEqual(numbersBefore(custom, retired));
    const n = BUILT_IN_PROMPTS.length + custom.length - retired.size;
    expect(listed(sent)).toContain(`Retired: ${n + 1}, ${n + 2}, ${n + 3} (\`prompt restore <n>\` brings one back).`);
    // The retired ones are the three retired before, in theme order, and come back under those numbers.
    await bot.as('ana').say(`prompt restore ${n + 2}`);
    expect(bot.chat.take().map((s) => (s.kind === 'ephemeral' ? s.message.text : ''))).toEqual([
      `Back in: prompt ${n + 2}, "${BUILT_IN_PROMPTS.find((p) => p.key === 'community-2')?.text}". It can be posted in Grade 3 again.`,
    ]);
    // A retirement from before could not be undone: nobody is recorded as having made it.
    await bot.as('ana').say('undo');
    expect(bot.chat.take().map((s) => (s.kind === 'ephemeral' ? s.message.text : ''))).toEqual([
      'There is nothing you ended, set aside or retired in the last day to bring back.',
    ]);

    await bot.as('ben', 'C-other').say('prompts');
    expect(numberedLines(bot.chat.take())).toEqual(numbersBefore([], new Set()));
    // A prompt added after the migration takes the next free number.
    await bot.as('ana').say('prompt add What are you curious about this week?');
    expect(bot.chat.take().map((s) => (s.kind === 'ephemeral' ? s.message.text : ''))[0]).toMatch(
      new RegExp(`^Added as prompt ${n + 4}:`),
    );
  });
});
