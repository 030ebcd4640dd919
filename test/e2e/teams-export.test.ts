import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { runMaintenance } from '../../src/core/use-cases/data/retention.js';
import { createStore } from '../../src/db/store.js';
import { emptyTables, openTestDatabase } from '../helpers/databases.js';
import { silentLog } from '../helpers/driver.js';
import { FakeTeams } from '../helpers/fake-teams.js';
import { activities, ANA, BEN } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// `export` in Teams: no private upload exists, so the files wait on the bot's own server behind links
// signed with ENCRYPTION_KEY, sent only to the person's personal chat, good for 24 hours.

describe('export in Microsoft Teams', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;
  let now = new Date('2026-03-02T15:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
    await bot?.close();
    now = new Date('2026-03-02T15:00:00Z');
    bot = await startTeamsBot(database, { now: () => now, exportKey: Buffer.alloc(32, 7) });
    say = activities(bot.fake.serviceUrl);
  });

  const send = async (activity: unknown) => expect((await bot.send(activity)).status).toBe(200);
  const personalOf = (user: { id: string }) =>
    bot.fake
      .messages()
      .filter((s) => s.conversation === `a:personal-${user.id.slice(3)}`)
      .map((s) => FakeTeams.textOf(s));
  const linksIn = (text: string) =>
    [...text.matchAll(/\]\((http:\/\/127\.0\.0\.1:\d+\/exports\/[^)]+)\)/g)].map((m) => m[1] ?? '');

  it('sends links to the personal chat only, serves the files behind them, and refuses altered or expired ones', async () => {
    await send(say.installPersonal(ANA));
    await send(say.installPersonal(BEN));
    await send(say.channelPost(ANA, 'setup Grade 3'));
    await send(say.channelPost(ANA, 'start'));
    await send(say.channelPost(BEN, 'checkin Quiet reading corners are working', { mention: true }));
    await send(say.channelPost(ANA, 'checkin Ana words that are not Ben’s', { mention: true }));
    const channelBefore = bot.fake.messages().length - personalOf(BEN).length - personalOf(ANA).length;

    await send(say.channelPost(BEN, 'export', { mention: true }));
    const answer = personalOf(BEN).find((text) => text.includes('Here is everything Mentor Circle keeps of yours'));
    expect(answer).toContain('These links work for 24 hours');
    const [jsonUrl, csvUrl] = linksIn(answer ?? '');
    expect(jsonUrl).toMatch(/\/exports\/\d+\.\d+\.[\w-]{43}\/1$/);
    expect(csvUrl).toMatch(/\/2$/);
    // Nothing about the export appeared in the channel but the note that it went privately.
    const channel = bot.fake
      .messages()
      .filter((s) => !s.conversation.startsWith('a:personal-'))
      .map((s) => FakeTeams.textOf(s));
    expect(channel.slice(channelBefore).join('\n')).not.toContain('/exports/');

    const json = await fetch(jsonUrl ?? '');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="mentor-circle-ben[\w-]*\.json"$/);
    const body = (await json.json()) as { checkins: { text: string }[] };
    expect(body.checkins.map((c) => c.text)).toEqual(['Quiet reading corners are working']);
    expect(JSON.stringify(body)).not.toContain('Ana words');
    const csv = await fetch(csvUrl ?? '');
    expect(csv.status).toBe(200);
    expect(await csv.text()).toMatch(/^goal,community,/);

    // An altered id or signature is refused; so is a link past its day.
    const tampered = (jsonUrl ?? '').replace(/\/exports\/(\d+)\./, (_m, id: string) => `/exports/${Number(id) + 1}.`);
    expect((await fetch(tampered)).status).toBe(404);
    expect((await fetch((jsonUrl ?? '').replace(/.\/1$/, 'A/1'))).status).toBe(404);
    expect((await fetch((jsonUrl ?? '').replace(/\/1$/, '/3'))).status).toBe(404);
    now = new Date(now.getTime() + 25 * 60 * 60 * 1000);
    expect((await fetch(jsonUrl ?? '')).status).toBe(410);

    // The night's clean-up deletes the expired export itself.
    await runMaintenance({ store: createStore(database.db), now, log: silentLog });
    expect(await sql`select count(*)::int as n from export_links`.execute(database.db).then((r) => r.rows)).toEqual([
      { n: 0 },
    ]);
  });

  it('answers someone who blocked the bot in the thread, with no link in it', async () => {
    await send(say.installPersonal(ANA));
    await send(say.channelPost(ANA, 'setup Grade 3'));
    bot.fake.blocked.add(BEN.id);
    await send(say.channelPost(BEN, 'export', { mention: true }));
    const everything = bot.fake
      .messages()
      .map((s) => FakeTeams.textOf(s))
      .join('\n');
    expect(everything).not.toContain('/exports/');
    expect(everything).toContain('I have an answer that only you should see');
    expect(await sql`select count(*)::int as n from export_links`.execute(database.db).then((r) => r.rows)).toEqual([
      { n: 0 },
    ]);
  });

  it('says exports are not set up when the bot has no public address and key', async () => {
    await bot.close();
    bot = await startTeamsBot(database, { now: () => now });
    say = activities(bot.fake.serviceUrl);
    await send(say.installPersonal(BEN));
    await send(say.personal(BEN, 'export'));
    expect(personalOf(BEN).at(-1)).toBe(
      'Exports are not set up for Teams here yet: whoever runs Mentor Circle needs to set PUBLIC_URL and ENCRYPTION_KEY.',
    );
  });
});
