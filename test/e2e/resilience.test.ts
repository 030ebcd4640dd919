import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import pino from 'pino';
import { createMetrics } from '../../src/metrics.js';
import { SEND_MESSAGE } from '../../src/scheduler/handlers.js';
import type { RunningScheduler } from '../../src/scheduler/scheduler.js';
import { startTimedWork } from '../../src/scheduler/start-timed-work.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import {
  buttonPress,
  commandBody,
  eventBody,
  formSubmission,
  postToSlackEndpoint,
  userChangeEvent,
} from '../helpers/slack-requests.js';
import { receive } from '../../src/core/handle.js';
import { postgresTarget, startTcpProxy, throughProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

// PostgreSQL goes away in the middle of a session (a loopback proxy in front of it is cut, as when the
// server restarts) and comes back. Meanwhile commands get "try again", thread replies, buttons and
// forms get 503 (so Slack sends them again), /healthz says 503, and timed sends wait; afterwards every
// interaction that got a 2xx is there, and every due send goes out once.

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('the database going away mid-session', () => {
  const schema = `resilience_${randomBytes(4).toString('hex')}`;
  let proxy: TcpProxy;
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let timed: RunningScheduler;
  let now = new Date('2026-03-02T15:00:00Z');
  let events = 0;
  let cutAfterStoring = false;
  let failedRounds = 0;

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
    const store = createStore(database.db);
    bot = await startSlackBot(database, {
      now: () => now,
      // Optionally cuts the database right after an interaction is stored, before it is handled.
      receive: async (incoming, interaction, replay) => {
        const stored = await receive({ store, now }, incoming, interaction, replay);
        if (cutAfterStoring) {
          cutAfterStoring = false;
          proxy.cut();
        }
        return stored;
      },
    });
    bot.fake.users.set('UANA', { id: 'UANA', name: 'Ana' });
    bot.fake.users.set('UBEN', { id: 'UBEN', name: 'Ben' });
    timed = startTimedWork({
      database,
      store: createStore(database.db),
      outbox: outboxRepo(database.db),
      clock: () => now,
      chatFor: (_platform, team) => bot.chatFor(team),
      replayerFor: () => bot.replay,
      dryRun: false,
      testClock: true,
      metrics: createMetrics(),
      // Failed delivery rounds are counted, so the test can wait for them rather than for a time.
      log: pino(
        { level: 'error' },
        { write: (line: string) => void (line.includes('delivery round failed') && failedRounds++) },
      ),
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
    postToSlackEndpoint(
      bot.baseUrl,
      commandBody({ text, user, channel: 'C1', responseUrl: bot.fake.responseUrl(`${user}-${++events}`) }),
    );
  /** A thread reply; sent again with the same event id and a retry header, as Slack does after a non-2xx. */
  const reply = (user: string, text: string, threadTs: string) => {
    const post = eventBody(
      {
        type: 'message',
        channel: 'C1',
        channel_type: 'channel',
        user,
        text,
        ts: `${1_800_000_000 + ++events}.000100`,
        thread_ts: threadTs,
      },
      { eventId: `EvR${events}` },
    );
    let tries = 0;
    const send = () =>
      postToSlackEndpoint(
        bot.baseUrl,
        post,
        tries++ ? { headers: { 'x-slack-retry-num': String(tries - 1), 'x-slack-retry-reason': 'http_error' } } : {},
      );
    return send().then((first) => ({ ...first, again: send }));
  };
  const press = (user: string, value: unknown) => postToSlackEndpoint(bot.baseUrl, buttonPress({ user, value }));
  const submitCheckin = (user: string, sessionId: number, text: string) =>
    postToSlackEndpoint(
      bot.baseUrl,
      formSubmission({
        user,
        // One modal, sent again after it was refused: the same nonce both times.
        privateMetadata: JSON.stringify({
          kind: 'checkin',
          context: { sessionId, phase: 'opening' },
          channel: 'C1',
          nonce: `modal-${user}`,
        }),
        values: {
          text: { type: 'plain_text_input', value: text },
          share: { type: 'checkboxes', selected_options: [] },
        },
      }),
    );
  const checkins = () =>
    sql<{ text: string }>`select text from checkins order by text`
      .execute(database.db)
      .then((r) => r.rows.map((row) => row.text));
  const reflectionsSaying = (text: string) =>
    sql<{ n: number }>`select count(*)::int as n from reflections where text = ${text}`
      .execute(database.db)
      .then((r) => r.rows[0]?.n);
  const phase = () =>
    sql<{ phase: string }>`select phase from sessions`.execute(database.db).then((r) => r.rows[0]?.phase);

  it('refuses what it cannot store so that it is sent again, loses nothing it acknowledged, and sends each due message once after', async () => {
    await circle('UANA', 'setup Grade 3');
    await eventually(() => expect(bot.fake.callsTo('chat.postMessage')).toHaveLength(1));
    await circle('UANA', 'start');
    // The opening check-in goes in the session message's thread.
    const root = await eventually(() => {
      const opening = bot.fake.callsTo('chat.postMessage').find((c) => c.thread_ts);
      expect(opening).toBeDefined();
      return String(opening?.thread_ts);
    });
    const sessionId = (await sql<{ id: number }>`select id from sessions`.execute(database.db)).rows[0]?.id ?? 0;
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
        payload: {
          platform: 'slack',
          workspace: 'T1',
          to: { kind: 'dm', user: `U${i}` },
          message: { text: `due message ${i}` },
        },
      })),
    );

    proxy.cut();
    now = new Date(due.getTime() + 1000);
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(503);
    // A command Slack will not send again is answered "try again" in its acknowledgement.
    const refused = await circle('UANA', 'next');
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.text)).toMatchObject({
      response_type: 'ephemeral',
      text: 'Sorry, I could not take that just now. Please try again in a moment.',
    });
    // A thread reply, a form and a button that cannot be stored are refused, so none is acknowledged and lost.
    const during = await reply('UCAT', 'Sent during the outage', root);
    const form = await submitCheckin('UDAN', sessionId, 'Submitted during the outage');
    const next = { kind: 'session.next', sessionId, phase: 'opening', nonce: 'next-button-1' };
    const button = await press('UANA', next);
    // A status change too: Slack sends it again.
    const away = userChangeEvent(
      { id: 'UANA', name: 'Ana', profile: { status_emoji: ':palm_tree:', status_expiration: 0 } },
      { eventId: 'EvAnaAway' },
    );
    const statusChange = await postToSlackEndpoint(bot.baseUrl, away);
    expect([during.status, form.status, button.status, statusChange.status]).toEqual([503, 503, 503, 503]);
    // Delivery keeps polling and failing; nothing is sent while the sends cannot be claimed.
    const roundsBefore = failedRounds;
    await eventually(() => expect(failedRounds).toBeGreaterThanOrEqual(roundsBefore + 2), 20_000);
    expect(bot.fake.callsTo('chat.postMessage').filter((c) => String(c.text).startsWith('due message'))).toEqual([]);

    proxy.restore();
    await eventually(async () => expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200), 20_000);
    // Slack sends the event again; the teacher submits the form and the facilitator presses again.
    expect((await during.again()).status).toBe(200);
    expect((await postToSlackEndpoint(bot.baseUrl, away, { headers: { 'x-slack-retry-num': '1' } })).status).toBe(200);
    expect(
      (
        await sql<{
          away: boolean;
        }>`select away_until = 'infinity' as away from members where external_id = 'UANA'`.execute(database.db)
      ).rows,
    ).toEqual([{ away: true }]);
    expect((await submitCheckin('UDAN', sessionId, 'Submitted during the outage')).status).toBe(200);
    await eventually(async () =>
      expect(await checkins()).toEqual([
        'Accepted before the outage',
        'Sent during the outage',
        'Submitted during the outage',
      ]),
    );
    expect((await press('UANA', next)).status).toBe(200);
    await eventually(async () => expect(await phase()).toBe('reflection'));
    await eventually(
      () =>
        expect(
          bot.fake.callsTo('chat.postMessage').filter((c) => String(c.text).startsWith('due message')).length,
        ).toBe(20),
      30_000,
    );
    const texts = bot.fake
      .callsTo('chat.postMessage')
      .map((c) => String(c.text))
      .filter((t) => t.startsWith('due message'));
    expect(new Set(texts).size).toBe(20);
    // Each send is recorded just after the fake Slack took it.
    await eventually(async () => {
      const sent = await sql<{
        n: number;
      }>`select count(*)::int as n from outbox where kind = ${SEND_MESSAGE} and sent_at is not null`.execute(
        database.db,
      );
      expect(sent.rows).toEqual([{ n: 20 }]);
    });
    // Every acknowledged interaction was settled as handled, once.
    const open = await sql<{
      n: number;
    }>`select count(*)::int as n from event_receipts where handled_at is null and failed_at is null`.execute(
      database.db,
    );
    expect(open.rows).toEqual([{ n: 0 }]);
  }, 90_000);

  it('keeps an answer acknowledged just before the database went, and records it once the database is back', async () => {
    now = new Date(now.getTime() + 3_600_000);
    const root = String(bot.fake.callsTo('chat.postMessage').find((c) => c.thread_ts)?.thread_ts);
    // The database goes between storing the reply and handling it: the reply got its 200.
    cutAfterStoring = true;
    const late = await reply('UEVE', 'Stored, then the database went', root);
    expect(late.status).toBe(200);
    await eventually(() =>
      expect(bot.fake.callsTo('chat.postEphemeral').map((c) => c.text)).toContain(
        'Sorry, something went wrong on my side. I have kept what you sent and will finish it in a few minutes; there is no need to send it again.',
      ),
    );
    proxy.restore();
    await eventually(async () => expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200), 20_000);
    // Once its process could have handled it, the stored reply is replayed, once.
    now = new Date(now.getTime() + 6 * 60_000);
    // The session is in its reflection phase by now, so the reply is a reflection.
    await eventually(async () => expect(await reflectionsSaying('Stored, then the database went')).toBe(1), 30_000);
    // Settled as handled just after the reflection is saved.
    await eventually(async () => {
      const receipt = await sql<{ handled: boolean; failed: boolean }>`
        select handled_at is not null as handled, failed_at is not null as failed from event_receipts where event_id = ${`EvR${events}`}`.execute(
        database.db,
      );
      expect(receipt.rows).toEqual([{ handled: true, failed: false }]);
    });
    expect(await reflectionsSaying('Stored, then the database went')).toBe(1);
  }, 90_000);
});
