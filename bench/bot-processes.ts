import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Bot processes for the benchmarks that run several of them on one database.

const root = resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Brings dist/ up to date, so that the bots below start as `npm start` does, without a build. */
export function buildOnce(): void {
  const built = spawnSync(process.execPath, ['src/start.mjs', '--build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed');
}

/** A bot process running what `npm start` runs, with only `env` (and PATH) set; its log goes to this process's stderr. */
export function startBot(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['src/start.mjs'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function waitHealthy(url: string, withinMs = 90_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < withinMs; await sleep(100)) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
  }
  throw new Error(`${url} did not come up`);
}

/** Peak resident memory of a process, from the kernel's high-water mark. */
export function peakRssMb(pid: number | undefined): number {
  const status = pid ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Stops the bots and waits until they are gone. */
export async function stopBots(bots: ChildProcess[]): Promise<void> {
  for (const bot of bots) bot.kill('SIGTERM');
  await Promise.all(
    bots.map((bot) => new Promise((done) => (bot.exitCode !== null ? done(null) : bot.once('exit', done)))),
  );
}
