import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBotProcesses } from '../helpers/bot-process.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { eventually } from '../helpers/slack-bot.js';
import { commandBody, postToSlackEndpoint, SIGNING_SECRET } from '../helpers/slack-requests.js';
import { freePort } from '../helpers/free-port.js';

// `npm start` with one Slack workspace configured: the process serves Slack and /healthz on one port.

/** /metrics is served on the public port only to a bearer of METRICS_TOKEN. */
const METRICS_TOKEN = 'process-test-metrics-token';
const scraping = { headers: { authorization: `Bearer ${METRICS_TOKEN}` } };

const run = useBotProcesses();

describe('npm start with Slack configured', { timeout: 120_000 }, () => {
  const fake = new FakeSlack();
  let dataDir: string;
  beforeAll(async () => {
    await fake.start();
    dataDir = mkdtempSync(join(tmpdir(), 'mc-slack-'));
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers signed commands and health checks on one port, and stops cleanly', async () => {
    const port = await freePort();
    const bot = run({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-process-test',
      SLACK_API_URL: fake.apiUrl,
      METRICS_TOKEN,
    });
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => expect((await fetch(`${base}/healthz`)).status).toBe(200), 60_000);

    const response = await postToSlackEndpoint(
      base,
      commandBody({
        text: 'setup Grade 3 Literacy',
        user: 'UANA',
        channel: 'C1',
        responseUrl: fake.responseUrl('setup'),
      }),
    );
    expect(response.status).toBe(200);
    await eventually(() =>
      expect(fake.callsTo('chat.postMessage').map((c) => c.text)).toEqual([
        expect.stringContaining('Grade 3 Literacy is now a Mentor Circle community'),
      ]),
    );
    expect(fake.calls.every((c) => c.token === 'xoxb-process-test')).toBe(true);
    const metrics = await fetch(`${base}/metrics`, scraping);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE mentor_circle_outbox_deliveries_total counter');

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.stderr()).not.toContain('xoxb-process-test');
    expect(bot.stderr()).not.toContain(SIGNING_SECRET);
  });

  it('serves the install page when installing in many workspaces', async () => {
    const port = await freePort();
    const bot = run({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'client-secret-process',
      SLACK_STATE_SECRET: 'state-secret-process',
      ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      PUBLIC_URL: 'https://circle.example.org',
      SLACK_API_URL: fake.apiUrl,
    });
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => expect((await fetch(`${base}/healthz`)).status).toBe(200), 60_000);
    const page = await fetch(`${base}/slack/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('client_id=123.456');
    expect(html).toContain(encodeURIComponent('https://circle.example.org/slack/oauth_redirect'));
    expect(html).not.toContain('client-secret-process');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('logs at trace level without a token, a secret or a message text at info level or above, counts what it did, and stops within 10 s', async () => {
    const port = await freePort();
    const token = 'xoxb-trace-test-7d1c';
    const bot = run({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: token,
      SLACK_API_URL: fake.apiUrl,
      METRICS_TOKEN,
    });
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => expect((await fetch(`${base}/healthz`)).status).toBe(200), 60_000);
    // One at a time, each once the one before was counted: on a busy machine they could overtake.
    const words = [
      ['UANA', 'setup Trace Circle'],
      ['UANA', 'start'],
      ['UANA', 'checkin Quokka-words are working'],
      ['UANA', 'bogus-command-xyzzy'],
      // Not a facilitator: refused.
      ['UBEN', 'next'],
    ] as const;
    let metrics = '';
    for (const [index, [user, text]] of words.entries()) {
      const response = await postToSlackEndpoint(
        base,
        commandBody({ text, user, channel: 'C7', responseUrl: fake.responseUrl(`trace-${index}`) }),
      );
      expect(response.status).toBe(200);
      metrics = await eventually(async () => {
        const scraped = await (await fetch(`${base}/metrics`, scraping)).text();
        const counted = [...scraped.matchAll(/^mentor_circle_interactions_total\{[^}]*\} (\d+)$/gm)].reduce(
          (sum, m) => sum + Number(m[1]),
          0,
        );
        expect(counted).toBe(index + 1);
        return scraped;
      }, 30_000);
    }
    expect(metrics).toMatch(/mentor_circle_interactions_total\{platform="slack",kind="command",outcome="handled"\} 4/);
    expect(metrics).toMatch(/mentor_circle_interactions_total\{platform="slack",kind="command",outcome="refused"\} 1/);
    expect(metrics).toMatch(/mentor_circle_interaction_seconds_count\{platform="slack",kind="command"\} 5/);
    expect(metrics).toMatch(/^mentor_circle_outbox_due \d+$/m);
    expect(metrics).toMatch(/^mentor_circle_outbox_oldest_due_seconds \d/m);
    expect(metrics).toMatch(/^mentor_circle_handling_waiting 0$/m);

    const stopAsked = Date.now();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(Date.now() - stopAsked).toBeLessThan(10_000);

    const lines = bot
      .stderr()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg?: string; reqId?: string });
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((line) => line.level === 10 || line.level === 20)).toBe(true);
    expect(lines.filter((line) => line.reqId?.startsWith('command:')).length).toBeGreaterThan(0);
    const all = bot.stderr();
    for (const secret of [token, SIGNING_SECRET]) expect(all).not.toContain(secret);
    const loud = lines.filter((line) => line.level >= 30).map((line) => JSON.stringify(line));
    expect(loud.length).toBeGreaterThan(0);
    for (const line of loud) expect(line).not.toMatch(/Quokka|xyzzy|Trace Circle/);
  });

  it.each([
    [
      { TEAMS_ALLOW_ANONYMOUS: 'true', NODE_ENV: 'production' },
      /TEAMS_ALLOW_ANONYMOUS=true is refused with NODE_ENV=production/,
    ],
    [
      {
        SLACK_SIGNING_SECRET: 's',
        SLACK_CLIENT_ID: '1',
        SLACK_CLIENT_SECRET: 'c',
        SLACK_STATE_SECRET: 'st',
        ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
        SLACK_APP_TOKEN: 'xapp-1',
      },
      /Socket Mode \(SLACK_APP_TOKEN\) works with one workspace/,
    ],
    [
      { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_CLIENT_ID: '1' },
      /SLACK_BOT_TOKEN conflicts with SLACK_CLIENT_ID/,
    ],
    [
      { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_API_URL: 'http://127.0.0.1:9/api/' },
      /Slack did not accept SLACK_BOT_TOKEN \(slack_webapi_request_error\)/,
    ],
  ])('refuses to start half-way with %j', async (env, message) => {
    const bot = run({ DATA_DIR: dataDir, ...env });
    bot.child.stdin.end();
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toMatch(message);
  });
});
