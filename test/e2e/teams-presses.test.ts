import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase } from '../helpers/databases.js';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { activities, ANA, BEN, CHANNEL, TEAM, type TeamsUser } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// Card buttons and forms through the real CloudAdapter, as Bot Framework activities: a card's data is
// whatever its sender makes it, so a form acts on the session the server has, for someone on the
// team's roster (asked of the fake Bot Connector), in the phase the session is in, and once.

const EVE: TeamsUser = { id: '29:eve', name: 'Eve Tenant', timeZone: 'America/Chicago' };

describe('card presses and forms in Microsoft Teams', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;
  let logLines: { level: number; msg: string; code?: string }[] = [];

  // A database of its own per test: each starts from an empty tenant.
  beforeEach(async () => {
    logLines = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line) as never) });
    database = await openTestDatabase('pglite');
    bot = await startTeamsBot(database, { log });
    // The team's roster, as the Bot Connector gives it: Eve is in the tenant, not in the team.
    bot.fake.rosters.set(TEAM, [ANA.id, BEN.id]);
    say = activities(bot.fake.serviceUrl);
  });
  afterEach(async () => {
    await bot.close();
    await database.close();
  });

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);
  const text = (sent: SentActivity | undefined) => (sent ? FakeTeams.textOf(sent) : '');
  const toPersonal = (user: TeamsUser) =>
    bot.fake.messages().filter((s) => s.conversation === `a:personal-${user.id.slice(3)}`);
  const inThread = (root: string) =>
    bot.fake.messages().filter((s) => s.conversation === `${CHANNEL};messageid=${root}`);

  async function send(activity: unknown) {
    const response = await bot.send(activity);
    expect(response.status, response.text).toBe(200);
  }

  /** A community with an open session; returns the session's id and its thread's root. */
  async function openSession(): Promise<{ sessionId: number; root: string }> {
    for (const user of [ANA, BEN, EVE]) await send(say.installPersonal(user));
    await send(say.channelPost(ANA, 'setup Grade 3'));
    await send(say.channelPost(ANA, 'start'));
    const card = bot.fake.sent.findLast(
      (s) => s.verb === 'POST' && s.conversation === CHANNEL && FakeTeams.buttons(s).length > 0,
    );
    const next = FakeTeams.buttons(card as SentActivity).find((b) => b.title === 'Next')?.data.mcAction as {
      sessionId: number;
    };
    return { sessionId: next.sessionId, root: String(card?.id) };
  }

  const checkinForm = (sessionId: number, phase: string, nonce: string, words: string) => ({
    mcForm: { kind: 'checkin', context: { sessionId, phase }, channel: CHANNEL, nonce },
    text: words,
    share: 'true',
  });

  it('refuses a form sent from a personal chat by someone in no team channel: nothing posted, nothing stored', async () => {
    const { sessionId, root } = await openSession();
    const before = inThread(root).length;
    await send(
      say.submit(EVE, checkinForm(sessionId, 'opening', 'eve-form-1', 'Forged from my personal chat'), 'personal'),
    );
    expect(text(toPersonal(EVE).at(-1))).toBe('That button or form does not belong here, so nothing was changed.');
    expect(inThread(root)).toHaveLength(before);
    expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
    expect(
      await rows(
        "select count(*)::int as n from community_members cm join members m on m.id = cm.member_id where m.external_id = '29:eve'",
      ),
    ).toEqual([{ n: 0 }]);
    // The roster was asked, and its answer kept.
    expect(bot.fake.memberLookups).toContain(`${TEAM}/${EVE.id}`);
    expect(await rows(`select present from channel_members where user_id = '29:eve'`)).toEqual([{ present: false }]);
    const warned = logLines.filter((line) => line.level === 40 && line.msg.includes('was refused'));
    expect(warned.map((line) => line.code)).toEqual(['BadPayload']);
    expect(JSON.stringify(logLines)).not.toContain('Forged from my personal chat');
  });

  it('takes a form from the personal chat of someone on the roster, under the phase the session is in, once', async () => {
    const { sessionId, root } = await openSession();
    const form = checkinForm(sessionId, 'closing', 'ben-form-1', 'Partner reading is working');
    // A form claiming the closing check-in while the session is in its opening, sent three times.
    for (let i = 0; i < 3; i += 1) await send(say.submit(BEN, form, 'personal'));
    expect(await rows('select phase, text, shared_with_leaders from checkins')).toEqual([
      { phase: 'opening', text: 'Partner reading is working', shared_with_leaders: true },
    ]);
    expect(
      inThread(root)
        .map(text)
        .filter((t) => t.includes('Partner reading')),
    ).toHaveLength(1);
    expect(
      toPersonal(BEN)
        .map(text)
        .filter((t) => t.startsWith('Thanks')),
    ).toEqual(['Thanks, Ben Okafor: your opening check-in is saved. You chose to share it with school leaders too.']);
  });

  it('forgets what it knew of someone whose team roster changed, and asks again', async () => {
    const { sessionId } = await openSession();
    await send(say.submit(EVE, checkinForm(sessionId, 'opening', 'eve-form-2', 'Not yet'), 'personal'));
    expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
    // Eve joins the team: Teams says so, and the roster now has her.
    bot.fake.rosters.set(TEAM, [ANA.id, BEN.id, EVE.id]);
    await send(say.membersJoined(ANA, [{ id: EVE.id, name: EVE.name }]));
    await send(say.submit(EVE, checkinForm(sessionId, 'opening', 'eve-form-3', 'Now I am in'), 'personal'));
    expect(await rows('select text from checkins')).toEqual([{ text: 'Now I am in' }]);
  });

  it("saves one goal when the same Save is sent three times, and refuses a button naming another person's goal", async () => {
    await send(say.installPersonal(BEN));
    await send(say.installPersonal(ANA));
    await send(say.personal(BEN, 'goal'));
    const card = toPersonal(BEN).at(-1)?.activity.attachments?.[0]?.content;
    const dueOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const save = {
      ...(card?.actions?.[0]?.data ?? {}),
      specific: 'Read aloud daily',
      measure: '15 read-alouds',
      dueOn,
      cadence: 'weekly',
      celebrate: 'false',
    };
    // Three activities of their own, each carrying the one card's Save.
    for (let i = 0; i < 3; i += 1) await send(say.submit(BEN, save, 'personal'));
    expect(await rows('select specific from goals')).toEqual([{ specific: 'Read aloud daily' }]);
    expect(
      toPersonal(BEN)
        .map(text)
        .filter((t) => t.startsWith('Saved as goal')),
    ).toHaveLength(1);

    const [goal] = await rows('select id from goals');
    await send(
      say.submit(
        ANA,
        { mcAction: { kind: 'nudge.snooze', goalIds: [Number(goal?.id)], nonce: 'ana-press-1' } },
        'personal',
      ),
    );
    expect(text(toPersonal(ANA).at(-1))).toBe('Those goals are not active any more, so there is nothing to answer.');
    expect(await rows('select snoozed_until from goals')).toEqual([{ snoozed_until: null }]);
    expect(
      logLines.filter((line) => line.level === 40 && line.msg.includes('was refused')).map((line) => line.code),
    ).toEqual(['NoSuchGoal']);
  });
});
