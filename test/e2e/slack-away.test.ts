import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { paceBudgetRepo } from '../../src/db/repositories/pace-budgets.js';
import { LOOKUP_LIMITS } from '../../src/scheduler/pacer.js';
import { timedChat } from '../../src/scheduler/timed-chat.js';
import { emptyTables, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { startSlackBot } from '../helpers/slack-bot.js';
import { eventBody, postToSlackEndpoint, userChangeEvent } from '../helpers/slack-requests.js';

// Away statuses are kept from Slack's user_change and user_status_changed events, so that a nudge
// asks Slack nothing (users.info is Tier 4: 10,000 look-ups for one district slot would take well
// over an hour). Everything here goes through the real HTTP endpoint with signed events, and the
// nudges through the real Slack adapter, paced as the scheduler paces them, against the fake Web API.

const now = new Date('2026-03-02T15:30:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

describe.each(testDatabaseKinds)('away status from Slack events (%s)', (kind) => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let workspaceId = 0;
  const rows = <T = Record<string, unknown>>(query: string) =>
    sql
      .raw<T>(query)
      .execute(database.db)
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
    await emptyTables(database);
    bot.fake.calls.length = 0;
    bot.fake.received.length = 0;
    bot.fake.users.clear();
    const [workspace] = (
      await sql<{
        id: number;
      }>`insert into workspaces (platform, external_id) values ('slack', 'T1') returning id`.execute(database.db)
    ).rows;
    workspaceId = workspace?.id ?? 0;
  });

  /** A teacher the bot knows, with one goal a nudge is due on. */
  const addTeacher = async (user: string) => {
    const [member] = (
      await sql<{
        id: number;
      }>`insert into members (workspace_id, external_id, display_name, time_zone) values (${workspaceId}, ${user}, ${user}, 'America/New_York') returning id`.execute(
        database.db,
      )
    ).rows;
    const [goal] = (
      await sql<{ id: number }>`
        insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
        values (${workspaceId}, ${member?.id}, 'Read aloud', '10 read-alouds', 10, 'read-alouds', '2026-06-30', ${now}) returning id`.execute(
        database.db,
      )
    ).rows;
    return { user, memberId: member?.id ?? 0, goalIds: [goal?.id ?? 0] };
  };
  const enqueueNudges = (teachers: { user: string; memberId: number; goalIds: number[] }[], round = 'a') =>
    outboxRepo(database.db).enqueue(
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
    deliverNow(database, {
      now,
      chatFor: async (platform, team) =>
        timedChat(await bot.chatFor(team), {
          platform,
          workspace: team,
          budget: paceBudgetRepo(database.db),
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
  ) => postToSlackEndpoint(bot.baseUrl, userChangeEvent(bot.fake.userObject(user), { eventId, type }), { headers });
  const nudgedUsers = () =>
    bot.fake
      .callsTo('chat.postMessage')
      .map((call) => String(call.channel))
      .sort();

  it('sends every nudge without asking Slack once when statuses came from events, skipping those away', async () => {
    const teachers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => addTeacher(`UT${String(i).padStart(2, '0')}`)),
    );
    for (const { user } of teachers) bot.fake.users.set(user, { id: user, name: user, status_emoji: ':coffee:' });
    // Two away until they clear it, one ill until Thursday, one whose holiday status ran out an hour ago.
    bot.fake.users.set('UT00', { id: 'UT00', name: 'UT00', status_emoji: ':palm_tree:' });
    bot.fake.users.set('UT01', { id: 'UT01', name: 'UT01', status_emoji: ':desert_island:' });
    bot.fake.users.set('UT02', {
      id: 'UT02',
      name: 'UT02',
      status_emoji: ':face_with_thermometer:',
      status_expiration: seconds(now) + 3 * 86_400,
    });
    bot.fake.users.set('UT03', {
      id: 'UT03',
      name: 'UT03',
      status_emoji: ':palm_tree:',
      status_expiration: seconds(now) - 3600,
    });
    for (const [i, { user }] of teachers.entries()) {
      expect((await changed(user, `EvStatus${i}`, i % 2 ? 'user_status_changed' : 'user_change')).status).toBe(200);
    }

    await enqueueNudges(teachers);
    expect(await deliver()).toMatchObject({ sent: 12 });
    expect(nudgedUsers()).toEqual(
      teachers.map((t) => t.user).filter((user) => !['UT00', 'UT01', 'UT02'].includes(user)),
    );
    expect(bot.fake.countOf('users.info')).toBe(0);
    // Skipped for being away is not counted as unanswered.
    expect(
      await rows(
        `select m.external_id, g.unanswered_nudges from goals g join members m on m.id = g.member_id where m.external_id in ('UT00', 'UT03') order by 1`,
      ),
    ).toEqual([
      { external_id: 'UT00', unanswered_nudges: 0 },
      { external_id: 'UT03', unanswered_nudges: 1 },
    ]);
  });

  it('asks Slack about statuses never heard only as far as the shared look-up budget goes, and nudges the rest at once', async () => {
    const teachers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => addTeacher(`US${String(i).padStart(2, '0')}`)),
    );
    // Everyone is on holiday, but no event said so: only those Slack is asked about are found away.
    for (const { user } of teachers) bot.fake.users.set(user, { id: user, name: user, status_emoji: ':palm_tree:' });
    await enqueueNudges(teachers);
    expect(await deliver()).toMatchObject({ sent: 12 });
    const burst = LOOKUP_LIMITS.slack?.burst ?? 0;
    expect(bot.fake.countOf('users.info')).toBe(burst);
    expect(nudgedUsers()).toHaveLength(12 - burst);
    expect(
      await rows(
        `select count(*)::int as n from members where profile_refreshed_at is not null and away_until = 'infinity'`,
      ),
    ).toEqual([{ n: burst }]);

    // Another round, as another replica would run it: the budget is the database's, and it is spent.
    await enqueueNudges(teachers, 'b');
    expect(await deliver()).toMatchObject({ sent: 12 });
    expect(bot.fake.countOf('users.info')).toBe(burst);
    // Those asked about are still away, from what was kept; the others are nudged again.
    expect(nudgedUsers()).toHaveLength(2 * (12 - burst));
  });

  it('asks Slack again about a status last heard more than a day ago', async () => {
    const teacher = await addTeacher('UOLD');
    bot.fake.users.set('UOLD', { id: 'UOLD', name: 'UOLD', status_emoji: ':palm_tree:' });
    await sql`update members set profile_refreshed_at = ${new Date(now.getTime() - 25 * 3_600_000)}, away_until = null where id = ${teacher.memberId}`.execute(
      database.db,
    );
    await enqueueNudges([teacher]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(bot.fake.countOf('users.info')).toBe(1);
    expect(nudgedUsers()).toEqual([]);
  });

  it('keeps status, name and zone from a signed user_change, applies a retried or older event never, and keeps a zone the member chose', async () => {
    await addTeacher('UANA');
    const chose = await addTeacher('UCHO');
    await sql`update members set time_zone = 'Europe/Paris', time_zone_chosen = true where id = ${chose.memberId}`.execute(
      database.db,
    );
    const until = seconds(now) + 7 * 86_400;
    bot.fake.users.set('UANA', {
      id: 'UANA',
      name: 'Ana Lima',
      tz: 'America/Chicago',
      status_emoji: ':palm_tree:',
      status_expiration: until,
    });
    bot.fake.users.set('UCHO', { id: 'UCHO', name: 'Cho', tz: 'Asia/Tokyo', status_emoji: ':thermometer:' });
    expect((await changed('UANA', 'EvAnaAway')).status).toBe(200);
    expect((await changed('UCHO', 'EvChoIll', 'user_status_changed')).status).toBe(200);
    const members = () =>
      rows(
        `select external_id, display_name, time_zone, away_until = 'infinity' as until_cleared,
           case when away_until = 'infinity' then null else extract(epoch from away_until)::int end as until, profile_refreshed_at
         from members order by external_id`,
      );
    expect(await members()).toEqual([
      {
        external_id: 'UANA',
        display_name: 'Ana Lima',
        time_zone: 'America/Chicago',
        until_cleared: false,
        until,
        profile_refreshed_at: now,
      },
      {
        external_id: 'UCHO',
        display_name: 'Cho',
        time_zone: 'Europe/Paris',
        until_cleared: true,
        until: null,
        profile_refreshed_at: now,
      },
    ]);
    // Her nudges moved to her new zone with her.
    expect(await rows(`select time_zone from members where external_id = 'UANA'`)).toEqual([
      { time_zone: 'America/Chicago' },
    ]);

    // Back early: her status is cleared. Then Slack sends the first event again (a retry): it changes nothing.
    bot.fake.users.set('UANA', {
      id: 'UANA',
      name: 'Ana Lima',
      tz: 'America/Chicago',
      status_emoji: '',
      updated: 1_700_000_100,
    });
    expect((await changed('UANA', 'EvAnaBack')).status).toBe(200);
    const retry = userChangeEvent(
      {
        ...bot.fake.userObject('UANA'),
        profile: { display_name: 'Ana Lima', status_emoji: ':palm_tree:', status_expiration: until },
      },
      { eventId: 'EvAnaAway' },
    );
    expect(
      (
        await postToSlackEndpoint(bot.baseUrl, retry, {
          headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
        })
      ).status,
    ).toBe(200);
    expect(await rows(`select away_until from members where external_id = 'UANA'`)).toEqual([{ away_until: null }]);
    // A change older than the one kept (Slack's `updated` says so), delivered late for the first time: kept as a receipt only.
    const late = userChangeEvent(
      {
        ...bot.fake.userObject('UANA'),
        updated: 1_700_000_050,
        profile: { status_emoji: ':palm_tree:', status_expiration: 0 },
      },
      { eventId: 'EvAnaLate' },
    );
    expect((await postToSlackEndpoint(bot.baseUrl, late)).status).toBe(200);
    expect(
      await rows(
        `select away_until, extract(epoch from profile_changed_at)::int as changed from members where external_id = 'UANA'`,
      ),
    ).toEqual([{ away_until: null, changed: 1_700_000_100 }]);
    // Each kept with its receipt, settled: nothing to replay.
    expect(
      await rows(`select event_id, handled_at is not null as handled from event_receipts order by event_id`),
    ).toEqual(['EvAnaAway', 'EvAnaBack', 'EvAnaLate', 'EvChoIll'].map((id) => ({ event_id: id, handled: true })));
  });

  it('ignores changes of people the bot has not met, and answers a payload it cannot read without storing it', async () => {
    await addTeacher('UANA');
    bot.fake.users.set('USTRANGER', { id: 'USTRANGER', name: 'Someone', status_emoji: ':palm_tree:' });
    expect((await changed('USTRANGER', 'EvStranger')).status).toBe(200);
    // Another workspace's person with a known id is someone else.
    const elsewhere = eventBody(
      { type: 'user_change', user: bot.fake.userObject('UANA', 'T9') },
      { eventId: 'EvElsewhere', team: 'T9' },
    );
    expect((await postToSlackEndpoint(bot.baseUrl, elsewhere)).status).toBe(200);
    for (const [i, user] of [
      { id: 42 },
      { name: 'no id' },
      { id: 'UANA', profile: { status_emoji: ':palm_tree:', status_expiration: 'soon' } },
      { id: 'UANA', profile: { status_emoji: ':palm_tree:', status_expiration: 1e15 } },
      null,
    ].entries()) {
      expect(
        (await postToSlackEndpoint(bot.baseUrl, eventBody({ type: 'user_change', user }, { eventId: `EvBad${i}` })))
          .status,
      ).toBe(200);
    }
    expect(await rows(`select external_id, away_until, profile_refreshed_at from members`)).toEqual([
      { external_id: 'UANA', away_until: null, profile_refreshed_at: null },
    ]);
    expect(await rows(`select count(*)::int as n from event_receipts`)).toEqual([{ n: 0 }]);
    expect(await rows(`select count(*)::int as n from workspaces`)).toEqual([{ n: 1 }]);
    // Still serving: a good event after the bad ones is kept, without the NUL its name carried.
    bot.fake.users.set('UANA', { id: 'UANA', name: 'Ana\u0000 Lima', status_emoji: ':palm_tree:' });
    expect((await changed('UANA', 'EvGood')).status).toBe(200);
    expect(await rows(`select display_name, away_until = 'infinity' as away from members`)).toEqual([
      { display_name: 'Ana Lima', away: true },
    ]);
  });
});
