import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { emptyTables, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';

// A district keeps the default slot: more members due in one minute than one planning batch holds,
// and more than Slack takes at once. One tick plans them all, each at its own moment of the slot's
// first minutes, in an order drawn afresh each week.

const SLOT = new Date('2026-01-13T21:30:00Z'); // Tuesday 15:30 in Chicago
const NEXT = new Date('2026-01-20T21:30:00Z');
const TEACHERS = 550;

describe.each(testDatabaseKinds)('a crowded nudge slot on %s', (kind) => {
  let database: OpenDatabase;
  const db = () => database.db;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
  });

  async function seed(platform: string, externalId: string, teachers: number): Promise<number> {
    const [workspace] = (
      await sql<{
        id: number;
      }>`insert into workspaces (platform, external_id, time_zone) values (${platform}, ${externalId}, 'America/Chicago') returning id`.execute(
        db(),
      )
    ).rows;
    const id = workspace?.id ?? 0;
    await sql`
      insert into members (workspace_id, external_id, display_name, time_zone, nudge_day, nudge_minute, next_nudge_at)
      select ${id}, 'U' || n, 'Teacher ' || n, 'America/Chicago', 2, 930, ${SLOT} from generate_series(1, ${teachers}) as n`.execute(
      db(),
    );
    await sql`
      insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
      select workspace_id, id, 'Read aloud daily', '20 read-alouds', 20, 'read-alouds', '2026-06-30', '2026-01-01T00:00:00Z' from members where workspace_id = ${id}`.execute(
      db(),
    );
    return id;
  }

  /** Each member's nudge for the slot, as seconds after it. */
  async function offsets(workspaceId: number, slot: Date): Promise<Map<number, number>> {
    const rows = await sql<{ member_id: number; due_at: Date }>`
      select member_id, due_at from outbox where kind = 'nudge' and workspace_id = ${workspaceId} and due_at >= ${slot} and due_at < ${new Date(slot.getTime() + 86_400_000)}`.execute(
      db(),
    );
    return new Map(rows.rows.map((row) => [row.member_id, (row.due_at.getTime() - slot.getTime()) / 1000]));
  }

  it('plans every member in one tick, spread over the seconds Slack needs for them, in a new order each week', async () => {
    const district = await seed('slack', 'T1', TEACHERS);
    const school = await seed('slack', 'T2', 8);
    const store = createStore(db());

    expect(await planDue({ store, now: new Date(SLOT.getTime() + 5000) })).toBe(TEACHERS + 8);
    const week1 = await offsets(district, SLOT);
    expect(week1.size).toBe(TEACHERS);
    // 550 at 12.5 a second: within 44 s of the slot, spread across it rather than all at once.
    const seconds = [...week1.values()];
    expect(Math.max(...seconds)).toBeLessThan(44);
    expect(new Set(seconds.map(Math.floor)).size).toBeGreaterThan(35);
    // A school whose slot Slack takes at once gets every nudge at the slot.
    expect([...(await offsets(school, SLOT)).values()]).toEqual(Array.from({ length: 8 }, () => 0));

    // Everyone moved on to next week's slot, once.
    const [{ count }] = (
      await sql<{ count: number }>`select count(*)::int as count from members where next_nudge_at = ${NEXT}`.execute(
        db(),
      )
    ).rows as [{ count: number }];
    expect(count).toBe(TEACHERS + 8);

    expect(await planDue({ store, now: new Date(NEXT.getTime() + 5000) })).toBe(TEACHERS + 8);
    const week2 = await offsets(district, NEXT);
    const last = (week: Map<number, number>) =>
      new Set(
        [...week.entries()]
          .sort((a, b) => a[1] - b[1])
          .slice(-55)
          .map(([member]) => member),
      );
    const lastBoth = [...last(week1)].filter((member) => last(week2).has(member));
    // The last tenth of one week shares about a tenth with the next week's; the same order would share all 55.
    expect(lastBoth.length).toBeLessThan(20);
  }, 180_000);
});
