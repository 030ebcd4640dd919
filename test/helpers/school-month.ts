import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUDGE } from '../../src/core/nudges/plan-nudge.js';
import { nextNudgeSlot } from '../../src/core/nudges/schedule.js';
import { openDatabase, type OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { deliverDue } from '../../src/scheduler/deliver.js';
import { planDue } from '../../src/scheduler/plan.js';
import { silentLog } from './driver.js';
import { openTestDatabase, testDatabaseKinds, type TestDatabaseKind } from './databases.js';

// A simulated school month: members in four zones, each with a goal, ticked every half hour through
// March 2026 by two scheduler instances. The month has a week-long break and a one-day holiday.
// Each kind of database runs it in a test file of its own, so that the two months run side by side.

const START = new Date('2026-03-01T00:00:00Z');
const END = new Date('2026-04-01T00:00:00Z');
const CLOSURES = [
  { from: '2026-03-16', to: '2026-03-20' },
  { from: '2026-03-25', to: '2026-03-25' },
];
const STEP_MS = 30 * 60_000;

/** The month on one kind of database; skipped when that kind is not being tested. */
export function schoolMonthOfNudges(kind: TestDatabaseKind): void {
  describe.skipIf(!testDatabaseKinds.includes(kind))(`a school month of nudges on ${kind}`, () => {
    const members = kind === 'postgres' ? 1000 : 40;
    let first: OpenDatabase;
    let second: OpenDatabase;

    beforeAll(async () => {
      first = await openTestDatabase(kind);
      second =
        kind === 'postgres'
          ? await openDatabase({
              kind: 'postgres',
              url: process.env.TEST_DATABASE_URL ?? '',
              ...(first.schema ? { schema: first.schema } : {}),
            })
          : first;
      const db = first.db;
      const [workspace] = (
        await sql<{
          id: number;
        }>`insert into workspaces (platform, external_id, time_zone) values ('slack', 'T-month', 'UTC') returning id`.execute(
          db,
        )
      ).rows;
      const workspaceId = workspace?.id ?? 0;
      for (const closure of CLOSURES) {
        await sql`insert into calendar (workspace_id, starts_on, ends_on, label) values (${workspaceId}, ${closure.from}, ${closure.to}, 'Break')`.execute(
          db,
        );
      }
      // Member n: zone n % 4, school day n % 5 + 1, time 07:00 + (n % 20) half hours.
      await sql`
        insert into members (workspace_id, external_id, display_name, time_zone, nudge_day, nudge_minute)
        select ${workspaceId}, 'U' || n, 'Teacher ' || n,
               (array['America/Chicago', 'Australia/Sydney', 'Asia/Kolkata', 'Europe/London'])[n % 4 + 1],
               n % 5 + 1, 420 + (n % 20) * 30
        from generate_series(0, ${members - 1}) as n`.execute(db);
      await sql`
        insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
        select workspace_id, id, 'Read aloud', '10 read-alouds', 10, 'read-alouds', '2026-06-30', ${START} from members`.execute(
        db,
      );
      const rows = (
        await sql<{
          id: number;
          time_zone: string;
          nudge_day: number;
          nudge_minute: number;
        }>`select id, time_zone, nudge_day, nudge_minute from members`.execute(db)
      ).rows;
      for (const row of rows) {
        const next = nextNudgeSlot({
          prefs: { enabled: true, day: row.nudge_day, minute: row.nudge_minute },
          timeZone: row.time_zone,
          after: START,
          closures: CLOSURES,
        });
        await sql`update members set next_nudge_at = ${next} where id = ${row.id}`.execute(db);
      }
    }, 300_000);

    afterAll(async () => {
      if (second !== first) await second?.close();
      await first?.close();
    });

    it("sends each member's due nudges exactly once, never on a weekend or a closed day", async () => {
      const sends = new Map<string, string[]>();
      const instance = (database: OpenDatabase, name: string) => {
        const store = createStore(database.db);
        const outbox = outboxRepo(database.db);
        return async (now: Date) => {
          await planDue({ store, now });
          for (;;) {
            const round = await deliverDue({
              outbox,
              handlers: {
                [NUDGE]: async (item) => {
                  const key = `${String(item.memberId)}@${item.dueAt.toISOString()}`;
                  sends.set(key, [...(sends.get(key) ?? []), name]);
                },
              },
              now: () => now,
              worker: name,
              leaseMs: 60_000,
              batchSize: 100,
              dryRun: false,
              log: silentLog,
            });
            if (round.claimed === 0) return;
          }
        };
      };
      const a = instance(first, 'a');
      const b = instance(second, 'b');
      for (let t = START.getTime(); t < END.getTime(); t += STEP_MS) {
        await Promise.all([a(new Date(t)), b(new Date(t))]);
      }

      // Exactly once, by either instance; on PostgreSQL both did some of the work (the embedded
      // database serialises everything, so there one instance may take it all).
      expect([...sends.values()].every((senders) => senders.length === 1)).toBe(true);
      if (kind === 'postgres') {
        const senders = [...sends.values()].flat();
        expect(senders.filter((s) => s === 'a').length).toBeGreaterThan(0);
        expect(senders.filter((s) => s === 'b').length).toBeGreaterThan(0);
      }

      // Never on a weekend or a closed day, in the member's own zone.
      const zoneOf = new Map(
        (
          await sql<{
            id: number;
            time_zone: string;
            nudge_day: number;
            nudge_minute: number;
          }>`select id, time_zone, nudge_day, nudge_minute from members`.execute(first.db)
        ).rows.map((r) => [r.id, r]),
      );
      for (const key of sends.keys()) {
        const [memberId, at] = key.split('@');
        const member = zoneOf.get(Number(memberId));
        const local = DateTime.fromISO(at ?? '').setZone(member?.time_zone ?? 'UTC');
        expect(local.weekday, key).toBeLessThanOrEqual(5);
        expect(
          CLOSURES.some((c) => c.from <= (local.toISODate() ?? '') && (local.toISODate() ?? '') <= c.to),
          key,
        ).toBe(false);
        expect(local.hour * 60 + local.minute).toBe(member?.nudge_minute);
      }

      // None lost: every member got every slot of the month, counted independently of the planner.
      for (const member of zoneOf.values()) {
        let expected = 0;
        for (
          let day = DateTime.fromISO('2026-03-01', { zone: member.time_zone });
          day.month === 3;
          day = day.plus({ days: 1 })
        ) {
          const date = day.toISODate() ?? '';
          const closed = (d: string) => CLOSURES.some((c) => c.from <= d && d <= c.to);
          if (day.weekday !== member.nudge_day) continue;
          // The slot day, or the next open school day of the same week.
          let moved = day;
          while (moved.weekday <= 5 && closed(moved.toISODate() ?? '')) moved = moved.plus({ days: 1 });
          const slot = moved.set({ hour: Math.floor(member.nudge_minute / 60), minute: member.nudge_minute % 60 });
          if (
            moved.weekday <= 5 &&
            slot.toMillis() > START.getTime() &&
            slot.toMillis() < END.getTime() - STEP_MS &&
            date
          )
            expected++;
        }
        const got = [...sends.keys()].filter(
          (key) => key.startsWith(`${member.id}@`) && Date.parse(key.split('@')[1] ?? '') < END.getTime() - STEP_MS,
        ).length;
        expect(got, `member ${member.id} in ${member.time_zone}`).toBe(expected);
      }
      expect(sends.size).toBeGreaterThan(members * 3);
    }, 600_000);
  });
}
