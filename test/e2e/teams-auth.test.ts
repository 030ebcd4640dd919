import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { emptyTables, openTestDatabase } from '../helpers/databases.js';
import { FakeTokenIssuer } from '../helpers/fake-token-issuer.js';
import { activities, BEN } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// With app credentials, every request must carry a token the Bot Framework signed for this app. The
// issuer here is a fake on loopback, configured through botbuilder's own endpoint settings.

const APP_ID = '00000000-0000-4000-8000-00000000b07';

describe('Teams with app credentials', () => {
  const issuer = new FakeTokenIssuer();
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);
  const nothingStored = async () => {
    expect(
      await rows(
        `select (select count(*) from workspaces)::int as workspaces, (select count(*) from event_receipts)::int as events, (select count(*) from conversation_refs)::int as refs`,
      ),
    ).toEqual([{ workspaces: 0, events: 0, refs: 0 }]);
  };

  beforeAll(async () => {
    await issuer.start();
    database = await openTestDatabase('pglite');
    bot = await startTeamsBot(database, {
      auth: {
        mode: 'authenticated',
        appId: APP_ID,
        appPassword: 'not-a-real-secret',
        appType: 'SingleTenant',
        tenantId: 'tenant-1',
        endpoints: {
          ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: issuer.metadataUrl,
          ToBotFromChannelTokenIssuer: issuer.issuer,
          // Tokens for replies would come from here; nothing listens, so replies cannot be sent.
          ToChannelFromBotLoginUrl: 'https://127.0.0.1:9/tenant-1',
          ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        },
      },
    });
    say = activities(bot.fake.serviceUrl);
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
    await issuer.stop();
  });
  beforeEach(async () => {
    await emptyTables(database);
  });

  it('refuses a request without a token, or with one that does not check out, with 401, storing nothing', async () => {
    const activity = say.personal(BEN, 'help');
    const valid = { aud: APP_ID, serviceurl: activity.serviceUrl };
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const refused: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not-a-jwt' },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: `Bearer ${issuer.token(valid, { signWith: forger.privateKey })}` },
      { authorization: `Bearer ${issuer.token(valid, { keyId: 'unknown-key' })}` },
      { authorization: `Bearer ${issuer.token({ ...valid, aud: 'some-other-app' })}` },
      { authorization: `Bearer ${issuer.token({ ...valid, iss: 'https://elsewhere.example' })}` },
      { authorization: `Bearer ${issuer.token({ ...valid, serviceurl: 'https://smba.example/other/' })}` },
      { authorization: `Bearer ${issuer.token({ ...valid, exp: Math.floor(Date.now() / 1000) - 3600 })}` },
    ];
    for (const headers of refused) {
      const response = await bot.send(activity, headers);
      expect(response.status, JSON.stringify(headers).slice(0, 60)).toBe(401);
    }
    await nothingStored();
    expect(bot.fake.sent).toEqual([]);
  });

  it('takes a request whose token the issuer signed for this app', async () => {
    const activity = say.personal(BEN, 'help');
    const response = await bot.send(activity, {
      authorization: `Bearer ${issuer.token({ aud: APP_ID, serviceurl: activity.serviceUrl })}`,
    });
    expect(response.status).toBe(200);
    expect(await rows(`select kind, key from conversation_refs`)).toEqual([{ kind: 'personal', key: BEN.id }]);
    // Received, kept and handled; the private answer needs a token from the login URL, which is not
    // there, so it is logged as not sent, and nothing reached the connector.
    expect(await rows(`select event_id, handled_at is not null as handled from event_receipts`)).toEqual([
      { event_id: `${activity.conversation.id}|${activity.id}`, handled: true },
    ]);
    expect(bot.fake.sent).toEqual([]);
  });
});
