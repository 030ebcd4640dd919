import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics.js';
import { SEND_MESSAGE } from '../../src/scheduler/handlers.js';
import type { RunningScheduler } from '../../src/scheduler/scheduler.js';
import { startTimedWork } from '../../src/scheduler/start-timed-work.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { commandBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { postgresTarget, startTcpProxy, throughProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

// PostgreSQL goes away in the middle of a session (a loopback proxy in front of it is cut, as when the
// server restarts) and comes back. Meanwhile commands get "try again", /healthz says 503, and timed
// sends wait; afterwards every answer accepted before is there, and every due send goes out once.

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('the database going away mid-session', () => {
  const schema = `resilience_${randomBytes(4).toString('hex')}`;
  let proxy: TcpProxy;
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let timed: RunningScheduler;
  let now = new Date('2026-03-02T15:00:00Z');
  let events = 0;

  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await client.query(query);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin(`create schema ${schema}`);
    proxy = await startTcpProxy(postgresTarget(url ?? ''));
    database = await openDatabase({ kind: 'postgres', url: throughProxy(url ?? '', proxy.port), schema });
    await migrateToLatest(database.db, schema);
    bot = await startSlackBot(database, { now: () => now });
    bot.fake.users.set('UANA', { id: 'UANA', name: 'Ana' });
    bot.fake.users.set('UBEN', { id: 'UBEN', name: 'Ben' });
    timed = startTimedWork({
      database,
      store: createStore(database.db),
      clock: () => now,
      chatFor: (_platform, team) => bot.chatFor(team),
      replayerFor: () => bot.replay,
      dryRun: false,
      testClock: true,
      metrics: createMetrics(),
      log: createLogger('silent'),
    });
  }, 60_000);
  afterAll(async () => {
    await timed?.stop();
    await bot?.close();
    await database?.close();
    await proxy?.close();
    await admin(`drop schema if exists ${schema} cascade`);
  });

  const circle = (user: string, text: string) =>
    postToSlackEndpoint(bot.baseUrl, commandBody({ text, user, channel: 'C1', responseUrl: bot.fake.responseUrl(`${user}-${++events}`) }));
  const reply = (user: string, text: string, threadTs: string) =>
    postToSlackEndpoint(bot.baseUrl, eventBody({ type: 'message', channel: 'C1', channel_type: 'channel', user, text, ts: `${1_800_000_000 + ++events}.000100`, thread_ts: threadTs }, { eventId: `EvR${events}` }));
  const checkins = () => sql<{ text: string }>`select text from checkins order by id`.execute(database.db).then((r) => r.rows.map((row) => row.text));

  it('answers "try again" while it is down, loses nothing accepted, and sends each due message once after', async () => {
    await circle('UANA', 'setup Grade 3');
    await eventually(() => expect(bot.fake.callsTo('chat.postMessage')).toHaveLength(1));
    await circle('UANA', 'start');
    // The opening check-in goes in the session message's thread.
    const root = await eventually(() => {
      const opening = bot.fake.callsTo('chat.postMessage').find((c) => c.thread_ts);
      expect(opening).toBeDefined();
      return String(opening?.thread_ts);
    });
    await reply('UBEN', 'Accepted before the outage', root);
    await eventually(async () => expect(await checkins()).toEqual(['Accepted before the outage']));
    // Twenty sends, one to each of twenty people (so no channel pacing slows them), fall due while the database is away.
    const due = new Date(now.getTime() + 60_000);
    await outboxRepo(database.db).enqueue(
      Array.from({ length: 20 }, (_, i) => ({
        workspaceId: null,
        kind: SEND_MESSAGE,
        key: `resilience:${i}`,
        dueAt: due,
        payload: { platform: 'slack', workspace: 'T1', to: { kind: 'dm', user: `U${i}` }, message: { text: `due message ${i}` } },
      })),
    );

    proxy.cut();
    now = new Date(due.getTime() + 1000);
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(503);
    const refused = await circle('UANA', 'next');
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.text)).toMatchObject({ response_type: 'ephemeral', text: 'Sorry, I could not take that just now. Please try again in a moment.' });
    await reply('UBEN', 'Sent during the outage', root);
    await eventually(() =>
      expect(bot.fake.callsTo('chat.postEphemeral').map((c) => c.text)).toContain('Sorry, something went wrong on my side. Please try again in a moment.'),
    );
    // Delivery keeps polling and failing; nothing is sent while the sends cannot be claimed.
    await new Promise((done) => setTimeout(done, 3000));
    expect(bot.fake.callsTo('chat.postMessage').filter((c) => String(c.text).startsWith('due message'))).toEqual([]);

    proxy.restore();
    await eventually(async () => expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200), 20_000);
    await eventually(() => expect(bot.fake.callsTo('chat.postMessage').filter((c) => String(c.text).startsWith('due message')).length).toBe(20), 30_000);
    const texts = bot.fake.callsTo('chat.postMessage').map((c) => String(c.text)).filter((t) => t.startsWith('due message'));
    expect(new Set(texts).size).toBe(20);
    expect(await checkins()).toEqual(['Accepted before the outage']);
    const sent = await sql<{ n: number }>`select count(*)::int as n from outbox where kind = ${SEND_MESSAGE} and sent_at is not null`.execute(database.db);
    expect(sent.rows).toEqual([{ n: 20 }]);

    // The session goes on.
    await circle('UANA', 'next');
    await eventually(() => expect(bot.fake.callsTo('chat.postMessage').some((c) => String(c.text).startsWith('Reflection'))).toBe(true));
  }, 90_000);
});
