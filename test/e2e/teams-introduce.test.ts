import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Introduced } from '../../src/core/chat-port.js';
import type { Message } from '../../src/core/messages.js';
import { DeliveryError } from '../../src/core/outbox.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { rendererFaults } from '../contract/adaptive-cards.js';
import { emptyTables, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { activities, ANA, TENANT, type TeamsUser } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// A mentor and a teacher introduced in Teams, where a bot cannot create a group chat: each gets the
// message in their own personal chat with the bot (opened on the fly for someone who never wrote to
// it), with a line naming the other and a link to start a chat with them by their Microsoft Entra id,
// never by the `29:` id the bot knows them by. Through the ChatPort timed sends use (the real
// CloudAdapter and Bot Connector client) against the fake Bot Connector.

const CLEO: TeamsUser = { id: '29:cleo', name: 'Cleo Park' };
const EVE: TeamsUser = { id: '29:eve', name: 'Eve Moreau' };
const introduced = (user: TeamsUser): Introduced => ({ user: user.id, name: user.name });
const MEETING: Message = {
  text: 'Ana Ruiz, meet Cleo Park: Cleo mentors on classroom routines.',
  sections: ['Ana asked: how do I keep transitions under two minutes?'],
  buttons: [{ label: 'Set a goal together', action: { kind: 'goal.form' } }],
};
const chatLinkTo = (entraId: string) => `https://teams.microsoft.com/l/chat/0/0?users=${entraId}`;

describe.each(testDatabaseKinds)('introductions in Teams (%s)', (kind) => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;
  /** Tenants whose pacing budget a send drew on to open a personal chat. */
  const openings: string[] = [];
  const anasChat = `a:personal-${ANA.id.slice(3)}`;
  const cleosChat = `a:opened-${CLEO.id}`;
  const copyIn = (conversation: string): SentActivity | undefined =>
    bot.fake.messages().find((s) => s.conversation === conversation);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    bot = await startTeamsBot(database, { paceOpening: async (tenant) => void openings.push(tenant) });
    say = activities(bot.fake.serviceUrl);
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
    bot.fake.reset();
    for (const person of [ANA, CLEO, EVE]) bot.fake.names.set(person.id, person.name);
    // The app in Ana's team, and Ana has written to the bot herself; Cleo and Eve never have.
    for (const activity of [say.addedToTeam(ANA), say.personal(ANA, 'help')]) {
      const response = await bot.send(activity);
      expect(response.status, response.text).toBe(200);
    }
    bot.fake.reset();
    openings.length = 0;
  });

  it('sends each a copy in their personal chat, one opened on the fly, naming the other with a link to chat by their Entra id', async () => {
    const chat = await bot.chatFor(TENANT);
    await chat.introduce(TENANT, [introduced(ANA), introduced(CLEO)], MEETING);

    // Two proactive messages, one per personal chat; Cleo's chat opened for it, paced as any opening.
    expect(
      bot.fake
        .messages()
        .map((s) => s.conversation)
        .sort(),
    ).toEqual([anasChat, cleosChat].sort());
    expect(bot.fake.opened()).toEqual([CLEO.id]);
    expect(openings).toEqual([TENANT]);

    const toAna = copyIn(anasChat);
    const toCleo = copyIn(cleosChat);
    if (!toAna || !toCleo) throw new Error('a copy is missing');
    for (const copy of [toAna, toCleo]) {
      expect(FakeTeams.textOf(copy)).toContain('Ana Ruiz, meet Cleo Park: Cleo mentors on classroom routines.');
      expect(FakeTeams.textOf(copy)).toContain('Ana asked: how do I keep transitions under two minutes?');
      expect(FakeTeams.buttons(copy).map((b) => b.title)).toEqual(['Set a goal together']);
      expect(rendererFaults(copy.activity.attachments?.[0]?.content)).toEqual([]);
      // Never the Bot Framework id in a link.
      expect(FakeTeams.rawTextOf(copy)).not.toMatch(/users=\d+(:|%3A)/i);
    }
    // Ana's copy names Cleo, by the id Teams gave for her as the one member of her new chat...
    expect(FakeTeams.rawTextOf(toAna)).toContain(
      `Start a chat with Cleo Park: [chat with Cleo Park](${chatLinkTo('aad-cleo')})`,
    );
    // ...and Cleo's names Ana, by the id Teams sent with Ana's own message, so Ana needs no look-up.
    expect(FakeTeams.rawTextOf(toCleo)).toContain(
      `Start a chat with Ana Ruiz: [chat with Ana Ruiz](${chatLinkTo('aad-ana')})`,
    );
    expect(bot.fake.memberLookups).toEqual([`${cleosChat}/${CLEO.id}`]);
    expect(bot.fake.malformed).toEqual([]);
  });

  it('names the other without a link, saying where to find them, when Teams cannot give their Entra id', async () => {
    bot.fake.vanished.add(CLEO.id);
    const chat = await bot.chatFor(TENANT);
    await chat.introduce(TENANT, [introduced(ANA), introduced(CLEO)], { text: 'Ana Ruiz, meet Cleo Park.' });

    const toAna = copyIn(anasChat);
    const toCleo = copyIn(cleosChat);
    if (!toAna || !toCleo) throw new Error('a copy is missing');
    // A plain message (nothing to press): Markdown text, the line its last paragraph.
    expect(toAna.activity.attachments).toBeUndefined();
    expect(FakeTeams.textOf(toAna)).toBe(
      'Ana Ruiz, meet Cleo Park.\n\nTo talk, find Cleo Park in Teams to start a chat.',
    );
    expect(FakeTeams.rawTextOf(toAna)).not.toContain('teams.microsoft.com');
    expect(FakeTeams.rawTextOf(toCleo)).toContain(`[chat with Ana Ruiz](${chatLinkTo('aad-ana')})`);
  });

  it('sends nothing to either when one of them blocked the bot, and tries no more', async () => {
    bot.fake.blocked.add(EVE.id);
    const chat = await bot.chatFor(TENANT);
    const failed = chat.introduce(TENANT, [introduced(ANA), introduced(EVE)], MEETING);
    await expect(failed).rejects.toSatisfy(
      (error: unknown) => error instanceof DeliveryError && error.failure.permanent === true,
    );
    expect(bot.fake.messages()).toEqual([]);
  });

  it('escapes the names it adds as the surface needs, so a name cannot make a link of its own', async () => {
    const chat = await bot.chatFor(TENANT);
    const sneaky: Introduced = { user: CLEO.id, name: 'Cleo [x](https://evil.example)' };
    await chat.introduce(TENANT, [introduced(ANA), sneaky], { text: 'Meet.' });
    const toAna = copyIn(anasChat);
    if (!toAna) throw new Error('no copy for Ana');
    expect(FakeTeams.rawTextOf(toAna)).toContain(
      'Start a chat with Cleo \\[x\\](https://evil.example): [chat with Cleo \\[x\\](https://evil.example)]',
    );
    expect(FakeTeams.textOf(toAna)).toContain('Start a chat with Cleo [x](https://evil.example)');
  });
});
