import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../test/helpers/free-port.js';
import { dropDatabase, freshDatabase } from './databases.js';
import { ms, row } from './stats.js';

// The start-up targets this measures: what `npm start` runs (the built JavaScript, through
// src/start.mjs) answers /healthz within 3 s on a restart and 5 s on a first start on the embedded
// database, and idle RSS stays under 150 MB on PostgreSQL (the report below prints them). Baseline: a bare Node HTTP server started the same way in the same run, so
// the figures show what our start-up itself costs. PGlite's own creation is measured apart, in a
// process of its own, since most of an embedded start is that.

const root = resolve(import.meta.dirname, '..');
/** Time for a started process to reach its idle footprint (timers armed, first ticks done) before RSS is read. */
const SETTLE_MS = 2000;

interface Started {
  toHealthyMs: number;
  /** VmRSS after healthy and a short settle, in MB. */
  idleRssMb: number;
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

async function start(args: string[], env: NodeJS.ProcessEnv, port: number): Promise<Started> {
  const started = performance.now();
  // stdin stays open: with no platform configured the bot runs its console beside /healthz.
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const gone = new Promise<void>((done) => child.once('exit', () => done()));
  const exited = gone.then((): never => {
    throw new Error(`${args.join(' ')} exited (${child.exitCode ?? child.signalCode}) before /healthz answered`);
  });
  try {
    for (;;) {
      if (performance.now() - started > 120_000)
        throw new Error(`${args.join(' ')} did not answer /healthz within 120 s`);
      const healthy = await Promise.race([
        fetch(`http://127.0.0.1:${port}/healthz`)
          .then((response) => response.ok)
          .catch(() => false),
        exited,
      ]);
      if (healthy) break;
      await new Promise((done) => setTimeout(done, 20));
    }
    const toHealthyMs = performance.now() - started;
    await new Promise((done) => setTimeout(done, SETTLE_MS));
    return { toHealthyMs, idleRssMb: rssMb(child.pid ?? 0) };
  } finally {
    exited.catch(() => undefined);
    // Stopped as an operator stops it, so the restart below follows a clean stop, not a crash
    // recovery of the embedded database.
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(killer);
  }
}

async function startBot(env: NodeJS.ProcessEnv): Promise<Started> {
  const port = await freePort();
  return start(['src/start.mjs'], { ...env, PORT: String(port), HOST: '127.0.0.1' }, port);
}

/** PGlite.create alone in a fresh process, on the given directory (created when empty): the floor of an embedded start. */
function pgliteCreation(dataDir: string): number {
  const script = `
    const { PGlite } = await import('@electric-sql/pglite');
    const started = performance.now();
    const db = await PGlite.create(${JSON.stringify(join(dataDir, 'pglite'))});
    process.stdout.write(String(performance.now() - started));
    await db.close();`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`PGlite creation failed: ${result.stderr}`);
  return Number(result.stdout);
}

const mb = (value: number) => `${value.toFixed(0)} MB`;

export async function benchStartup(postgresUrl?: string): Promise<void> {
  process.stdout.write(
    '\nStart-up: `npm start` (built JavaScript) to a healthy /healthz, and idle RSS (targets: restart < 3 s, first start < 5 s, RSS on PostgreSQL < 150 MB)\n',
  );
  // The built JavaScript, brought up to date first so that no start below includes a build.
  const built = spawnSync(process.execPath, ['src/start.mjs', '--build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed');

  const basePort = await freePort();
  const bare = `require('node:http').createServer((q, s) => s.end('ok')).listen(${basePort}, '127.0.0.1')`;
  const baseline = await start(['-e', bare], {}, basePort);
  row('baseline: bare node http server', {
    'to first 200': ms(baseline.toHealthyMs),
    'idle RSS': mb(baseline.idleRssMb),
  });
  const beside = (figures: Started, pgliteMs?: number) => ({
    'to first 200': ms(figures.toHealthyMs),
    'vs baseline': `+${ms(figures.toHealthyMs - baseline.toHealthyMs)}`,
    ...(pgliteMs === undefined ? {} : { 'without PGlite creation': ms(figures.toHealthyMs - pgliteMs) }),
    'idle RSS': mb(figures.idleRssMb),
  });

  const creationDir = mkdtempSync(join(tmpdir(), 'mc-bench-pglite-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'mc-bench-'));
  try {
    const creationFresh = pgliteCreation(creationDir);
    const creationExisting = pgliteCreation(creationDir);
    row('PGlite.create alone: new data directory', { time: ms(creationFresh) });
    row('PGlite.create alone: existing data directory', { time: ms(creationExisting) });
    row('embedded: first start (creates the database)', beside(await startBot({ DATA_DIR: dataDir }), creationFresh));
    row('embedded: restart (existing database)', beside(await startBot({ DATA_DIR: dataDir }), creationExisting));
  } finally {
    rmSync(creationDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }

  if (!postgresUrl) {
    process.stdout.write('  (set DATABASE_URL or TEST_DATABASE_URL to measure a start on PostgreSQL)\n');
    return;
  }
  const url = await freshDatabase(postgresUrl, 'startup');
  try {
    row('PostgreSQL: first start (migrates)', beside(await startBot({ DATABASE_URL: url })));
    row('PostgreSQL: restart', beside(await startBot({ DATABASE_URL: url })));
  } finally {
    await dropDatabase(postgresUrl, 'startup');
  }
}
