import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { emptyTables, openTestDatabase } from '../helpers/databases.js';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { activities, ANA, BEN, CHANNEL, type TeamsUser } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// Status, bare settings and the channel's notices in Teams, at /api/messages: private answers come
// to the personal chat, notices to the channel, and names are escaped as Teams Markdown.

const CY: TeamsUser = { id: '29:cy', name: '**Cy** <at>All</at>', timeZone: 'America/Chicago' };

describe('where things stand, in Microsoft Teams', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;
  // Tuesday 1 December 2026, 15:00 UTC.
  const now = new Date('2026-12-01T15:00:00Z');

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
    bot = await startTeamsBot(database, { now: () => now });
    say = activities(bot.fake.serviceUrl);
  });

  const text = (sent: SentActivity | undefined) => (sent ? FakeTeams.textOf(sent) : '');
  async function send(activity: unknown) {
    const response = await bot.send(activity);
    expect(response.status, response.text).toBe(200);
  }
  const toPersonal = (user: TeamsUser) =>
    bot.fake
      .messages()
      .filter((s) => s.conversation === `a:personal-${user.id.slice(3)}`)
      .map(text);
  const inChannel = () =>
    bot.fake
      .messages()
      .filter((s) => s.conversation === CHANNEL)
      .map(text);
  /** A channel command naming someone, with the mention entity Teams sends. */
  function naming(from: TeamsUser, words: string, named: TeamsUser) {
    const post = say.channelPost(from, `${words} <at>${named.name}</at>`);
    return {
      ...post,
      entities: [
        ...post.entities,
        { type: 'mention', mentioned: { id: named.id, name: named.name }, text: `<at>${named.name}</at>` },
      ],
    };
  }

  it('announces changes, answers wrong ones rightly, hands back check-in words and shows who has answered', async () => {
    for (const person of [ANA, BEN, CY]) await send(say.installPersonal(person));
    await send(say.channelPost(ANA, 'setup Grade 3'));
    await send(say.channelPost(BEN, 'checkin Partner reading is working'));
    expect(toPersonal(BEN).at(-1)).toContain('here is what you wrote so you can keep it');
    expect(toPersonal(BEN).at(-1)).toContain('Partner reading is working');
    await send(say.channelPost(BEN, 'prompts weekly'));
    expect(toPersonal(BEN).at(-1)).toContain('Grade 3 has no mid-week prompt.');
    await send(say.channelPost(BEN, 'retention'));
    expect(toPersonal(BEN).at(-1)).toContain('Texts are kept for 24 months');

    await send(naming(ANA, 'facilitator add', BEN));
    expect(toPersonal(ANA).at(-1)).toBe('Ben Okafor now facilitates Grade 3.');
    expect(inChannel().at(-1)).toBe('Ben Okafor now facilitates Grade 3 (named by Ana Ruiz).');
    expect(toPersonal(BEN).at(-1)).toContain('You now facilitate Grade 3, named by Ana Ruiz.');
    await send(naming(ANA, 'facilitator add', BEN));
    expect(toPersonal(ANA).at(-1)).toBe('Ben Okafor already facilitates Grade 3, so nothing changed.');
    await send(say.channelPost(CY, 'help'));
    await send(naming(ANA, 'facilitator remove', CY));
    expect(toPersonal(ANA).at(-1)).toContain('does not facilitate Grade 3, so nothing changed.');
    expect(inChannel().filter((t) => t.includes('facilitates'))).toHaveLength(1);

    await send(say.channelPost(BEN, 'prompts weekly wed 12:00'));
    expect(inChannel().at(-1)).toBe(
      'Ben Okafor set a mid-week reflection prompt for Grade 3: every Wednesday at 12:00, America/Chicago time. Replies in its thread count as reflections.',
    );

    await send(say.channelPost(ANA, 'start'));
    await send(say.channelPost(CY, 'checkin Choral reading'));
    await send(say.channelPost(BEN, 'status'));
    const status = toPersonal(BEN).at(-1) ?? '';
    expect(status).toContain('Grade 3: where things stand');
    expect(status).toContain('Answered in this phase: **Cy** <at>All</at> (1)');
    // As sent, Cy's name is escaped: shown as written, never as bold text or a mention.
    const sent =
      bot.fake
        .messages()
        .filter((s) => s.conversation === 'a:personal-ben')
        .map((s) => FakeTeams.rawTextOf(s))
        .at(-1) ?? '';
    expect(sent).toContain('\\*\\*Cy\\*\\* &lt;at&gt;All&lt;/at&gt;');
    expect(sent).not.toContain('<at>');
    expect(status).toContain('Next session: no schedule.');
    expect(status).toContain('Mid-week prompt: every Wednesday at 12:00, America/Chicago time.');
    expect(status).toContain('Facilitators: Ana Ruiz, Ben Okafor.');
  });
});
