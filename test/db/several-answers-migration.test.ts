import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as severalAnswers from '../../migrations/0016_several_answers.js';
import { createStore } from '../../src/db/store.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { createDriver } from '../helpers/driver.js';

// Migration 0016 lets one person keep several check-ins in a phase, one per platform message. Going
// back keeps each person's latest, so the one-per-person rule it restores holds again.

describe.each(testDatabaseKinds)('several check-ins per person and phase on %s', (kind) => {
  const database = useTestDatabase(kind);
  const texts = () =>
    sql<{ text: string }>`select text from checkins order by id`
      .execute(database().db)
      .then((r) => r.rows.map((row) => row.text));

  it("keeps one check-in per platform message, and going back keeps each person's latest", async () => {
    const db = database().db;
    const bot = createDriver(createStore(db));
    await bot.as('ana').say('setup Grade 3');
    await bot.as('ana').say('start');
    await bot.as('ben').reply('First', 'm-1');
    await bot.as('ben').reply('Second', 'm-2');
    await bot.as('ana').reply('Mine', 'm-3');
    expect(await texts()).toEqual(['First', 'Second', 'Mine']);
    // The first of each person's check-ins in a phase is the one the digest counts; removing it hands
    // that on to their next one.
    const firsts = () =>
      sql<{ text: string }>`select text from checkins where first_in_phase order by id`
        .execute(db)
        .then((r) => r.rows.map((row) => row.text));
    expect(await firsts()).toEqual(['First', 'Mine']);
    await bot.as('ben').remove('m-1');
    expect(await firsts()).toEqual(['Second', 'Mine']);
    await bot.as('ben').reply('First again', 'm-1');
    expect(await firsts()).toEqual(['Second', 'Mine']);
    expect(await texts()).toEqual(['Second', 'Mine', 'First again']);
    // One platform message is one check-in, whoever's.
    await expect(
      sql`insert into checkins (session_id, member_id, phase, text, source, message_id, created_at, updated_at)
      select session_id, member_id, phase, 'again', source, message_id, created_at, updated_at from checkins where message_id = 'm-1'`.execute(
        db,
      ),
    ).rejects.toThrow();

    await severalAnswers.down(db);
    expect(await texts()).toEqual(['Mine', 'First again']);
    await expect(
      sql`insert into checkins (session_id, member_id, phase, text, source, created_at, updated_at)
      select session_id, member_id, phase, 'again', source, created_at, updated_at from checkins where message_id = 'm-1'`.execute(
        db,
      ),
    ).rejects.toThrow();

    await severalAnswers.up(db);
    await bot.as('ben').reply('Third', 'm-4');
    expect(await texts()).toEqual(['Mine', 'First again', 'Third']);
  });
});
