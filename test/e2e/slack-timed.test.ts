import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { SEND_MESSAGE } from '../../src/scheduler/handlers.js';
import { planDue } from '../../src/scheduler/plan.js';
import { receive } from '../../src/core/handle.js';
import { emptyTables, openTestDatabase } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { setTestClock } from '../helpers/test-clock.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { commandBody, postToSlackEndpoint, SIGNING_SECRET } from '../helpers/slack-requests.js';

const now = new Date('2026-03-02T09:00:00Z');

describe('timed sends to Slack through the outbox', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    bot = await startSlackBot(database);
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
    bot.fake.calls.length = 0;
  });

  const deliver = () =>
    deliverNow(database, {
      now,
      chatFor: (_platform, team) => bot.chatFor(team),
      replayerFor: (platform) => (platform === 'slack' ? bot.replay : undefined),
    });
  const enqueue = (key: string, channel = 'C1') =>
    outboxRepo(database.db).enqueue([
      {
        workspaceId: null,
        kind: SEND_MESSAGE,
        key,
        dueAt: now,
        payload: {
          platform: 'slack',
          workspace: 'T1',
          to: { kind: 'channel', channel },
          message: { text: 'A gentle reminder' },
        },
      },
    ]);
  const attempts = () => bot.fake.calls.filter((c) => c.method === 'chat.postMessage');

  it('sends a planned message once', async () => {
    await enqueue('reminder:1');
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(await deliver()).toMatchObject({ claimed: 0 });
    expect(attempts().map((c) => c.args.text)).toEqual(['A gentle reminder']);
  });

  it('waits out a 429 itself instead of letting the client retry, without counting it a failed attempt', async () => {
    bot.fake.fail('chat.postMessage', { rateLimited: 3 });
    await enqueue('reminder:2');
    expect(await deliver()).toMatchObject({ retried: 1 });
    expect(attempts()).toHaveLength(1);
    expect(
      await rows(
        `select attempts, extract(epoch from due_at - '${now.toISOString()}'::timestamptz)::int as wait from outbox`,
      ),
    ).toEqual([{ attempts: 0, wait: 3 }]);
  });

  it('handles a command its process stored and acknowledged but never handled, once', async () => {
    const store = createStore(database.db);
    const stored = new Date(now.getTime() - 6 * 60_000);
    const incoming = {
      platform: 'slack' as const,
      workspace: { externalId: 'T1' },
      user: { externalId: 'UANA', name: 'ana' },
      channel: { id: 'C1', isDirect: false },
      eventId: 'command:trigger-lost',
    };
    await receive(
      { store, now: stored },
      incoming,
      { kind: 'command', text: 'setup Grade 3' },
      { responseUrl: bot.fake.responseUrl('lost') },
    );
    // Too recent to be lost: it may still be being handled.
    expect(await planDue({ store, now: new Date(stored.getTime() + 60_000) })).toBe(0);

    expect(await planDue({ store, now })).toBe(1);
    expect(await planDue({ store, now })).toBe(0);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(bot.fake.callsTo('chat.postMessage').map((c) => c.text)).toEqual([
      expect.stringContaining('Grade 3 is now a Mentor Circle community'),
    ]);
    expect(await rows(`select handled_at is not null as handled from event_receipts`)).toEqual([{ handled: true }]);
    expect(await rows(`select count(*)::int as n from communities`)).toEqual([{ n: 1 }]);
  });

  it('sends a nudge as a direct message, and none while the status Slack gives (none was kept) says away', async () => {
    const [workspace] = (
      await sql<{
        id: number;
      }>`insert into workspaces (platform, external_id) values ('slack', 'T1') returning id`.execute(database.db)
    ).rows;
    const add = async (user: string) => {
      const [member] = (
        await sql<{
          id: number;
        }>`insert into members (workspace_id, external_id, display_name) values (${workspace?.id}, ${user}, ${user}) returning id`.execute(
          database.db,
        )
      ).rows;
      const [goal] = (
        await sql<{ id: number }>`
        insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
        values (${workspace?.id}, ${member?.id}, 'Read aloud', '10 read-alouds', 10, 'read-alouds', '2026-06-30', ${now}) returning id`.execute(
          database.db,
        )
      ).rows;
      return { memberId: member?.id ?? 0, goalIds: [goal?.id ?? 0] };
    };
    const here = await add('UHERE');
    const away = await add('UAWAY');
    bot.fake.users.set('UAWAY', { id: 'UAWAY', name: 'Away', status_emoji: ':palm_tree:' });
    await outboxRepo(database.db).enqueue([
      {
        workspaceId: workspace?.id ?? null,
        memberId: here.memberId,
        kind: 'nudge',
        key: 'nudge:here',
        dueAt: now,
        payload: here,
      },
      {
        workspaceId: workspace?.id ?? null,
        memberId: away.memberId,
        kind: 'nudge',
        key: 'nudge:away',
        dueAt: now,
        payload: away,
      },
    ]);
    expect(await deliver()).toMatchObject({ sent: 2 });
    const dms = bot.fake.callsTo('chat.postMessage');
    expect(dms.map((c) => c.channel)).toEqual(['UHERE']);
    expect(JSON.stringify(dms[0]?.blocks)).toContain('Log progress');
    expect(
      await rows(
        `select m.external_id, g.unanswered_nudges from goals g join members m on m.id = g.member_id order by 1`,
      ),
    ).toEqual([
      { external_id: 'UAWAY', unanswered_nudges: 0 },
      { external_id: 'UHERE', unanswered_nudges: 1 },
    ]);
  });

  it('gives up at once on a refusal no retry can change, keeping the reason', async () => {
    bot.fake.fail('chat.postMessage', { error: 'is_archived' });
    await enqueue('reminder:3');
    expect(await deliver()).toMatchObject({ failed: 1 });
    expect(await rows('select last_error, failed_at is not null as failed from outbox')).toEqual([
      { last_error: 'DeliveryError: is_archived', failed: true },
    ]);
  });
});

