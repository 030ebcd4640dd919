import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from '../test/helpers/free-port.js';
import { commandBody, signedHeaders, SIGNING_SECRET } from '../test/helpers/slack-requests.js';
import { dropDatabase, freshDatabase } from './databases.js';
import { ms, row, summarize } from './stats.js';

// Signed `/circle` commands at a steady rate (open loop: each request leaves on schedule, whatever
// the answers before it did), against the bot on PostgreSQL and against a bare Bolt app that only
// acks, measured in the same run. Each command is stored before it is acknowledged.

const root = resolve(import.meta.dirname, '..');

async function waitHealthy(url: string): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} did not come up`);
}

function startProcess(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

// The load goes out through Node's own client on kept-alive connections: fetch would spend more of
// the machine's two cores on sending than the apps under test spend on answering.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function send(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
        response.once('error', reject);
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}

/** Failed requests by cause (a status other than 200, or the socket's error code). */
class Errors {
  private readonly causes = new Map<string, number>();
  count = 0;
  add(cause: string): void {
    this.count++;
    this.causes.set(cause, (this.causes.get(cause) ?? 0) + 1);
  }
  toString(): string {
    return this.count === 0
      ? '0'
      : `${this.count} (${[...this.causes].map(([cause, n]) => `${cause}: ${n}`).join(', ')})`;
  }
}

/** Sends `rate` commands a second for `seconds`; returns each request's time to its acknowledgement. */
async function load(
  baseUrl: string,
  fake: FakeSlackAddress,
  rate: number,
  seconds: number,
  tag: string,
): Promise<{ latencies: number[]; errors: Errors }> {
  const total = rate * seconds;
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const errors = new Errors();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((done) => setTimeout(done, wait));
    const command = commandBody({
      text: i % 2 ? 'help' : 'checkin nothing open here',
      user: `U${i % 50}`,
      channel: 'CBENCH',
      responseUrl: fake.responseUrl(`${tag}-${i}`),
      triggerId: `${tag}-${i}`,
    });
    const sent = performance.now();
    inFlight.push(
      send(
        `${baseUrl}/slack/events`,
        { 'content-type': command.contentType, ...signedHeaders(command.body) },
        command.body,
      )
        .then((status) => {
          if (status !== 200) errors.add(`status ${status}`);
          latencies.push(performance.now() - sent);
        })
        .catch((error: unknown) => {
          errors.add((error as { code?: string }).code ?? String(error));
        }),
    );
  }
  await Promise.all(inFlight);
  return { latencies, errors };
}

/** Where the fake Slack Web API, in its own process, listens. */
interface FakeSlackAddress {
  apiUrl: string;
  responseUrl(id: string): string;
}

async function startFakeSlack(): Promise<{ fake: FakeSlackAddress; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fake-slack-process.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((done, fail) => {
    child.stdout?.once('data', (chunk: Buffer) => done(Number(chunk.toString('utf8').trim())));
    child.once('exit', () => fail(new Error('the fake Slack process stopped')));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    fake: { apiUrl: `${base}/api/`, responseUrl: (id) => `${base}/respond/${id}` },
    stop: () => void child.kill('SIGTERM'),
  };
}

export async function benchSlackCommands(adminUrl: string): Promise<void> {
  const { fake, stop: stopFake } = await startFakeSlack();
  const dataDir = mkdtempSync(join(tmpdir(), 'mc-bench-slack-'));
  const databaseUrl = await freshDatabase(adminUrl, 'bench');
  const botPort = await freePort();
  const barePort = await freePort();
  const common = { SLACK_SIGNING_SECRET: SIGNING_SECRET, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const bot = startProcess(['src/main.ts'], {
    ...common,
    PORT: String(botPort),
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
  });
  const bare = startProcess(['bench/bare-bolt.ts'], { ...common, PORT: String(barePort) });
  try {
    const botUrl = `http://127.0.0.1:${botPort}`;
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitHealthy(`${botUrl}/healthz`);
    await waitHealthy(`${bareUrl}/slack/events`);
    // Warm both up (JIT, connection pools) at the measured rate, for half as long as a measurement.
    await load(botUrl, fake, 200, 5, 'warm-bot');
    await load(bareUrl, fake, 200, 5, 'warm-bare');

    process.stdout.write('\nSigned /circle commands, 200 a second for 10 s, open loop (target: p99 under 50 ms)\n');
    const baseline = await load(bareUrl, fake, 200, 10, 'bare');
    const ours = await load(botUrl, fake, 200, 10, 'bot');
    const b = summarize(baseline.latencies);
    const o = summarize(ours.latencies);
    row('baseline: bare Bolt app, ack only', { p50: ms(b.p50), p99: ms(b.p99), errors: String(baseline.errors) });
    row('mentor circle: store, then ack (PostgreSQL)', { p50: ms(o.p50), p99: ms(o.p99), errors: String(ours.errors) });

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const stored = await client.query<{ n: number }>(
      `select count(*)::int as n from event_receipts where event_id like 'command:bot-%'`,
    );
    await client.end();
    row('commands stored (of 2000 sent)', { stored: String(stored.rows[0]?.n ?? 0) });

    process.stdout.write(
      '\nHighest steady rate keeping p99 under 100 ms (5 s per step; target at least 500 a second)\n',
    );
    let best = 0;
    for (const rate of [300, 400, 500, 600, 800, 1000]) {
      const step = await load(botUrl, fake, rate, 5, `rate-${rate}`);
      const s = summarize(step.latencies);
      row(`  ${rate} a second`, { p50: ms(s.p50), p99: ms(s.p99), errors: String(step.errors) });
      if (s.p99 >= 100 || step.errors.count > 0) break;
      best = rate;
    }
    row('highest steady rate under 100 ms p99', { rate: best ? `${best} a second` : 'below 300 a second' });
  } finally {
    // The bot finishes the work it acknowledged before it exits; only then is its database dropped.
    const exited = (child: ChildProcess) =>
      new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
    bot.kill('SIGTERM');
    bare.kill('SIGTERM');
    await Promise.race([Promise.all([exited(bot), exited(bare)]), new Promise((done) => setTimeout(done, 20_000))]);
    stopFake();
    // Kept-alive connections hold local ports that a later benchmark could be given.
    agent.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(adminUrl, 'bench');
  }
}
