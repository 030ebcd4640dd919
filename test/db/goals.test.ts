import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { createDriver } from '../helpers/driver.js';
import { emptyTables, openSecondInstance, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';

describe.each(testDatabaseKinds)('goals stored on %s', (kind) => {
  let database: OpenDatabase;
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);
  const values = {
    specific: 'Read aloud to small groups',
    measure: '20 read-alouds',
    dueOn: '2026-05-29',
    cadence: 'biweekly',
    celebrate: true,
  };

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
    expect(goal).toMatchObject({
      target: 20,
      unit: 'read-alouds',
      latest: 6,
      previous: 2.5,
      cadence: 'biweekly',
      celebrate: true,
      dueOn: '2026-05-29',
    });
    expect(await rows('select value, note from goal_updates order by id')).toEqual([
      { value: 2.5, note: 'first week' },
      { value: 6, note: null },
    ]);

    await bot
      .as('ana')
      .submit({ kind: 'goal', context: { reworks: goal?.id }, values: { ...values, measure: '12 read-alouds' } });
    expect(
      await rows(
        'select status, target, reworks_goal_id is not null as reworks, ended_at is not null as ended from goals order by id',
      ),
    ).toEqual([
      { status: 'reworked', target: 20, reworks: false, ended: true },
      { status: 'active', target: 12, reworks: true, ended: false },
    ]);
    await bot.as('ana').say('goal achieved 1');
    expect(await rows(`select number, status from goals order by id`)).toEqual([
      { number: 1, status: 'reworked' },
      { number: 2, status: 'active' },
    ]);
    await bot.as('ana').say('goal achieved 2');
    expect(await rows(`select number, status from goals order by id`)).toEqual([
      { number: 1, status: 'reworked' },
      { number: 2, status: 'achieved' },
    ]);
  });

  it('keeps another member from ending a goal that is not theirs', async () => {
    const store = createStore(database.db);
    const bot = createDriver(store, { now: new Date('2026-03-02T15:00:00Z') });
    await bot.as('ana').submit({ kind: 'goal', context: {}, values });
    const [goal] = await rows('select id from goals');
    await bot.as('ben').press({
      kind: 'goal.save',
      draft: { ...values, firstStep: null, relevance: null, cadence: 'weekly', celebrate: false },
      reworks: goal?.id,
    });
    expect(await rows('select status from goals order by id')).toEqual([{ status: 'active' }]);
  });

  it("numbers each person's goals 1, 2, 3 for good, also when saves and undos arrive at once from two processes", async () => {
    const second = await openSecondInstance(database, kind);
    try {
      const store = createStore(database.db);
      const workspace = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1' });
      const ana = await store.members.ensure(workspace.id, { externalId: 'UANA', name: 'Ana' });
      const ben = await store.members.ensure(workspace.id, { externalId: 'UBEN', name: 'Ben' });
      const draft = { ...values, firstStep: null, relevance: null, cadence: 'weekly' as const, celebrate: false };
      const save = (db: OpenDatabase, memberId: number) =>
        createStore(db.db).transaction((repos) =>
          repos.goals.createWithinCap(
            {
              workspaceId: workspace.id,
              memberId,
              communityId: null,
              draft,
              target: 20,
              unit: null,
              reworksGoalId: null,
              at: new Date(),
            },
            3,
          ),
        );
      await Promise.all([
        save(database, ana.id),
        save(second, ana.id),
        save(database, ben.id),
        save(second, ana.id),
        save(second, ben.id),
      ]);
      expect(
        await rows(`select m.external_id, g.number from goals g join members m on m.id = g.member_id order by 1, 2`),
      ).toEqual([
        { external_id: 'UANA', number: 1 },
        { external_id: 'UANA', number: 2 },
        { external_id: 'UANA', number: 3 },
        { external_id: 'UBEN', number: 1 },
        { external_id: 'UBEN', number: 2 },
      ]);

      // Ana sets goal 2 aside; a save and an undo at once cannot both pass the cap of 3.
      const [two] = await rows(`select id from goals where member_id = ${ana.id} and number = 2`);
      expect(
        await store.goals.end({ goalId: Number(two?.id), memberId: ana.id, status: 'dropped', at: new Date() }),
      ).toBe(true);
      const undo = createStore(second.db).transaction((repos) =>
        repos.goals.reopen({ memberId: ana.id, since: new Date(Date.now() - 60_000), cap: 3 }),
      );
      const [saved, undone] = await Promise.all([save(database, ana.id), undo]);
      expect(
        [
          saved === null ? 'refused' : 'saved',
          typeof undone === 'object' && undone !== null ? 'undone' : String(undone),
        ].sort(),
      ).toEqual(saved === null ? ['refused', 'undone'] : ['saved', 'too-many']);
      expect(
        await rows(`select count(*)::int as n from goals where member_id = ${ana.id} and status = 'active'`),
      ).toEqual([{ n: 3 }]);
      // A new goal never takes a number already used, even one of a goal that ended.
      expect(await rows(`select number from goals where member_id = ${ana.id} order by number`)).toEqual(
        saved === null
          ? [{ number: 1 }, { number: 2 }, { number: 3 }]
          : [{ number: 1 }, { number: 2 }, { number: 3 }, { number: 4 }],
      );
    } finally {
      if (second !== database) await second.close();
    }
  });
});
