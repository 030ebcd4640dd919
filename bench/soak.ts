import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { nextNudgeSlot } from '../src/core/nudges/schedule.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { FakeSlack } from '../test/helpers/fake-slack.js';
import { freePort } from '../test/helpers/free-port.js';
import { commandBody, signedHeaders } from '../test/helpers/slack-requests.js';
import { setTestClock } from '../test/helpers/test-clock.js';
import { buildOnce, peakRssMb, startBot, waitHealthy } from './bot-processes.js';
import { dropDatabase, freshDatabase } from './databases.js';
import { ms, row, summarize } from './stats.js';

// A school month for 1,000 teachers, run by two bot processes against one PostgreSQL. Both read one
// TEST_CLOCK_FILE, which this benchmark moves on an hour at a time, waiting each time until nothing
// due is left unsent. Ten communities hold weekly scheduled sessions; every teacher has a goal and a
// weekly nudge slot in one of four zones. The fake Slack Web API is slow (200 to 500 ms a call) and,
// once the circles are set up, answers about one post in fifty with a 429 and a Retry-After of 1 s.
// Sends are counted there and checked against what the month should hold: duplicates and lost items
// must both be 0. A send put off (a 429, or pacing) falls due between two steps of the clock: the
// clock is moved to it, within the step, so it goes when the bot said it would. The delivery lag is
// wall time from the clock reaching a step to Slack taking each post made during that step.

const MEMBERS = Number(process.env.SOAK_MEMBERS ?? 1000);
const COMMUNITIES = 10;
const START = new Date('2026-03-01T00:00:00Z');
const END = new Date('2026-04-01T00:00:00Z');
const STEP_MS = Number(process.env.SOAK_STEP_MINUTES ?? 60) * 60_000;
const ZONES = ['America/Chicago', 'Australia/Sydney', 'Asia/Kolkata', 'Europe/London'];
const BREAK = { from: '2026-03-16', to: '2026-03-20' };
const SIGNING_SECRET = 'soak-signing-secret';
/** How slow the fake Slack is, and how often it refuses a post with a 429 once the month runs. */
const LATENCY_MS = { min: 200, max: 500 };
const RATE_LIMITED_SHARE = 0.02;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function seed(url: string): Promise<Map<string, number>> {
  const database = await openDatabase({ kind: 'postgres', url });
  await migrateToLatest(database.db);
  const db = database.db;
  const [workspace] = (
    await sql<{
      id: number;
    }>`insert into workspaces (platform, external_id, time_zone) values ('slack', 'T1', 'America/Chicago') returning id`.execute(
      db,
    )
  ).rows;
  const workspaceId = workspace?.id ?? 0;
  await sql`insert into calendar (workspace_id, starts_on, ends_on, label) values (${workspaceId}, ${BREAK.from}, ${BREAK.to}, 'Spring break')`.execute(
    db,
  );
  await sql`
    insert into members (workspace_id, external_id, display_name, time_zone, nudge_day, nudge_minute)
    select ${workspaceId}, 'U' || n, 'Teacher ' || n, (${sql.val(ZONES)}::text[])[n % 4 + 1], n % 5 + 1, 420 + (n % 20) * 30
    from generate_series(0, ${MEMBERS - 1}) as n`.execute(db);
  await sql`
    insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
    select workspace_id, id, 'Read aloud daily', '20 read-alouds', 20, 'read-alouds', '2026-06-30', ${START} from members`.execute(
    db,
  );
  // The nudge slots the month should hold, per member, from the pure core's rule.
  const expected = new Map<string, number>();
  const members = (
    await sql<{
      id: number;
      external_id: string;
      time_zone: string;
      nudge_day: number;
      nudge_minute: number;
    }>`select id, external_id, time_zone, nudge_day, nudge_minute from members`.execute(db)
  ).rows;
  for (const member of members) {
    const prefs = { enabled: true, day: member.nudge_day, minute: member.nudge_minute };
    const first = nextNudgeSlot({ prefs, timeZone: member.time_zone, after: START, closures: [BREAK] });
    await sql`update members set next_nudge_at = ${first} where id = ${member.id}`.execute(db);
    let count = 0;
    // Slots due before the last step of the month are the ones the run can deliver.
    for (
      let slot = first;
      slot && slot.getTime() <= END.getTime() - STEP_MS;
      slot = nextNudgeSlot({ prefs, timeZone: member.time_zone, after: slot, closures: [BREAK] })
    )
      count++;
    expected.set(member.external_id, count);
  }
  await database.close();
  return expected;
}

