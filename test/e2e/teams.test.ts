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

  describe('with a session open', () => {
    let root: string;
    beforeEach(async () => {
      await send(say.installPersonal(BEN));
      await send(say.channelPost(ANA, 'setup Grade 3'));
      await send(say.channelPost(ANA, 'start'));
      root = sessionCard().id;
    });

    it('opens the check-in card in the personal chat from the session card, and records its answers for the channel', async () => {
      const share = FakeTeams.buttons(sessionCard()).find((b) => b.title === "Share what's working");
      await send(say.submit(BEN, share?.data ?? {}, { root }));
      const form = toPersonal('ben').at(-1);
      const card = form?.activity.attachments?.[0]?.content;
      expect(card?.body.filter((b) => String(b.type).startsWith('Input.')).map((b) => [b.type, b.id])).toEqual([
        ['Input.Text', 'text'],
        ['Input.Toggle', 'share'],
      ]);
      const submit = card?.actions?.[0]?.data ?? {};
      await send(say.submit(BEN, { ...submit, text: 'Students leading the warm-up', share: 'true' }, 'personal'));
      expect(await rows(`select c.text, c.shared_with_leaders, c.source from checkins c`)).toEqual([{ text: 'Students leading the warm-up', shared_with_leaders: true, source: 'form' }]);
      expect(text(toPersonal('ben').at(-1))).toContain('Thanks, Ben Okafor');
    });

    it('opens a personal chat with someone who never wrote to the bot, and answers there', async () => {
      await send(say.threadReply(ANA, root, 'Our morning meeting works'));
      expect(bot.fake.opened()).toEqual([ANA.id]);
      expect(bot.fake.messages().filter((s) => s.conversation === `a:opened-${ANA.id}`).map(text)).toEqual([expect.stringContaining('Thanks, Ana Ruiz')]);
      expect(inThread(root)).toHaveLength(1);
    });

    it('answers someone who blocked the bot in the thread, without saying what is private', async () => {
      bot.fake.blocked.add(ANA.id);
      await send(say.threadReply(ANA, root, 'Our morning meeting works'));
      const note = inThread(root).at(-1);
      expect(note?.activityId).toBeDefined();
      expect(text(note)).toMatch(/^Ana Ruiz, I have an answer that only you should see/);
      expect(text(note)).not.toContain('morning meeting');
      expect(await rows('select text from checkins')).toEqual([{ text: 'Our morning meeting works' }]);
    });

    it("never shows a form listing someone's goals in the channel when their personal chat cannot be had", async () => {
      // Ana has spoken in the channel, blocked the bot in her personal chat, and has a goal.
      bot.fake.blocked.add(ANA.id);
      const goal = await sql<{ id: number }>`
        insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
        select workspace_id, id, 'Call every parent this month', '30 calls', 30, 'calls', '2099-01-01', now() from members where external_id = ${ANA.id}
        returning id`.execute(database.db);
      await send(say.submit(ANA, { mcAction: { kind: 'nudge.progress', goalIds: goal.rows.map((g) => g.id), nonce: 'progress-press-1' } }, { root }));
      // Not in any text, card or choice the bot sent anywhere.
      const everything = JSON.stringify(bot.fake.sent.map((s) => s.activity));
      expect(everything).not.toContain('Call every parent');
      expect(text(inThread(root).at(-1))).toMatch(/^Ana Ruiz, I have an answer that only you should see/);
      expect(inThread(root).filter((s) => s.activity.attachments?.length)).toEqual([]);
    });

    it('refuses a stale card button and forged card data without changing anything', async () => {
      await send(say.installPersonal(ANA));
      const next = FakeTeams.buttons(sessionCard()).find((b) => b.title === 'Next');
      await send(say.submit(ANA, next?.data ?? {}, { root }));
      expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]);
      // The same press again is a retry, answered with nothing; the old button with a fresh nonce is stale.
      await send(say.submit(ANA, next?.data ?? {}, { root }));
      await send(say.submit(ANA, { mcAction: { ...(next?.data.mcAction as object), nonce: 'another-press-1' } }, { root }));
      await send(say.submit(ANA, { mcAction: { kind: 'session.close', sessionId: 99999, phase: 'reflection', nonce: 'made-up-nonce' } }, { root }));
      await send(say.submit(ANA, { somebody: 'else' }, { root }));
      await send(say.submit(ANA, { mcForm: { kind: 'checkin', context: { sessionId: 'x' }, nonce: 'made-up-nonce' }, text: 'hi' }, { root }));
      expect(toPersonal('ana').map(text)).toEqual([
        'This session has moved on already, so nothing was changed.',
        'That button or form does not belong here, so nothing was changed.',
        'That button or form does not belong here, so nothing was changed.',
        'That button or form does not belong here, so nothing was changed.',
      ]);
      expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]);
      expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
    });

    it('follows an edited and a deleted thread reply', async () => {
      await send(say.threadReply(BEN, root, 'Draft', { id: '1700000099001' }));
      expect(await rows('select text from checkins')).toEqual([{ text: 'Draft' }]);
      const edit = { ...say.threadReply(BEN, root, 'Final', { id: '1700000099001' }), type: 'messageUpdate', channelData: { ...say.threadReply(BEN, root, '').channelData, eventType: 'editMessage' } };
      await send(edit);
      expect(await rows('select text from checkins')).toEqual([{ text: 'Final' }]);
      await send({ ...edit, type: 'messageDelete', text: undefined, channelData: { ...edit.channelData, eventType: 'softDeleteMessage' } });
      expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
    });

    it('takes a facilitator\'s @mention with a command in the thread as the command, and a teacher\'s as an answer', async () => {
      await send(say.threadReply(BEN, root, 'next', { mention: true }));
      expect(await rows('select phase from sessions')).toEqual([{ phase: 'opening' }]);
      expect(await rows('select text from checkins')).toEqual([{ text: 'next' }]);
      await send(say.threadReply(ANA, root, 'next', { mention: true }));
      expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]);
    });

    it('ignores top-level channel chatter that does not address the bot', async () => {
      await send(say.channelPost(BEN, 'hello all', { mention: false }));
      expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
      expect(bot.fake.messages()).toHaveLength(3);
    });
  });

  it('takes words addressed to it in a thread it does not run as a command, and ignores the rest there', async () => {
    await send(say.installPersonal(ANA));
    await send(say.channelPost(ANA, 'setup Grade 3'));
    const welcome = bot.fake.messages()[0]?.id ?? '';
    await send(say.threadReply(BEN, welcome, 'congrats everyone'));
    expect(await rows('select count(*)::int as n from sessions')).toEqual([{ n: 0 }]);
    await send(say.threadReply(ANA, welcome, 'start Fractions', { mention: true }));
    expect(await rows('select topic, phase from sessions')).toEqual([{ topic: 'Fractions', phase: 'opening' }]);
  });

  it('names a co-facilitator by @mention', async () => {
    await send(say.installPersonal(ANA));
    await send(say.channelPost(ANA, 'setup Grade 3'));
    const post = say.channelPost(ANA, `facilitator add <at>${BEN.name}</at>`);
    await send({ ...post, entities: [...post.entities, { type: 'mention', mentioned: { id: BEN.id, name: BEN.name }, text: `<at>${BEN.name}</at>` }] });
    expect(await rows(`select m.external_id from community_members cm join members m on m.id = cm.member_id where cm.is_facilitator order by 1`)).toEqual([
      { external_id: ANA.id },
      { external_id: BEN.id },
    ]);
  });

  describe('goals', () => {
    beforeEach(async () => {
      await send(say.installPersonal(BEN));
    });
    const lastToBen = () => text(toPersonal('ben').at(-1));
    const goalCard = () => {
      const card = toPersonal('ben').at(-1)?.activity.attachments?.[0]?.content;
      if (!card) throw new Error('no card');
      return card;
    };
    const fill = (values: Record<string, string>) => ({ ...(goalCard().actions?.[0]?.data ?? {}), ...values });

    it('adds to progress with +3, refuses a total below zero, and keeps a zone the teacher chose over the one Teams reports', async () => {
      await send(say.channelPost(BEN, 'goal'));
      await send(say.submit(BEN, fill({ specific: 'Exit tickets every Friday', measure: 'Number of lessons with exit tickets', firstStep: '', relevance: '', dueOn: '2099-01-01', cadence: 'weekly', celebrate: 'false' }), 'personal'));
      // Only the far-off date is questioned: the measure counts without a digit.
      expect(text(toPersonal('ben').at(-1))).toMatch(/^Before I save it/);
      const save = FakeTeams.buttons(toPersonal('ben').at(-1) as SentActivity).find((b) => b.title === 'Save as it is');
      await send(say.submit(BEN, save?.data ?? {}, 'personal'));
      await send(say.personal(BEN, 'progress 1 4'));
      await send(say.personal(BEN, 'progress 1 +3'));
      expect(lastToBen()).toBe('Added 3: now 7. Exit tickets every Friday: 7, up from 4. By 2099-01-01, checking in every week.');
      await send(say.personal(BEN, 'progress 1 -9'));
      expect(lastToBen()).toMatch(/^That would take goal 1 below zero: it is at 7 now\./);
      // Every activity carries Teams' own zone for Ben, America/Chicago.
      await send(say.personal(BEN, 'my timezone london'));
      await send(say.personal(BEN, 'nudges thu 8am'));
      expect(lastToBen()).toBe('I will check in on your goals on Thursdays at 08:00, Europe/London time, on school days only.');
    });

    it('sets a goal through the card, saves it after the coaching questions, and logs, achieves, reworks and drops with words and cards', async () => {
      await send(say.channelPost(BEN, 'goal'));
      expect(goalCard().body.filter((b) => String(b.type).startsWith('Input.')).map((b) => [b.id, b.type])).toEqual([
        ['specific', 'Input.Text'],
        ['measure', 'Input.Text'],
        ['firstStep', 'Input.Text'],
        ['relevance', 'Input.Text'],
        ['dueOn', 'Input.Date'],
        ['cadence', 'Input.ChoiceSet'],
        ['celebrate', 'Input.Toggle'],
      ]);
      await send(say.submit(BEN, fill({ specific: 'Exit tickets every Friday', measure: '10 exit tickets', firstStep: '', relevance: '', dueOn: '2099-01-01', cadence: 'monthly', celebrate: 'true' }), 'personal'));
      expect(lastToBen()).toMatch(/^Before I save it/);
      const save = FakeTeams.buttons(toPersonal('ben').at(-1) as SentActivity).find((b) => b.title === 'Save as it is');
      await send(say.submit(BEN, save?.data ?? {}, 'personal'));
      expect(await rows(`select g.specific, g.cadence, g.due_on, g.target, g.celebrate, c.channel_id from goals g left join communities c on c.id = g.community_id`)).toEqual([
        { specific: 'Exit tickets every Friday', cadence: 'monthly', due_on: '2099-01-01', target: 10, celebrate: true, channel_id: null },
      ]);

      await send(say.personal(BEN, 'progress 1 4 two classes so far'));
      expect(lastToBen()).toContain('Now 4 of 10 exit tickets (your total). Exit tickets every Friday: 4 of 10 exit tickets (40%)');
      await send(say.personal(BEN, 'goal rework 1'));
      expect(goalCard().body.find((b) => b.id === 'specific')).toMatchObject({ value: 'Exit tickets every Friday' });
      const dueSoon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await send(say.submit(BEN, fill({ specific: 'Exit tickets every Tuesday and Friday', measure: '20 exit tickets', dueOn: dueSoon, cadence: 'weekly', celebrate: 'false' }), 'personal'));
      expect(lastToBen()).toMatch(/^Reworked: goal 2, "Exit tickets every Tuesday and Friday"/);
      // Goals keep their numbers: the rework is goal 2, and goal 1 stays the goal it replaced.
      await send(say.personal(BEN, 'goal achieved 1'));
      expect(lastToBen()).toMatch(/^Goal 1, "Exit tickets every Friday", is reworked into a new goal already/);
      await send(say.personal(BEN, 'goal achieved 2'));
      expect(lastToBen()).toMatch(/^Achieved: goal 2, "Exit tickets every Tuesday and Friday"/);
      await send(say.personal(BEN, 'goal'));
      await send(say.submit(BEN, fill({ specific: 'Read aloud daily', measure: '15 read-alouds', dueOn: dueSoon, cadence: 'weekly', celebrate: 'false' }), 'personal'));
      expect(lastToBen()).toMatch(/^Saved as goal 3/);
      await send(say.personal(BEN, 'goal drop 3'));
      expect(lastToBen()).toMatch(/^Set aside: goal 3, "Read aloud daily"/);
      expect(await rows(`select specific, status, reworks_goal_id is not null as reworks from goals order by id`)).toEqual([
        { specific: 'Exit tickets every Friday', status: 'reworked', reworks: false },
        { specific: 'Exit tickets every Tuesday and Friday', status: 'achieved', reworks: true },
        { specific: 'Read aloud daily', status: 'dropped', reworks: false },
      ]);
    });

    it('says what is missing from a goal card with empty or broken fields, and saves nothing', async () => {
      await send(say.personal(BEN, 'goal'));
      await send(say.submit(BEN, fill({ specific: '', measure: '3 things', dueOn: 'someday' }), 'personal'));
      expect(lastToBen()).toMatch(/^Some answers were missing or too long/);
      await send(say.submit(BEN, { mcForm: { kind: 'progress', context: {}, nonce: 'progress-card-1' }, goal: '1', value: 'lots' }, 'personal'));
      expect(lastToBen()).toBe('Progress needs a number: your total so far, like 14, or what to add, like +3.');
      expect(await rows('select count(*)::int as n from goals')).toEqual([{ n: 0 }]);
    });

    it('celebrates in the community channel when a goal set there is achieved and the teacher asked for it', async () => {
      await send(say.channelPost(ANA, 'setup Grade 3'));
      await send(say.channelPost(BEN, 'goal'));
      const dueSoon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await send(say.submit(BEN, fill({ specific: 'Read aloud daily', measure: '15 read-alouds', dueOn: dueSoon, cadence: 'weekly', celebrate: 'true' }), 'personal'));
      expect(await rows(`select c.channel_id from goals g join communities c on c.id = g.community_id`)).toEqual([{ channel_id: CHANNEL }]);
      await send(say.personal(BEN, 'goal achieved 1'));
      expect(bot.fake.messages().filter((s) => s.conversation === CHANNEL).map(text).at(-1)).toBe('Ben Okafor reached a goal: "Read aloud daily". Congratulations!');
    });
  });

  describe('at the edge', () => {
    it('answers malformed activities without crashing, stores nothing, and keeps serving', async () => {
      const garbage: unknown[] = [
        '{not json',
        '[]',
        '"a string"',
        {},
        { type: 'message' },
        { type: 'message', text: 'help', serviceUrl: bot.fake.serviceUrl, channelId: 'msteams', conversation: { id: 'a:x' } },
        { ...say.personal(BEN, 'help'), from: undefined },
        { ...say.personal(BEN, 'help'), conversation: { conversationType: 'personal', id: 'a:no-tenant' }, channelData: {} },
        { ...say.personal(BEN, 'help'), serviceUrl: 'not a url' },
        { ...say.personal(BEN, 'help'), type: 'typing' },
        { ...say.personal(BEN, 'help'), type: 'somethingNew' },
        { ...say.personal(BEN, 'help'), type: 'invoke', name: 'adaptiveCard/action' },
        { ...say.personal(BEN, 'help'), text: 42 },
      ];
      for (const activity of garbage) {
        const response = await bot.send(activity);
        expect(response.status, JSON.stringify(activity)).toBeLessThan(500);
      }
      expect(await rows('select count(*)::int as n from workspaces')).toEqual([{ n: 0 }]);
      expect(bot.fake.messages()).toEqual([]);
      // Entities it cannot read are dropped, not the message.
      await send({ ...say.personal(BEN, 'help'), entities: [{ type: 'mention' }, 'odd', null] });
      expect(text(toPersonal('ben').at(-1))).toMatch(/Mentor Circle runs your community sessions/);
    });

    it('answers an unknown command with what was expected', async () => {
      await send(say.personal(BEN, 'fly'));
      expect(text(toPersonal('ben').at(-1))).toBe("I don't know 'fly'. Try `help`.");
    });

    it('refuses a body far larger than any activity', async () => {
      const huge = JSON.stringify({ ...say.personal(BEN, 'help'), text: 'x'.repeat(2_000_000) });
      const response = await fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
      expect(response.status).toBe(413);
      expect(await rows('select count(*)::int as n from workspaces')).toEqual([{ n: 0 }]);
      await send(say.personal(BEN, 'help'));
    });

    it('refuses everything but POST and answers 404 beside /api/messages, and /healthz still works', async () => {
      expect((await fetch(`${bot.baseUrl}/api/messages`)).status).toBe(405);
      expect((await fetch(`${bot.baseUrl}/api/other`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    });
  });
});
