import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { emptyTables, openTestDatabase } from '../helpers/databases.js';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { activities, ANA, BEN, CHANNEL, TENANT } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// Teams through the real CloudAdapter over HTTP, in anonymous mode: Bot Framework activities in, a
// fake Bot Connector on loopback recording what the bot sends out, the embedded database underneath.

describe('Mentor Circle in Microsoft Teams', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;

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
    bot = await startTeamsBot(database);
    say = activities(bot.fake.serviceUrl);
  });

  const rows = (query: string) => sql.raw<Record<string, unknown>>(query).execute(database.db).then((r) => r.rows);
  const text = (sent: SentActivity | undefined) => (sent ? FakeTeams.textOf(sent) : '');

  async function send(activity: unknown) {
    const response = await bot.send(activity);
    expect(response.status, response.text).toBe(200);
  }

  /** The session card: the newest new thread in the channel with buttons. */
  function sessionCard(): SentActivity {
    const card = bot.fake.sent.findLast((s) => s.verb === 'POST' && s.conversation === CHANNEL && FakeTeams.buttons(s).length > 0);
    if (!card) throw new Error('no session card yet');
    return card;
  }
  const inThread = (root: string) => bot.fake.messages().filter((s) => s.conversation === `${CHANNEL};messageid=${root}`);
  const toPersonal = (user: string) => bot.fake.messages().filter((s) => s.conversation === `a:personal-${user}`);

  it('runs a whole session: setup, thread replies from two teachers, next, reflections, closing and the summary', async () => {
    await send(say.installPersonal(ANA));
    await send(say.installPersonal(BEN));
    await send(say.channelPost(ANA, 'setup Grade 3 Literacy'));
    expect(bot.fake.messages().map((s) => [s.conversation, text(s)])).toEqual([
      [CHANNEL, expect.stringContaining('Grade 3 Literacy is now a Mentor Circle community, facilitated by Ana Ruiz')],
    ]);

    await send(say.channelPost(ANA, 'start Small-group reading'));
    const card = sessionCard();
    const root = card.id;
    expect(card.activity.attachments?.[0]?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(FakeTeams.buttons(card).map((b) => b.title)).toEqual(["Share what's working", 'Next', 'Close']);
    expect(inThread(root).map(text)).toEqual([expect.stringMatching(/^Opening check-in: what's working\?/)]);

    await send(say.threadReply(ANA, root, 'Partner reading is working well'));
    await send(say.threadReply(BEN, root, 'Exit tickets are getting more thoughtful'));
    expect(await rows('select text from checkins order by text')).toEqual([{ text: 'Exit tickets are getting more thoughtful' }, { text: 'Partner reading is working well' }]);
    // The thanks are private: each teacher's personal chat, never the thread.
    expect(toPersonal('ben').map(text)).toEqual([expect.stringContaining('Thanks, Ben Okafor')]);
    expect(inThread(root)).toHaveLength(1);

    await send(say.threadReply(ANA, root, 'next', { mention: true }));
    expect(inThread(root).map(text).at(-1)).toMatch(/^Reflection: /);
    const updates = bot.fake.sent.filter((s) => s.verb === 'PUT');
    expect(updates.map((u) => [u.conversation, u.activityId])).toEqual([[CHANNEL, root]]);
    expect(text(updates[0])).toContain('Now: reflection');

    await send(say.threadReply(ANA, root, 'I will try mixed-level pairs'));
    await send(say.threadReply(BEN, root, 'Next week I will try letting students choose the text'));
    expect(await rows('select count(*)::int as n from reflections')).toEqual([{ n: 2 }]);

    await send(say.channelPost(ANA, 'next'));
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'closing' }]);
    expect(inThread(root).map(text).at(-1)).toMatch(/^Closing check-in/);
    await send(say.threadReply(ANA, root, 'Routines that run themselves'));
    await send(say.threadReply(BEN, root, 'Students leading the warm-up'));

    await send(say.channelPost(ANA, 'close'));
    const summary = inThread(root).find((s) => text(s).startsWith('Session summary'));
    expect(text(summary)).toContain('2 participants · 2 opening check-ins · 2 reflections · 2 closing check-ins');
    expect(text(summary)).toContain('Ben Okafor: Students leading the warm-up');
    // The session card is redrawn as closed, without buttons.
    const last = bot.fake.sent.filter((s) => s.verb === 'PUT').at(-1);
    expect(last?.activityId).toBe(root);
    expect(FakeTeams.buttons(last as SentActivity)).toEqual([]);
    expect(await rows(`select w.platform, w.external_id, m.display_name, m.time_zone from members m join workspaces w on w.id = m.workspace_id order by 3`)).toEqual([
      { platform: 'teams', external_id: TENANT, display_name: 'Ana Ruiz', time_zone: 'America/Chicago' },
      { platform: 'teams', external_id: TENANT, display_name: 'Ben Okafor', time_zone: 'America/Chicago' },
    ]);
  });
});