// Two bot processes on one PostgreSQL, one clock file: a session left open is closed once.
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('two bot processes sharing a test clock', () => {
  const root = resolve(import.meta.dirname, '../..');
  const fake = new FakeSlack();
  const schema = `e2e_${randomBytes(5).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'mc-clock-'));
  const clockFile = join(dir, 'now');
  const bots: ChildProcess[] = [];
  const admin = () => new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });

  beforeAll(async () => {
    await fake.start();
    const client = admin();
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
  });
  afterAll(async () => {
    for (const bot of bots) bot.kill('SIGKILL');
    await fake.stop();
    const client = admin();
    await client.connect();
    await client.query(`drop schema ${schema} cascade`);
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  });

  const METRICS_TOKEN = 'two-processes-metrics-token';
  /** The instant, in seconds, at which a process last planned, from its GET /metrics. */
  const lastPlanned = async (url: string) => {
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const line = (await response.text())
      .split('\n')
      .find((l) => l.startsWith('mentor_circle_scheduler_last_planned_timestamp_seconds '));
    return Number(line?.split(' ')[1]);
  };

  const freePort = () =>
    new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => done(typeof address === 'object' && address ? address.port : 0));
      });
    });

  // Two bot processes start and migrate first: longer than the usual test on a busy machine.
  it('moves a day on and closes the session once, with one summary', async () => {
    setTestClock(clockFile, '2026-03-02T15:00:00Z');
    const base = process.env.TEST_DATABASE_URL ?? '';
    const databaseUrl = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      bots.push(
        spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
          cwd: root,
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: databaseUrl,
            PORT: String(port),
            HOST: '127.0.0.1',
            SLACK_SIGNING_SECRET: SIGNING_SECRET,
            SLACK_BOT_TOKEN: 'xoxb-two-processes',
            SLACK_API_URL: fake.apiUrl,
            TEST_CLOCK_FILE: clockFile,
            LOG_LEVEL: 'warn',
            METRICS_TOKEN,
          },
          stdio: 'ignore',
        }),
      );
    }
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    for (const url of urls)
      await eventually(async () => expect((await fetch(`${url}/healthz`)).status).toBe(200), 60_000);

    const first = urls[0] ?? '';
    const second = urls[1] ?? '';
    await postToSlackEndpoint(
      first,
      commandBody({ text: 'setup Grade 3', user: 'UANA', channel: 'C1', responseUrl: fake.responseUrl('a') }),
    );
    await eventually(() => expect(fake.callsTo('chat.postMessage')).toHaveLength(1));
    await postToSlackEndpoint(
      second,
      commandBody({ text: 'start Fractions', user: 'UANA', channel: 'C1', responseUrl: fake.responseUrl('b') }),
    );
    await eventually(() => expect(fake.callsTo('chat.postMessage')).toHaveLength(3));

    setTestClock(clockFile, '2026-03-03T15:05:00Z');
    const summaries = () =>
      fake.callsTo('chat.postMessage').filter((c) => String(c.text).startsWith('Session summary'));
    await eventually(() => expect(summaries()).toHaveLength(1), 20_000);
    // Both processes keep polling: each poll plans, then runs a delivery round to its end. The clock
    // moves on a second at a time, and both processes are waited for until they have planned at the
    // new instant. After three such moves each has run whole rounds that began after the summary went
    // out, including any round the other process claimed a second closing in.
    let instant = Date.parse('2026-03-03T15:05:00Z');
    for (let move = 0; move < 3; move++) {
      instant += 1000;
      setTestClock(clockFile, new Date(instant));
      for (const url of urls) await eventually(async () => expect(await lastPlanned(url)).toBe(instant / 1000), 20_000);
    }
    expect(summaries()).toHaveLength(1);
    expect(summaries()[0]?.text).toContain('Session summary: Fractions (Grade 3)');
  }, 120_000);
});