async function command(baseUrl: string, fake: FakeSlack, text: string, user: string, channel: string): Promise<void> {
  const post = commandBody({ text, user, channel, responseUrl: fake.responseUrl(`${channel}-${text}`) });
  const answer = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': post.contentType, ...signedHeaders(post.body, SIGNING_SECRET) },
    body: post.body,
  });
  if (answer.status !== 200) throw new Error(`${text} was answered ${answer.status}`);
}

/** Whether every bot has finished a planning tick at `now` (its last-planned gauge says so). */
async function plannedAt(ports: number[], now: Date): Promise<boolean> {
  const planned = await Promise.all(
    ports.map(async (port) => {
      const text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
        (r) => r.text(),
        () => '',
      );
      const value = Number(/^mentor_circle_scheduler_last_planned_timestamp_seconds (\S+)$/m.exec(text)?.[1] ?? 0);
      return value * 1000 >= now.getTime();
    }),
  );
  return planned.every(Boolean);
}

export async function benchSoak(adminUrl: string): Promise<void> {
  process.stdout.write(
    `\nSoak: a school month (March 2026, one break week) for ${MEMBERS} teachers and ${COMMUNITIES} weekly circles, two bot processes on one PostgreSQL, clock moved ${STEP_MS / 60_000} min at a time\n`,
  );
  const url = await freshDatabase(adminUrl, 'soak');
  const expected = await seed(url);
  // A fixed seed, so every run meets the same slowness and the same 429s in the same order.
  let state = 42;
  // mulberry32
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  let refusing = false;
  const fake = new FakeSlack({
    latency: () => LATENCY_MS.min + random() * (LATENCY_MS.max - LATENCY_MS.min),
    rateLimit: (method) => (refusing && method === 'chat.postMessage' && random() < RATE_LIMITED_SHARE ? 1 : null),
  });
  await fake.start();
  const dir = mkdtempSync(join(tmpdir(), 'mc-soak-'));
  const clockFile = join(dir, 'now');
  setTestClock(clockFile, START);
  const ports = [await freePort(), await freePort()];
  buildOnce();
  const bots = ports.map((port, i) =>
    startBot({
      DATABASE_URL: url,
      TEST_CLOCK_FILE: clockFile,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: `xoxb-soak-${i === 0 ? 'a' : 'b'}`,
      SLACK_API_URL: fake.apiUrl,
    }),
  );
  const pg2 = new pg.Client({ connectionString: url });
  await pg2.connect();
  const started = performance.now();
  try {
    await Promise.all(ports.map((port) => waitHealthy(`http://127.0.0.1:${port}/healthz`)));
    const idleRss = bots.map((bot) => peakRssMb(bot.pid));
    const base = `http://127.0.0.1:${ports[0]}`;
    // Slack reports the same zones the teachers have here, so running a command changes none.
    for (let n = 0; n < COMMUNITIES; n++)
      fake.users.set(`U${n}`, { id: `U${n}`, name: `Teacher ${n}`, tz: ZONES[n % 4] ?? 'UTC' });
    for (let i = 0; i < COMMUNITIES; i++) {
      await command(base, fake, `setup Circle ${i}`, `U${i}`, `CSOAK${i}`);
      await sleep(200);
      await command(
        base,
        fake,
        `schedule weekly ${['mon', 'tue', 'wed', 'thu', 'fri'][i % 5]} 15:30`,
        `U${i}`,
        `CSOAK${i}`,
      );
    }
    await sleep(1000);

    refusing = true;
    let steps = 0;
    // When each step began (wall time), to tell how long its posts took to reach Slack.
    const stepStarts: number[] = [];
    const settle = async (now: Date) => {
      setTestClock(clockFile, now);
      // Both processes have planned at this instant (they plan on every 250 ms poll under a test
      // clock), and nothing due is left unsent: only then may the clock move on.
      for (const waitStarted = Date.now(); !(await plannedAt(ports, now)); await sleep(50)) {
        if (Date.now() - waitStarted > 60_000)
          throw new Error(`the bots did not plan at ${now.toISOString()} within a minute`);
      }
      for (const waitStarted = Date.now(); ; await sleep(100)) {
        const left = await pg2.query<{ n: number }>(
          `select count(*)::int as n from outbox where sent_at is null and failed_at is null and due_at <= $1`,
          [now],
        );
        if ((left.rows[0]?.n ?? 0) === 0) break;
        if (Date.now() - waitStarted > 60_000)
          throw new Error(`sends due at ${now.toISOString()} were still waiting after a minute`);
      }
    };
    for (let t = START.getTime() + STEP_MS; t <= END.getTime(); t += STEP_MS, steps++) {
      stepStarts.push(Date.now());
      await settle(new Date(t));
      // Sends put off within this step (a 429's Retry-After, pacing) go when they fall due.
      for (;;) {
        const putOff = await pg2.query<{ at: Date | null }>(
          `select min(due_at) as at from outbox where sent_at is null and failed_at is null and last_error is not null and due_at < $1`,
          [new Date(t + STEP_MS)],
        );
        const at = putOff.rows[0]?.at;
        if (!at) break;
        await settle(new Date(Math.max(at.getTime(), t)));
      }
    }
    const elapsed = (performance.now() - started) / 1000;

    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.response.ok === true);
    const refused = fake.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.response.error === 'ratelimited',
    ).length;
    // Each post made during the month, timed from the start of the step it was made in.
    const lags = posts
      .filter((c) => stepStarts.length > 0 && c.at >= (stepStarts[0] ?? 0))
      .map((c) => c.at - (stepStarts.findLast((begun) => begun <= c.at) ?? c.at));
    const lag = summarize(lags);
    const byProcess = (token: string) => posts.filter((c) => c.token === token).length;
    let duplicates = 0;
    let lost = 0;
    const examples: string[] = [];
    for (const [user, count] of expected) {
      const mine = posts.filter((c) => c.args.channel === user);
      duplicates += Math.max(0, mine.length - count);
      lost += Math.max(0, count - mine.length);
      if (mine.length !== count && examples.length < 5) {
        examples.push(
          `${user}: expected ${count}, got ${mine.length}: ${mine.map((c) => `[${String(c.token).slice(-1)}] ${String(c.args.text).slice(0, 50)}`).join(' | ')}`,
        );
      }
    }
    for (const example of examples) process.stdout.write(`    ${example}\n`);
    const expectedNudges = [...expected.values()].reduce((a, b) => a + b, 0);
    const sessions = await pg2.query<{ closed: number; summaries: number }>(
      `select count(*)::int as closed from sessions where closed_at is not null`,
    );
    const summaries = posts.filter((c) => String(c.args.text).startsWith('Session summary')).length;
    const closed = sessions.rows[0]?.closed ?? 0;
    duplicates += Math.max(0, summaries - closed);
    const unsent = await pg2.query<{ n: number }>(
      `select count(*)::int as n from outbox where sent_at is null and due_at <= $1`,
      [new Date(END.getTime() - STEP_MS)],
    );
    lost += unsent.rows[0]?.n ?? 0;
    const failed = await pg2.query<{ n: number }>(`select count(*)::int as n from outbox where failed_at is not null`);

    row('simulated month', { steps: String(steps), 'wall time': `${elapsed.toFixed(0)} s` });
    row('sends (chat.postMessage)', {
      'process a': String(byProcess('xoxb-soak-a')),
      'process b': String(byProcess('xoxb-soak-b')),
      total: String(posts.length),
    });
    row('nudges', {
      expected: String(expectedNudges),
      'scheduled sessions closed': String(closed),
      summaries: String(summaries),
    });
    row('fake Slack', { 'per call': `${LATENCY_MS.min}-${LATENCY_MS.max} ms`, '429s answered': String(refused) });
    row('delivery lag (wall time, from the step a post fell due)', {
      p50: ms(lag.p50),
      p99: ms(lag.p99),
      max: ms(lag.max),
    });
    row('duplicates (must be 0)', { duplicates: String(duplicates) });
    row('lost items (must be 0)', { lost: String(lost), 'failed rows': String(failed.rows[0]?.n ?? 0) });
    bots.forEach((bot, i) =>
      row(`peak RSS, process ${i === 0 ? 'a' : 'b'}`, {
        idle: `${idleRss[i]?.toFixed(0)} MB`,
        peak: `${peakRssMb(bot.pid).toFixed(0)} MB`,
      }),
    );
  } finally {
    await pg2.end();
    const exited = (child: ChildProcess) =>
      new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
    for (const bot of bots) bot.kill('SIGTERM');
    await Promise.race([Promise.all(bots.map(exited)), sleep(20_000)]);
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(adminUrl, 'soak');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a PostgreSQL server');
  await benchSoak(url);
}
