import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { emptyTables, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { activities, ANA, BOT, CHANNEL, TEAM, TENANT, type TeamsUser } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// Teachers who never opened a chat with the bot: it learns them from the team roster and opens their
// personal chat itself (createConversation) for nudges, private answers and forms. Someone who blocked
// the bot is kept as such and not tried again until they write to it. Through the real CloudAdapter
// over HTTP, against the fake Bot Connector; time moves by the test clock.

const CLEO: TeamsUser = { id: '29:cleo', name: 'Cleo Park', timeZone: 'America/Chicago' };
const DEV: TeamsUser = { id: '29:dev', name: 'Dev Shah' };
const EVE: TeamsUser = { id: '29:eve', name: 'Eve Moreau' };

describe.each(testDatabaseKinds)('Teams personal chats the bot opens itself (%s)', (kind) => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;
  let now = new Date('2026-03-03T15:00:00Z');
  const refusals: string[] = [];
  /** Tenants whose pacing budget a timed send drew on to open a chat. */
  const openings: string[] = [];
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);
  const text = (sent: SentActivity | undefined) => (sent ? FakeTeams.textOf(sent) : '');
  const chatOf = (user: TeamsUser) => bot.fake.messages().filter((s) => s.conversation === `a:opened-${user.id}`);
  const deliver = () => deliverNow(database, { now, chatFor: (_platform, tenant) => bot.chatFor(tenant) });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    bot = await startTeamsBot(database, {
      now: () => now,
      countRefusal: (event) => void refusals.push(event),
      paceOpening: async (tenant) => void openings.push(tenant),
    });
    say = activities(bot.fake.serviceUrl);
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });
  beforeEach(async () => {
    bot.fake.reset();
    refusals.length = 0;
    openings.length = 0;
    now = new Date('2026-03-03T15:00:00Z');
    await emptyTables(database);
    // The team's roster, read two people a page so that its paging is followed.
    bot.fake.rosters.set(TEAM, [ANA.id, BOT.id, CLEO.id, DEV.id, EVE.id]);
    for (const person of [ANA, CLEO, DEV, EVE]) bot.fake.names.set(person.id, person.name);
    bot.fake.rosterPageLimit = 2;
  });

  async function send(activity: unknown) {
    const response = await bot.send(activity);
    expect(response.status, response.text).toBe(200);
  }

  /** The app added to the team by Ana, a community set up in its channel, and a session open. */
  async function circleWithSession(): Promise<string> {
    await send(say.addedToTeam(ANA));
    await send(say.channelPost(ANA, 'setup Grade 3'));
    await send(say.channelPost(ANA, 'start'));
    const card = bot.fake.sent.findLast(
      (s) => s.verb === 'POST' && s.conversation === CHANNEL && FakeTeams.buttons(s).length > 0,
    );
    if (!card) throw new Error('no session card');
    return card.id;
  }

  /** A goal of the person's and a nudge about it due now. */
  async function nudgeDue(user: TeamsUser, key: string) {
    const goal = await sql<{ id: number; member_id: number }>`
      insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
      select workspace_id, id, 'Read aloud to small groups', '10 read-alouds', 10, 'read-alouds', '2099-01-01', now() from members where external_id = ${user.id}
      returning id, member_id`.execute(database.db);
    const [row] = goal.rows;
    if (!row) throw new Error(`${user.name} is not known`);
    await outboxRepo(database.db).enqueue([
      {
        workspaceId: null,
        memberId: row.member_id,
        kind: 'nudge',
        key,
        dueAt: now,
        payload: { memberId: row.member_id, goalIds: [row.id] },
      },
    ]);
  }

  /** The same nudge again, a week on: the clock moves, nothing sleeps. */
  async function aWeekOnNudgeAgain(first: string, key: string) {
    now = new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000);
    const [row] = await rows(`select payload from outbox where key = '${first}'`);
    await outboxRepo(database.db).enqueue([
      { workspaceId: null, kind: 'nudge', key, dueAt: now, payload: row?.payload },
    ]);
  }

  it('learns the team roster page by page when added to a team', async () => {
    await send(say.addedToTeam(ANA));
    expect(bot.fake.rosterReads).toEqual([TEAM, `${TEAM}?2`, `${TEAM}?4`]);
    expect(await rows(`select external_id, display_name from members order by external_id`)).toEqual([
      { external_id: ANA.id, display_name: 'Ana Ruiz' },
      { external_id: CLEO.id, display_name: 'Cleo Park' },
      { external_id: DEV.id, display_name: 'Dev Shah' },
      { external_id: EVE.id, display_name: 'Eve Moreau' },
    ]);
  });

  it('gives a teacher who never wrote to the bot their nudge, a private answer and their goal form in a chat it opened', async () => {
    const root = await circleWithSession();
    await nudgeDue(CLEO, 'nudge:cleo');

    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(bot.fake.created).toEqual([
      { member: CLEO.id, tenantId: TENANT, bot: BOT.id, answer: { id: `a:opened-${CLEO.id}` } },
    ]);
    expect(text(chatOf(CLEO)[0])).toContain('Hello Cleo Park, a quick check-in on your goals.');
    // Opening the chat was one more request to Teams, paced against the tenant's budget.
    expect(openings).toEqual([TENANT]);

    await send(say.threadReply(CLEO, root, 'Partner reading is working'));
    expect(text(chatOf(CLEO).at(-1))).toContain('Thanks, Cleo Park');
    await send(say.channelPost(CLEO, 'goal'));
    const form = chatOf(CLEO).at(-1)?.activity.attachments?.[0]?.content;
    expect(form?.body.filter((b) => String(b.type).startsWith('Input.')).map((b) => b.id)).toContain('cadence');

    // One chat, opened once and kept; nothing private in the channel; nothing Teams would refuse.
    expect(bot.fake.opened()).toEqual([CLEO.id]);
    expect(
      await rows(
        `select key, reference->'conversation'->>'id' as conversation, reference->>'serviceUrl' as service from conversation_refs where kind = 'personal'`,
      ),
    ).toEqual([{ key: CLEO.id, conversation: `a:opened-${CLEO.id}`, service: bot.fake.serviceUrl }]);
    const inChannel = bot.fake
      .messages()
      .filter((s) => s.conversation.startsWith(CHANNEL))
      .map(text)
      .join('\n');
    expect(inChannel).not.toContain('Cleo');
    expect(bot.fake.malformed).toEqual([]);
  });

  it('ends with one stored chat when two senders open the same person’s chat at once', async () => {
    await send(say.addedToTeam(ANA));
    const chat = await bot.chatFor(TENANT);
    const sent = await Promise.all([
      chat.dm({ workspace: TENANT, user: DEV.id }, { text: 'First' }),
      chat.dm({ workspace: TENANT, user: DEV.id }, { text: 'Second' }),
    ]);
    expect(new Set(sent.map((ref) => ref.channel))).toEqual(new Set([`a:opened-${DEV.id}`]));
    expect(
      await rows(`select count(*)::int as n from conversation_refs where kind = 'personal' and key = '${DEV.id}'`),
    ).toEqual([{ n: 1 }]);
    expect(chatOf(DEV).map(text).sort()).toEqual(['First', 'Second']);
  });

  it('keeps a member who blocked the bot, tries them no more until they write to it, and answers them in the thread only what says nothing', async () => {
    const root = await circleWithSession();
    bot.fake.blocked.add(EVE.id);
    await nudgeDue(EVE, 'nudge:eve:1');

    expect(await deliver()).toMatchObject({ failed: 1 });
    expect(bot.fake.created.filter((c) => c.member === EVE.id)).toEqual([
      { member: EVE.id, tenantId: TENANT, bot: BOT.id, answer: { status: 403 } },
    ]);
    expect(await rows(`select personal_chat_refused_at from members where external_id = '${EVE.id}'`)).toEqual([
      { personal_chat_refused_at: now },
    ]);
    expect(refusals).toEqual(['recorded']);

    // A week on, the next nudge is not tried: Teams is not asked again.
    await aWeekOnNudgeAgain('nudge:eve:1', 'nudge:eve:2');
    expect(await deliver()).toMatchObject({ failed: 1 });
    expect(await rows(`select last_error from outbox where key = 'nudge:eve:2'`)).toEqual([
      { last_error: 'DeliveryError: this person blocked the bot: nothing goes to them until they write to it again' },
    ]);
    expect(bot.fake.created.filter((c) => c.member === EVE.id)).toHaveLength(1);
    expect(refusals).toEqual(['recorded', 'skipped']);

    // Her answer in the thread is recorded; its thanks are private, so the thread gets a note that says nothing.
    await send(say.threadReply(EVE, root, 'Morning circles work'));
    expect(text(bot.fake.messages().at(-1))).toMatch(/^Eve Moreau, I have an answer that only you should see/);
    expect(text(bot.fake.messages().at(-1))).not.toContain('Morning circles');
    // Help for a typo says nothing private: it is answered where she asked.
    await send(say.channelPost(EVE, 'strat'));
    const help = bot.fake.messages().at(-1);
    expect(help?.conversation.startsWith(CHANNEL)).toBe(true);
    expect(text(help)).not.toMatch(/only you should see/);
    expect(bot.fake.created.filter((c) => c.member === EVE.id).length).toBeGreaterThanOrEqual(2);

    // She unblocks the bot and writes to it: the refusal is cleared, and her next nudge reaches her chat.
    bot.fake.blocked.delete(EVE.id);
    await send(say.personal(EVE, 'help'));
    expect(await rows(`select personal_chat_refused_at from members where external_id = '${EVE.id}'`)).toEqual([
      { personal_chat_refused_at: null },
    ]);
    await aWeekOnNudgeAgain('nudge:eve:1', 'nudge:eve:3');
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(text(bot.fake.messages().at(-1))).toContain('Hello Eve Moreau, a quick check-in on your goals.');
    expect(bot.fake.messages().at(-1)?.conversation).toBe('a:personal-eve');
  });

  it('opens a chat through the service of a personal install when the tenant has no channel the bot knows', async () => {
    await send(say.installPersonal(ANA));
    const sent = await (await bot.chatFor(TENANT)).dm({ workspace: TENANT, user: DEV.id }, { text: 'Hello' });
    expect(sent.channel).toBe(`a:opened-${DEV.id}`);
    expect(bot.fake.created).toEqual([
      { member: DEV.id, tenantId: TENANT, bot: BOT.id, answer: { id: `a:opened-${DEV.id}` } },
    ]);
  });

  it('keeps someone who blocked the bot in the chat they had with it, and does not write there again', async () => {
    await send(say.addedToTeam(ANA));
    await send(say.installPersonal(DEV));
    await nudgeDue(DEV, 'nudge:dev:1');
    bot.fake.blocked.add(DEV.id);
    expect(await deliver()).toMatchObject({ failed: 1 });
    expect(bot.fake.refused).toEqual([{ conversation: 'a:personal-dev', status: 403 }]);

    await aWeekOnNudgeAgain('nudge:dev:1', 'nudge:dev:2');
    expect(await deliver()).toMatchObject({ failed: 1 });
    expect(bot.fake.refused).toHaveLength(1);
    expect(bot.fake.created).toEqual([]);
    expect(refusals).toEqual(['recorded', 'skipped']);
  });

  it('is refused by the fake Bot Connector where Teams would refuse', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${bot.fake.serviceUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.status);
    expect(await post('v3/conversations', { bot: BOT, members: [{ id: CLEO.id }], isGroup: false })).toBe(400);
    expect(
      await post('v3/conversations', { bot: BOT, members: [{ id: CLEO.id }, { id: DEV.id }], tenantId: TENANT }),
    ).toBe(400);
    expect(await post('v3/conversations', { members: [{ id: CLEO.id }], tenantId: TENANT })).toBe(400);
    expect(await post(`v3/conversations/${encodeURIComponent(CHANNEL)}/activities`, { text: 'no type' })).toBe(400);
    expect(await post(`v3/conversations/${encodeURIComponent(CHANNEL)}/activities`, { type: 'message' })).toBe(400);
    expect(
      await post('v3/conversations', { bot: BOT, members: [{ id: CLEO.id }], tenantId: TENANT, isGroup: false }),
    ).toBe(201);
    expect(bot.fake.malformed).toHaveLength(5);
  });
});
