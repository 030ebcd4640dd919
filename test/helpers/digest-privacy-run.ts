import fc from 'fast-check';
import { sql } from 'kysely';
import type { StoredWeek } from '../../src/core/digest/figures.js';
import { lastFullWeek } from '../../src/core/digest/week.js';
import { sendDigest } from '../../src/core/use-cases/digest/send-digest.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { emptyTables } from './databases.js';
import { csvReadings, digestReadings, type Reading } from './digest-readings.js';
import { createDriver, silentLog } from './driver.js';
import { RecordingChat } from './recording-chat.js';

// The random school of the digest privacy property: circles and memberships, goals and check-ins over
// four weeks, and a run of what people do afterwards, played on a real database and read back as an
// admin reads it, with a model of the rows each figure was counted from.

const HOUR = 3_600_000;
const ACTIVITY_FROM = Date.parse('2026-11-09T00:00:00Z');
const ACTIONS_FROM = Date.parse('2026-11-23T00:00:00Z');
const TEACHERS = 8;
const NAMES = ['Alder', 'Birch', 'Cedar', 'Damson', 'Elm'];
const ADMINS = ['lee', 'kim'];

const hours = (max: number) => fc.integer({ min: 0, max });
export const scenario = fc.record({
  circles: fc.array(fc.uniqueArray(fc.integer({ min: 1, max: TEACHERS }), { minLength: 1, maxLength: 5 }), {
    minLength: 2,
    maxLength: NAMES.length,
  }),
  goals: fc.array(
    fc.record({
      teacher: fc.integer({ min: 1, max: TEACHERS }),
      circle: fc.nat(),
      at: hours(28 * 24 - 1),
      end: fc.option(
        fc.record({
          status: fc.constantFrom('achieved', 'reworked', 'dropped'),
          after: fc.integer({ min: 1, max: 300 }),
        }),
        { nil: null },
      ),
    }),
    { minLength: 8, maxLength: 40 },
  ),
  checkins: fc.array(
    fc.record({ teacher: fc.integer({ min: 1, max: TEACHERS }), circle: fc.nat(), at: hours(28 * 24 - 1) }),
    { minLength: 8, maxLength: 40 },
  ),
  secondAdminZone: fc.constantFrom('UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kolkata'),
  actions: fc.array(
    fc.record({
      at: hours(28 * 24 - 1),
      what: fc.oneof(
        fc.record({
          kind: fc.constantFrom('preview' as const, 'export' as const, 'send' as const),
          admin: fc.integer({ min: 0, max: 1 }),
        }),
        fc.record({ kind: fc.constant('forget' as const), teacher: fc.integer({ min: 1, max: TEACHERS }) }),
        fc.record({
          kind: fc.constant('pad' as const),
          circle: fc.nat(),
          teacher: fc.integer({ min: 1, max: TEACHERS }),
        }),
        fc.record({ kind: fc.constant('threshold' as const), threshold: fc.integer({ min: 3, max: 5 }) }),
      ),
    }),
    { minLength: 4, maxLength: 10 },
  ),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** One countable act, as the model knows it. */
export interface Act {
  teacher: number;
  circle: number;
  kind: 'opening' | 'goal';
  at: number;
  end: { status: string; at: number } | null;
}

/** Seeds the scenario, plays its actions in time order, and returns everything an admin could read. */
export async function playScenario(database: OpenDatabase, s: Scenario) {
  await emptyTables(database);
  const db = database.db;
  const store = createStore(db);
  const one = async (query: ReturnType<typeof sql<{ id: number }>>) => Number((await query.execute(db)).rows[0]?.id);
  const workspaceId = await one(
    sql<{
      id: number;
    }>`insert into workspaces (platform, external_id, name, time_zone) values ('console', 'T1', 'School', 'UTC') returning id`,
  );
  // Two admins, the second in a random zone: their weeks start at different instants.
  const admins = ADMINS.map((externalId, i) => ({ externalId, zone: i === 0 ? 'UTC' : s.secondAdminZone }));
  const adminIds: number[] = [];
  for (const admin of admins) {
    adminIds.push(
      await one(
        sql<{
          id: number;
        }>`insert into members (workspace_id, external_id, display_name, time_zone, is_admin) values (${workspaceId}, ${admin.externalId}, ${admin.externalId}, ${admin.zone}, true) returning id`,
      ),
    );
  }
  const teacherIds = new Map<number, number>();
  for (let t = 1; t <= TEACHERS; t++) {
    teacherIds.set(
      t,
      await one(
        sql<{
          id: number;
        }>`insert into members (workspace_id, external_id, display_name, time_zone) values (${workspaceId}, ${`UT${t}`}, ${`T${t}`}, 'UTC') returning id`,
      ),
    );
  }
  const circleIds: number[] = [];
  for (const [i, people] of s.circles.entries()) {
    const id = await one(sql<{ id: number }>`
      insert into communities (workspace_id, channel_id, name, time_zone, created_at) values (${workspaceId}, ${`C${i}`}, ${NAMES[i]}, 'UTC', '2026-10-01T00:00:00Z') returning id`);
    circleIds.push(id);
    for (const t of people)
      await sql`insert into community_members (community_id, member_id) values (${id}, ${teacherIds.get(t)})`.execute(
        db,
      );
  }
  const circleOf = (n: number) => circleIds[n % circleIds.length] ?? 0;

  const acts: Act[] = [];
  for (const g of s.goals) {
    const at = ACTIVITY_FROM + g.at * HOUR;
    const end = g.end ? { status: g.end.status, at: at + g.end.after * HOUR } : null;
    acts.push({ teacher: g.teacher, circle: circleOf(g.circle), kind: 'goal', at, end });
    await sql`
      insert into goals (workspace_id, member_id, community_id, specific, measure, target, unit, due_on, status, created_at, ended_at)
      values (${workspaceId}, ${teacherIds.get(g.teacher)}, ${circleOf(g.circle)}, 'g', 'm', 10, 'times', '2027-03-01', ${end?.status ?? 'active'}, ${new Date(at)}, ${end ? new Date(end.at) : null})`.execute(
      db,
    );
  }
  for (const [i, c] of s.checkins.entries()) {
    const at = ACTIVITY_FROM + c.at * HOUR;
    acts.push({ teacher: c.teacher, circle: circleOf(c.circle), kind: 'opening', at, end: null });
    const session = await one(sql<{ id: number }>`
      insert into sessions (community_id, phase, channel_id, root_message_id, opened_at, closed_at)
      values (${circleOf(c.circle)}, 'closed', 'C', ${`root-${i}`}, ${new Date(at)}, ${new Date(at + HOUR)}) returning id`);
    await sql`insert into checkins (session_id, member_id, phase, text, shared_with_leaders, source, created_at, updated_at)
      values (${session}, ${teacherIds.get(c.teacher)}, 'opening', 'x', false, 'thread', ${new Date(at)}, ${new Date(at)})`.execute(
      db,
    );
  }

  // What people do afterwards, in time order; after each step, the weeks it stored are noted.
  const readings: Reading[] = [];
  const texts: { weekStart: string | null; text: string }[] = [];
  const forgottenAtStep = new Map<number, number>();
  const countedAtStep = new Map<string, number>();
  const actions = [...s.actions].sort((a, b) => a.at - b.at);
  for (const [step, action] of actions.entries()) {
    const now = new Date(ACTIONS_FROM + action.at * HOUR);
    const what = action.what;
    if (what.kind === 'forget') {
      if (!forgottenAtStep.has(what.teacher)) {
        await store.members.forget({
          memberId: teacherIds.get(what.teacher) ?? 0,
          workspaceId,
          externalId: `UT${what.teacher}`,
          platform: 'console',
          at: now,
        });
        forgottenAtStep.set(what.teacher, step);
      }
    } else if (what.kind === 'pad') {
      if (!forgottenAtStep.has(what.teacher)) {
        await sql`insert into community_members (community_id, member_id) values (${circleOf(what.circle)}, ${teacherIds.get(what.teacher)}) on conflict do nothing`.execute(
          db,
        );
      }
    } else if (what.kind === 'threshold') {
      await store.digests.setThreshold(workspaceId, what.threshold);
    } else {
      const admin = admins[what.admin] ?? { externalId: 'lee', zone: 'UTC' };
      const weekStart = lastFullWeek(now, admin.zone).startDate;
      const source = `${what.kind} at step ${step}`;
      if (what.kind === 'send') {
        const chat = new RecordingChat();
        await sendDigest(
          { store, now, log: silentLog, chatFor: async () => chat },
          { memberId: adminIds[what.admin] ?? 0, weekStart },
        );
        // A larger school's digest comes with its table as a file: both are read.
        for (const sent of chat.sent) {
          if (sent.kind !== 'dm' && sent.kind !== 'files') continue;
          const text = [sent.message.text, ...(sent.message.sections ?? [])].join('\n');
          readings.push(...digestReadings(source, weekStart, text));
          texts.push({ weekStart, text });
          for (const file of sent.kind === 'files' ? sent.files : []) {
            readings.push(...csvReadings(source, file.content));
            texts.push({ weekStart, text: file.content });
          }
        }
      } else {
        const bot = createDriver(store, { now });
        await bot
          .as(admin.externalId, `D-${admin.externalId}`)
          .say(what.kind === 'preview' ? 'digest' : 'export workspace', {
            user: { externalId: admin.externalId, name: admin.externalId, timeZone: admin.zone },
          });
        for (const sent of bot.chat.sent) {
          if ((sent.kind === 'ephemeral' || sent.kind === 'files') && what.kind === 'preview') {
            const text = [sent.message.text, ...(sent.message.sections ?? [])].join('\n');
            readings.push(...digestReadings(source, weekStart, text));
            texts.push({ weekStart, text });
          }
          if (sent.kind === 'files') {
            for (const file of sent.files) {
              readings.push(...csvReadings(source, file.content));
              texts.push({ weekStart: null, text: file.content });
            }
          }
        }
      }
    }
    const { rows } = await sql<{
      week: string;
    }>`select week_start::text as week from digest_weeks where workspace_id = ${workspaceId}`.execute(db);
    for (const row of rows) if (!countedAtStep.has(row.week)) countedAtStep.set(row.week, step);
  }
  const { rows } = await sql<{
    week: string;
    figures: StoredWeek;
  }>`select week_start::text as week, figures from digest_weeks order by week_start`.execute(db);
  return {
    readings,
    texts,
    stored: rows.map((r) => r.figures),
    countedAtStep,
    forgottenAtStep,
    acts,
    circleIds,
    names: new Map(circleIds.map((id, i) => [id, NAMES[i] ?? ''])),
  };
}
