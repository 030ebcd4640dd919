import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../helpers/fake-slack.js';
import { FakeTeams } from '../helpers/fake-teams.js';
import { eventually } from '../helpers/slack-bot.js';
import { commandBody, postToSlackEndpoint, SIGNING_SECRET } from '../helpers/slack-requests.js';
import { activities, ANA } from '../helpers/teams-activities.js';
import { freePort } from '../helpers/free-port.js';

// `npm start` with Slack and Teams (anonymous development mode) configured together: one port serves
// both, and the log says loudly that Teams accepts any token.

const root = resolve(import.meta.dirname, '../..');

describe('npm start with Slack and Teams configured', () => {
  const slack = new FakeSlack();
  const teams = new FakeTeams();
  let dataDir: string;
  beforeAll(async () => {
    await slack.start();
    await teams.start();
    dataDir = mkdtempSync(join(tmpdir(), 'mc-teams-'));
  });
  afterAll(async () => {
    await slack.stop();
    await teams.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** `npm start` on a free loopback port with this environment; resolves once /healthz answers. */
  async function startBot(env: Record<string, string>) {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        ...env,
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => expect((await fetch(`${base}/healthz`)).status).toBe(200), 60_000);
    return { child, exited, base, stderr: () => stderr };
  }

  it('serves /slack/events and /api/messages on one port, warning that Teams is anonymous', async () => {
    const { child, exited, base, stderr } = await startBot({
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-both',
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_ANONYMOUS: 'true',
    });

    const help = activities(teams.serviceUrl).personal(ANA, 'help');
    const answered = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(help),
    });
    expect(answered.status).toBe(200);
    expect(teams.messages().map((s) => [s.conversation, FakeTeams.textOf(s)])).toEqual([
      [help.conversation.id, expect.stringContaining('Mentor Circle runs your community sessions')],
    ]);

    const command = await postToSlackEndpoint(
      base,
      commandBody({ text: 'setup Grade 3', user: 'UANA', channel: 'C1', responseUrl: slack.responseUrl('x') }),
    );
    expect(command.status).toBe(200);
    await eventually(() => expect(slack.callsTo('chat.postMessage')).toHaveLength(1));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const warning = stderr()
      .split('\n')
      .find((line) => line.includes('ANONYMOUS'));
    expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 40 });
    expect(stderr()).not.toContain('Mentor Circle runs your community sessions');
  }, 90_000);

  it('with app credentials, refuses a request without a token and answers nothing', async () => {
    const { child, exited, base, stderr } = await startBot({
      MICROSOFT_APP_ID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      MICROSOFT_APP_PASSWORD: 'process-test-secret',
      MICROSOFT_APP_TENANT_ID: 'tenant-process',
    });
    // No token: refused before anything is looked up or stored (a token would be checked with Microsoft).
    const activity = activities(teams.serviceUrl, 'tenant-process').personal(ANA, 'forget-me');
    const sentBefore = teams.sent.length;
    const refused = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(refused.status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr()).not.toContain('ANONYMOUS');
    expect(stderr()).not.toContain('process-test-secret');
    expect(teams.sent).toHaveLength(sentBefore);
  }, 90_000);
});
