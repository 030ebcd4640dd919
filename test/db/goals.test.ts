import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { createDriver } from '../helpers/driver.js';
import { emptyTables, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';

describe.each(testDatabaseKinds)('goals stored on %s', (kind) => {
  let database: OpenDatabase;
  const rows = (query: string) => sql.raw<Record<string, unknown>>(query).execute(database.db).then((r) => r.rows);
  const values = { specific: 'Read aloud to small groups', measure: '20 read-alouds', dueOn: '2026-05-29', cadence: 'biweekly', celebrate: true };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
  });

  it('keeps goals, their progress history, and the link from a reworked goal to its successor', async () => {
    const store = createStore(database.db);
    const bot = createDriver(store, { now: new Date('2026-03-02T15:00:00Z') });
    await bot.as('ana').say('setup Grade 3');
    await bot.as('ana').submit({ kind: 'goal', context: {}, values });
    await bot.as('ana').say('progress 1 2.5 first week');
    await bot.as('ana').say('progress 1 6');

    const [goal] = await store.goals.listActive((await rows(`select id from members`))[0]?.id as number);
    expect(goal).toMatchObject({ target: 20, unit: 'read-alouds', latest: 6, previous: 2.5, cadence: 'biweekly', celebrate: true, dueOn: '2026-05-29' });
    expect(await rows('select value, note from goal_updates order by id')).toEqual([
      { value: 2.5, note: 'first week' },
      { value: 6, note: null },
    ]);

    await bot.as('ana').submit({ kind: 'goal', context: { reworks: goal?.id }, values: { ...values, measure: '12 read-alouds' } });
    expect(await rows('select status, target, reworks_goal_id is not null as reworks, ended_at is not null as ended from goals order by id')).toEqual([
      { status: 'reworked', target: 20, reworks: false, ended: true },
      { status: 'active', target: 12, reworks: true, ended: false },
    ]);
    await bot.as('ana').say('goal achieved 1');
    expect(await rows(`select status from goals order by id`)).toEqual([{ status: 'reworked' }, { status: 'achieved' }]);
  });

  it('keeps another member from ending a goal that is not theirs', async () => {
    const store = createStore(database.db);
    const bot = createDriver(store, { now: new Date('2026-03-02T15:00:00Z') });
    await bot.as('ana').submit({ kind: 'goal', context: {}, values });
    const [goal] = await rows('select id from goals');
    await bot.as('ben').press({ kind: 'goal.save', draft: { ...values, firstStep: null, relevance: null, cadence: 'weekly', celebrate: false }, reworks: goal?.id });
    expect(await rows('select status from goals order by id')).toEqual([{ status: 'active' }]);
  });
});
