import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect } from 'vitest';
import { dropDatabase, freshDatabase } from '../../bench/databases.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { FakeSlack, type ReceivedCall } from './fake-slack.js';
import { freePort } from './free-port.js';
import { eventually } from './slack-bot.js';
import { SIGNING_SECRET } from './slack-requests.js';
import { setTestClock } from './test-clock.js';

// Two bot processes share one PostgreSQL and a Slack that takes 3 s over every post; forty teachers
// are due a nudge at one slot. The shared test clock runs four times faster than the wall clock from
// the slot on, so a 60 s lease runs out in 15 s: a batch of 25 outlives its claim long before it is
// sent, and the other replica takes the rest over while the first is still sending. Each scenario
// is a test file of its own, so that the two run side by side.

export const adminUrl = process.env.TEST_DATABASE_URL;
const root = resolve(import.meta.dirname, '../..');
export const TEACHERS = 40;
const SLOT = new Date('2026-03-02T14:30:00Z');
const SPEED = 4;
export const POST_MS = 3000;

/** A database of its own, with forty teachers whose weekly nudge falls due at SLOT. */
async function seededDatabase(purpose: string): Promise<string> {
  const url = await freshDatabase(adminUrl ?? '', purpose);
  const database = await openDatabase({ kind: 'postgres', url });
  try {
    await migrateToLatest(database.db);
    const db = database.db;
    const [workspace] = (
      await sql<{
        id: number;
      }>`insert into workspaces (platform, external_id, time_zone) values ('slack', 'T1', 'UTC') returning id`.execute(
        db,
      )
    ).rows;
    await sql`
      insert into members (workspace_id, external_id, display_name, time_zone, nudge_day, nudge_minute, next_nudge_at)
      select ${workspace?.id}, 'U' || n, 'Teacher ' || n, 'UTC', 1, 870, ${SLOT}
      from generate_series(1, ${TEACHERS}) as n`.execute(db);
    await sql`
      insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
      select workspace_id, id, 'Read aloud daily', '20 read-alouds', 20, 'read-alouds', '2026-06-30', ${SLOT} from members`.execute(
      db,
    );
  } finally {
    await database.close();
  }
  return url;
}

interface Replica {
  name: string;
  child: ChildProcess;
  port: number;
  exited: Promise<unknown>;
  stderr: () => string;
}

const started: Replica[] = [];
const cleanups: (() => Promise<void>)[] = [];

async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: `xoxb-${name}`,
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise((done) => child.once('close', done));
  const replica = { name, child, port, exited, stderr: () => stderr };
  started.push(replica);
  return replica;
}

/** Two replicas against a seeded database and a slow fake Slack, the clock held just before the slot. */
export async function twoReplicas(purpose: string) {
  const url = await seededDatabase(purpose);
  const fake = new FakeSlack({ latency: (method) => (method === 'chat.postMessage' ? POST_MS : 0) });
  await fake.start();
  const dir = mkdtempSync(join(tmpdir(), 'mc-replicas-'));
  const clockFile = join(dir, 'now');
  setTestClock(clockFile, new Date(SLOT.getTime() - 3_600_000));
  let ticking: NodeJS.Timeout | undefined;
  cleanups.push(async () => {
    clearInterval(ticking);
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(adminUrl ?? '', purpose);
  });
  const env = { DATABASE_URL: url, TEST_CLOCK_FILE: clockFile, SLACK_API_URL: fake.apiUrl };
  const replicas = await Promise.all([startReplica('a', env), startReplica('b', env)]);
  for (const replica of replicas) {
    await eventually(
      async () => expect((await fetch(`http://127.0.0.1:${replica.port}/healthz`)).status).toBe(200),
      60_000,
    );
  }
  return {
    fake,
    replicas,
    /** From now on the clock runs from the slot, SPEED times faster than the wall clock. */
    runClock: () => {
      const from = Date.now();
      const tick = () => setTestClock(clockFile, new Date(SLOT.getTime() + (Date.now() - from) * SPEED));
      tick();
      ticking = setInterval(tick, 100);
    },
  };
}

/** Nudges Slack took (answered ok), by the teacher they went to, with the replica that sent each. */
export function nudgesByTeacher(fake: FakeSlack): Map<string, string[]> {
  const byTeacher = new Map<string, string[]>();
  for (const call of fake.calls) {
    if (call.method !== 'chat.postMessage' || call.response.ok !== true) continue;
    const teacher = String(call.args.channel);
    byTeacher.set(teacher, [...(byTeacher.get(teacher) ?? []), String(call.token).replace('xoxb-', '')]);
  }
  return byTeacher;
}

export const posts = (calls: ReceivedCall[], token: string) =>
  calls.filter((c) => c.method === 'chat.postMessage' && c.token === token);

/** Kills the replicas a test started and removes what it made, after each test. */
export function cleanUpReplicas(): void {
  afterEach(async () => {
    for (const replica of started.splice(0)) {
      if (replica.child.exitCode === null && replica.child.signalCode === null) {
        replica.child.kill('SIGKILL');
        await replica.exited;
      }
    }
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
}
