import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstallationVault } from '../../adapters/slack/installations.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { installationRepo } from '../../src/db/repositories/installations.js';
import { createSealer } from '../../src/secrets.js';
import { openTestDatabase } from '../helpers/databases.js';
import { commandBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';

// Many workspaces: the OAuth install through Bolt's installer, installations sealed in the database,
// each request answered with its own workspace's token, and uninstalling forgets the token.

describe('Slack installed in many workspaces', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const sealer = createSealer(randomBytes(32));
    const installations = installationRepo(database.db);
    const vault: InstallationVault = {
      save: (team, installation) =>
        installations.save({
          platform: 'slack',
          externalId: team.id,
          name: team.name,
          sealed: sealer.seal(installation, `slack:${team.id}`),
          at: new Date(),
        }),
      load: async (teamId) => {
        const sealed = await installations.load('slack', teamId);
        return sealed === null ? null : sealer.open(sealed, `slack:${teamId}`);
      },
      remove: (teamId) => installations.uninstall('slack', teamId, new Date()),
    };
    bot = await startSlackBot(database, {
      install: () => ({
        mode: 'oauth',
        clientId: '123.456',
        clientSecret: 'client-secret-x',
        stateSecret: 'state-secret-y',
        vault,
      }),
    });
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  async function install(team: string): Promise<Response> {
    const page = await fetch(`${bot.baseUrl}/slack/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const state = /state=([^"&]+)/.exec(html)?.[1];
    expect(state).toBeDefined();
    const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
    return fetch(`${bot.baseUrl}/slack/oauth_redirect?code=code-${team}&state=${state}`, { headers: { cookie } });
  }

  const command = (team: string, text: string) =>
    postToSlackEndpoint(
      bot.baseUrl,
      commandBody({
        text,
        team,
        user: 'UANA',
        channel: `C-${team}`,
        responseUrl: bot.fake.responseUrl(`${team}-${text}`),
      }),
    );

  it("installs through Slack, storing the installation sealed, and answers with that workspace's token", async () => {
    const done = await install('T2');
    expect(done.status).toBe(200);
    expect(bot.fake.callsTo('oauth.v2.access')).toEqual([
      expect.objectContaining({ code: 'code-T2', client_id: '123.456' }),
    ]);

    const [stored] = await rows(`select name, install_data from workspaces where external_id = 'T2'`);
    expect(stored?.name).toBe('Second School');
    expect(String(stored?.install_data)).toMatch(/^v1:/);
    expect(JSON.stringify(await rows('select * from workspaces'))).not.toContain('xoxb-installed-T2');

    expect((await command('T2', 'setup')).status).toBe(200);
    await eventually(() =>
      expect(bot.fake.calls.find((c) => c.method === 'chat.postMessage')?.token).toBe('xoxb-installed-T2'),
    );
  });

  it('refuses a request from a workspace that never installed the app', async () => {
    expect((await command('T9', 'help')).status).toBe(401);
  });

  it('refuses an install whose state does not match', async () => {
    const forged = await fetch(`${bot.baseUrl}/slack/oauth_redirect?code=code-T7&state=forged`);
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(await rows(`select count(*)::int as n from workspaces where external_id = 'T7'`)).toEqual([{ n: 0 }]);
  });

  it('forgets the token when the app is uninstalled, keeps the data for 30 days, and comes back on reinstall', async () => {
    await install('T3');
    expect((await command('T3', 'help')).status).toBe(200);
    const uninstalled = eventBody({ type: 'app_uninstalled' }, { eventId: 'EvGone', team: 'T3' });
    expect((await postToSlackEndpoint(bot.baseUrl, uninstalled)).status).toBe(200);
    await eventually(async () =>
      expect(
        await rows(
          `select install_data, uninstalled_at is not null as gone, round(extract(epoch from purge_after - uninstalled_at) / 86400) as days from workspaces where external_id = 'T3'`,
        ),
      ).toEqual([{ install_data: null, gone: true, days: 30 }]),
    );
    expect((await command('T3', 'help')).status).toBe(401);

    await install('T3');
    expect(await rows(`select uninstalled_at, purge_after from workspaces where external_id = 'T3'`)).toEqual([
      { uninstalled_at: null, purge_after: null },
    ]);
    expect((await command('T3', 'help')).status).toBe(200);
  });

  it('forgets the token when the bot token is revoked', async () => {
    await install('T4');
    const revoked = eventBody(
      { type: 'tokens_revoked', tokens: { bot: ['UBOT'] } },
      { eventId: 'EvRevoked', team: 'T4' },
    );
    expect((await postToSlackEndpoint(bot.baseUrl, revoked)).status).toBe(200);
    await eventually(async () =>
      expect(await rows(`select install_data from workspaces where external_id = 'T4'`)).toEqual([
        { install_data: null },
      ]),
    );
  });
});
