import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBotProcesses } from '../helpers/bot-process.js';
import { eventually } from '../helpers/slack-bot.js';
import { freePort } from '../helpers/free-port.js';

// `npm start` guarding what an operator set up: GET /metrics is never open on the public port, and
// a process started with another ENCRYPTION_KEY than the database was set up with refuses to start.

const KEY = Buffer.alloc(32, 7).toString('base64');
const METRICS_TOKEN = 'metrics-token-for-the-process-test';

describe('npm start guards metrics and the encryption key', () => {
  const run = useBotProcesses();
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mc-guards-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** `npm start` with Teams in development mode on a free loopback port; `ready` resolves once /healthz answers. */
  async function start(env: Record<string, string>) {
    const port = await freePort();
    const { child, exited, stderr } = run({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      TEAMS_ALLOW_ANONYMOUS: 'true',
      ...env,
    });
    const base = `http://127.0.0.1:${port}`;
    const ready = () => eventually(async () => expect((await fetch(`${base}/healthz`)).status).toBe(200), 60_000);
    const stop = async () => {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    };
    /** Whichever comes first: the process stops (refused), or it answers /healthz (started). */
    const outcome = () =>
      eventually(async () => {
        if (child.exitCode !== null) return `exited ${child.exitCode}`;
        if (
          await fetch(`${base}/healthz`).then(
            (r) => r.status === 200,
            () => false,
          )
        )
          return 'started';
        throw new Error('neither stopped nor started yet');
      }, 60_000);
    return { base, ready, stop, exited, outcome, stderr };
  }

  const scrape = (url: string, token?: string) =>
    fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('serves no /metrics on the public port unless METRICS_TOKEN is borne, and on METRICS_PORT only there', async () => {
    const open = await start({});
    await open.ready();
    expect((await scrape(`${open.base}/metrics`)).status).toBe(404);
    await open.stop();

    const guarded = await start({ METRICS_TOKEN });
    await guarded.ready();
    expect((await scrape(`${guarded.base}/metrics`)).status).toBe(401);
    expect((await scrape(`${guarded.base}/metrics`, 'wrong-token-of-the-same-size-xxxx')).status).toBe(401);
    const allowed = await scrape(`${guarded.base}/metrics`, METRICS_TOKEN);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('# TYPE mentor_circle_interactions_total counter');
    await guarded.stop();
    expect(guarded.stderr()).not.toContain(METRICS_TOKEN);

    const metricsPort = await freePort();
    const apart = await start({ METRICS_PORT: String(metricsPort) });
    await apart.ready();
    expect((await scrape(`${apart.base}/metrics`)).status).toBe(404);
    const own = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('mentor_circle_handling_waiting');
    // Only metrics there: the platforms' routes are on the public port alone.
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/messages`, { method: 'POST', body: '{}' })).status).toBe(
      404,
    );
    await apart.stop();
  }, 180_000);

  it('refuses to start with another ENCRYPTION_KEY than the database was set up with, naming the variable', async () => {
    const first = await start({ ENCRYPTION_KEY: KEY });
    await first.ready();
    await first.stop();

    const other = await start({ ENCRYPTION_KEY: Buffer.alloc(32, 8).toString('base64') });
    expect(await other.outcome()).toBe('exited 1');
    expect(other.stderr()).toContain(
      'Mentor Circle cannot start: ENCRYPTION_KEY is not the key this database was set up with',
    );
    expect(other.stderr()).not.toContain(KEY);

    const again = await start({ ENCRYPTION_KEY: KEY });
    await again.ready();
    await again.stop();
  }, 180_000);
});
