import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../test/helpers/free-port.js';
import { ms, row } from './stats.js';

// `npm start` on the embedded database answers /healthz within 10 seconds (DESIGN.md). Baseline: a
// bare Node HTTP server started the same way, so the figure shows what our start-up itself costs.

const root = resolve(import.meta.dirname, '..');

async function timeToHealthy(command: string, args: string[], env: NodeJS.ProcessEnv, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, env, stdio: ['pipe', 'ignore', 'inherit'] });
  try {
    for (;;) {
      if (performance.now() - started > 60_000) throw new Error(`${command} did not answer /healthz within 60 s`);
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((response) => response.ok)
        .catch(() => false);
      if (healthy) return performance.now() - started;
      await new Promise((done) => setTimeout(done, 25));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

export async function benchStartup(): Promise<void> {
  process.stdout.write('\nStart-up to a healthy /healthz (embedded database, fresh data directory; target under 10 s)\n');
  const base = await freePort();
  const bare = `require('node:http').createServer((q, s) => s.end('ok')).listen(${base}, '127.0.0.1')`;
  const baseline = await timeToHealthy(process.execPath, ['-e', bare], { PATH: process.env.PATH }, base);
  row('baseline: bare node http server', { 'to first 200': ms(baseline) });

  for (const run of ['first start (creates the database)', 'restart (existing database)']) {
    const dataDir = run.startsWith('first') ? mkdtempSync(join(tmpdir(), 'mc-bench-')) : lastDir;
    lastDir = dataDir;
    const port = await freePort();
    const env = { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
    const elapsed = await timeToHealthy(process.execPath, ['--import', 'tsx', 'src/main.ts'], env, port);
    row(`mentor circle: ${run}`, { 'to first 200': ms(elapsed), 'vs baseline': `+${ms(elapsed - baseline)}` });
  }
  rmSync(lastDir, { recursive: true, force: true });
}
let lastDir = '';
