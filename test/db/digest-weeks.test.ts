import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openSecondInstance, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { seedSchool } from '../helpers/digest-seed.js';
import { deliverWith } from '../helpers/delivery.js';
import { RecordingChat } from '../helpers/recording-chat.js';

// Five weeks across the autumn clock changes, ticked every hour by two scheduler instances, with
// admins in four zones. Halfway through, the digest moves from Monday 07:30 to Friday 10:00.

const ZONES = ['America/Chicago', 'Australia/Sydney', 'Asia/Kolkata', 'Europe/London'];
const START = new Date('2026-10-19T00:00:00Z');
const END = new Date('2026-11-23T00:00:00Z');
const CHANGE = new Date('2026-11-04T12:00:00Z');
const STEP_MS = 60 * 60_000;

/** The weeks an admin's digests should cover, worked out without the planner: one per send time. */
function expectedWeeks(zone: string, lastTick: Date): string[] {
  const weeks: string[] = [];
  for (
    let day = DateTime.fromJSDate(START).setZone(zone).startOf('day');
    day.toMillis() <= lastTick.getTime();
    day = day.plus({ days: 1 })
  ) {
    const monday = day.weekday === 1 ? day.set({ hour: 7, minute: 30 }) : null;
    const friday = day.weekday === 5 ? day.set({ hour: 10, minute: 0 }) : null;
    const slot =
      monday && monday.toMillis() <= CHANGE.getTime()
        ? monday
        : friday && friday.toMillis() > CHANGE.getTime()
          ? friday
          : null;
    if (!slot || slot.toMillis() <= START.getTime() || slot.toMillis() > lastTick.getTime()) continue;
    const week = slot.startOf('week').minus({ weeks: 1 }).toISODate() ?? '';
    if (!weeks.includes(week)) weeks.push(week);
  }
  return weeks;
}

describe.each(testDatabaseKinds)('a term of weekly digests on %s', (kind) => {
  const admins = kind === 'postgres' ? 24 : 6;
  let first: OpenDatabase;
  let second: OpenDatabase;
  let workspaceId = 0;

  beforeAll(async () => {
    first = await openTestDatabase(kind);
    second = await openSecondInstance(first, kind);
    const school = await seedSchool(first.db, { adminExternalId: 'UADMIN0' });
    workspaceId = school.workspaceId;
    await sql`update members set time_zone = ${ZONES[0]} where id = ${school.adminId}`.execute(first.db);
    await sql`
      insert into members (workspace_id, external_id, display_name, time_zone, is_admin)
      select ${workspaceId}, 'UADMIN' || n, 'Admin ' || n, (array['America/Chicago', 'Australia/Sydney', 'Asia/Kolkata', 'Europe/London'])[n % 4 + 1], true
      from generate_series(1, ${admins - 1}) as n`.execute(first.db);
  }, 120_000);

  afterAll(async () => {
    if (second !== first) await second?.close();
    await first?.close();
  });

  it('sends each admin one digest a week, in their own zone, however many instances tick', async () => {
    const sent: { instance: string; user: string; title: string }[] = [];
    const instance = (database: OpenDatabase, name: string) => {
      const store = createStore(database.db);
      const outbox = outboxRepo(database.db);
      const chat = new RecordingChat();
      return async (now: Date) => {
        await planDue({ store, now });
        for (;;) {
          const before = chat.sent.length;
          const round = await deliverWith({
            store,
            outbox,
            now,
            chatFor: async () => chat,
            worker: name,
            batchSize: 50,
          });
          for (const s of chat.sent.slice(before))
            if (s.kind === 'dm') sent.push({ instance: name, user: s.to.user, title: s.message.text });
          if (round.claimed === 0) return;
        }
      };
    };
    const a = instance(first, 'a');
    const b = instance(second, 'b');
    let lastTick = START;
    for (let t = START.getTime(); t < END.getTime(); t += STEP_MS) {
      lastTick = new Date(t);
      // An admin moves the digest before either instance plans that hour.
      if (t === CHANGE.getTime()) await createStore(first.db).digests.setTime(workspaceId, { day: 5, minute: 600 });
      await Promise.all([a(lastTick), b(lastTick)]);
    }

    const rows = (
      await sql<{ external_id: string; time_zone: string; weeks: string[] }>`
      select m.external_id, m.time_zone, array_agg(d.week_start::text order by d.week_start) as weeks
      from members m left join digests_sent d on d.admin_member_id = m.id
      where m.is_admin group by m.external_id, m.time_zone order by m.external_id`.execute(first.db)
    ).rows;
    expect(rows).toHaveLength(admins);
    for (const row of rows) {
      const expected = expectedWeeks(row.time_zone, lastTick);
      expect(row.weeks, `${row.external_id} in ${row.time_zone}`).toEqual(expected);
      // One direct message per week: the move to Fridays did not send the same week again.
      expect(sent.filter((s) => s.user === row.external_id).length, row.external_id).toBe(expected.length);
    }
    expect(sent.length).toBeGreaterThanOrEqual(admins * 4);
    // Each week was counted once, whichever instance or admin came first: every admin was sent the
    // figures stored for it, though their zones start the week at different instants.
    const { rows: differing } = await sql`
      select d.week_start from digests_sent d
      left join digest_weeks w on w.workspace_id = d.workspace_id and w.week_start = d.week_start
      where w.figures is distinct from d.figures`.execute(first.db);
    expect(differing).toEqual([]);
    expect(sent.every((s) => s.title.startsWith('Your Mentor Circle digest for the week of'))).toBe(true);
    if (kind === 'postgres') {
      expect(sent.some((s) => s.instance === 'a')).toBe(true);
      expect(sent.some((s) => s.instance === 'b')).toBe(true);
    }
  }, 600_000);
});
