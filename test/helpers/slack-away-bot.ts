import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { paceBudgetRepo } from '../../src/db/repositories/pace-budgets.js';
import { LOOKUP_LIMITS } from '../../src/scheduler/pacer.js';
import { timedChat } from '../../src/scheduler/timed-chat.js';
import { emptyTables, openTestDatabase, type TestDatabaseKind } from './databases.js';
import { deliverNow } from './deliver-now.js';
import { startSlackBot } from './slack-bot.js';
import { postToSlackEndpoint, userChangeEvent } from './slack-requests.js';

// A Slack bot on a test database for the enclosing `describe`, with teachers a nudge is due on, and
// delivery rounds run as a replica runs them: the real Slack adapter, paced by the budgets in the
// database, against the fake Web API.

export const now = new Date('2026-03-02T15:30:00Z');

export function useAwayBot(kind: TestDatabaseKind) {
  let database: OpenDatabase | undefined;
  let bot: Awaited<ReturnType<typeof startSlackBot>> | undefined;
  let workspaceId = 0;
  const rows = <T = Record<string, unknown>>(query: string) =>
    sql
      .raw<T>(query)
      .execute(db().db)
      .then((r) => r.rows);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    bot = await startSlackBot(database, { now: () => now });
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(db());
    awayBot().fake.calls.length = 0;
    awayBot().fake.received.length = 0;
    awayBot().fake.users.clear();
    const [workspace] = (
      await sql<{
        id: number;
      }>`insert into workspaces (platform, external_id) values ('slack', 'T1') returning id`.execute(db().db)
    ).rows;
    workspaceId = workspace?.id ?? 0;
  });

  const db = () => {
    if (!database) throw new Error('the test database is not open yet');
    return database;
  };
  const awayBot = () => {
    if (!bot) throw new Error('the Slack bot is not started yet');
    return bot;
  };
  /** A teacher the bot knows, with one goal a nudge is due on. */
  const addTeacher = async (user: string) => {
    const [member] = (
      await sql<{
        id: number;
      }>`insert into members (workspace_id, external_id, display_name, time_zone) values (${workspaceId}, ${user}, ${user}, 'America/New_York') returning id`.execute(
        db().db,
      )
    ).rows;
    const [goal] = (
      await sql<{ id: number }>`
        insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
        values (${workspaceId}, ${member?.id}, 'Read aloud', '10 read-alouds', 10, 'read-alouds', '2026-06-30', ${now}) returning id`.execute(
        db().db,
      )
    ).rows;
    return { user, memberId: member?.id ?? 0, goalIds: [goal?.id ?? 0] };
  };
  const enqueueNudges = (teachers: { user: string; memberId: number; goalIds: number[] }[], round = 'a') =>
    outboxRepo(db().db).enqueue(
      teachers.map(({ user, memberId, goalIds }) => ({
        workspaceId,
        memberId,
        kind: 'nudge',
        key: `nudge:${round}:${user}`,
        dueAt: now,
        payload: { memberId, goalIds },
      })),
    );
  /**
   * One delivery round as a replica runs it: the Slack adapter's ChatPort, paced by the budgets in
   * the database. The look-up bucket keeps Slack's burst but does not refill during the test, so what
   * it allows does not depend on how fast this machine is.
   */
  const deliverRound = () =>
    deliverNow(db(), {
      now,
      chatFor: async (platform, team) =>
        timedChat(await awayBot().chatFor(team), {
          platform,
          workspace: team,
          budget: paceBudgetRepo(db().db),
          lookupLimits: {
            ...LOOKUP_LIMITS,
            slack: { method: 'users.info', burst: LOOKUP_LIMITS.slack?.burst ?? 5, perMs: 24 * 3_600_000 },
          },
        }),
    });
  /** Delivery rounds until nothing due is left; how many were sent. */
  const deliver = async () => {
    let sent = 0;
    for (;;) {
      const round = await deliverRound();
      if (round.claimed === 0) return { sent };
      sent += round.sent;
    }
  };
  /** Slack tells of a change to the person as the fake knows them now. */
  const changed = (
    user: string,
    eventId: string,
    type: 'user_change' | 'user_status_changed' = 'user_change',
    headers: Record<string, string> = {},
  ) =>
    postToSlackEndpoint(awayBot().baseUrl, userChangeEvent(awayBot().fake.userObject(user), { eventId, type }), {
      headers,
    });
  const nudgedUsers = () =>
    awayBot()
      .fake.callsTo('chat.postMessage')
      .map((call) => String(call.channel))
      .sort();

  return {
    db,
    bot: awayBot,
    rows,
    addTeacher,
    enqueueNudges,
    deliver,
    changed,
    nudgedUsers,
  };
}
