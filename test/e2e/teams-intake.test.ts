import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receive, type InteractionReceiver } from '../../src/core/handle.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { openTestDatabase } from '../helpers/databases.js';
import { FakeTeams } from '../helpers/fake-teams.js';
import { activities, ANA, BEN, CHANNEL } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// Every Teams activity is stored before the Bot Framework gets its 200. One that cannot be stored is
// refused with 503, so the Bot Framework sends it again; the redelivery is handled, once.

describe('Teams stores each activity before answering it', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;
  let storing: 'works' | 'fails' = 'works';

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const store = createStore(database.db);
    const keep: InteractionReceiver = async (incoming, interaction, replay) => {
      if (storing === 'fails') throw new Error('connection terminated');
      return receive({ store, now: new Date() }, incoming, interaction, replay);
    };
    bot = await startTeamsBot(database, { receive: keep });
    say = activities(bot.fake.serviceUrl);
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  it('refuses a thread reply it cannot store, and takes the redelivery once', async () => {
    await bot.send(say.installPersonal(ANA));
    await bot.send(say.installPersonal(BEN));
    expect((await bot.send(say.channelPost(ANA, 'setup Grade 3'))).status).toBe(200);
    expect((await bot.send(say.channelPost(ANA, 'start'))).status).toBe(200);
    const card = bot.fake.sent.findLast(
      (s) => s.verb === 'POST' && s.conversation === CHANNEL && FakeTeams.buttons(s).length > 0,
    );
    const reply = say.threadReply(BEN, card?.id ?? '', 'Exit tickets are working');

    storing = 'fails';
    const refused = await bot.send(reply);
    expect(refused.status).toBe(503);
    expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);

    storing = 'works';
    expect((await bot.send(reply)).status).toBe(200);
    expect((await bot.send(reply)).status).toBe(200);
    expect(await rows('select text from checkins')).toEqual([{ text: 'Exit tickets are working' }]);
    const receipts = await rows(
      `select count(*)::int as n from event_receipts where platform = 'teams' and handled_at is not null and payload is not null`,
    );
    expect(receipts).toEqual([{ n: 3 }]);
  });

  it('takes NUL characters out before storing, which PostgreSQL could not store', async () => {
    const card = bot.fake.sent.findLast(
      (s) => s.verb === 'POST' && s.conversation === CHANNEL && FakeTeams.buttons(s).length > 0,
    );
    const reply = say.threadReply(ANA, card?.id ?? '', 'Partner\u0000 reading');
    expect((await bot.send(reply)).status).toBe(200);
    expect(await rows(`select text from checkins where text like 'Partner%'`)).toEqual([{ text: 'Partner reading' }]);
  });
});
