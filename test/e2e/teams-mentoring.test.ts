import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { activities, ANA, BEN, type TeamsUser } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// An ask in Microsoft Teams, as Bot Framework activities through the real CloudAdapter: matched by
// topic to Ben, passed by him, taken by Dee; bots cannot start group chats, so each of the two gets
// the introduction in their personal chat, naming the other with a link to start a chat. A week
// later, on the test clock, the asker's follow-up.

const DEE: TeamsUser = { id: '29:dee', name: 'Dee Mensah', timeZone: 'America/Chicago' };
const TIA: TeamsUser = { id: '29:tia', name: 'Tia Novak', timeZone: 'America/Chicago' };

describe('asking a mentor, in Teams', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;
  let now = new Date('2026-03-03T15:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    bot = await startTeamsBot(database, { now: () => now });
    say = activities(bot.fake.serviceUrl);
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  async function send(activity: unknown) {
    const response = await bot.send(activity);
    expect(response.status, response.text).toBe(200);
  }
  const personalChat = (user: TeamsUser) => `a:personal-${user.id.slice(3)}`;
  const inChat = (user: TeamsUser): SentActivity[] =>
    bot.fake.messages().filter((s) => s.conversation === personalChat(user));
  const texts = (user: TeamsUser) => inChat(user).map((s) => FakeTeams.textOf(s));
  const button = (user: TeamsUser, title: string) => {
    const card = inChat(user).findLast((s) => FakeTeams.buttons(s).some((b) => b.title === title));
    const found = card ? FakeTeams.buttons(card).find((b) => b.title === title) : undefined;
    if (!found) throw new Error(`no ${title} button for ${user.name}`);
    return found.data;
  };
  const naming = (from: TeamsUser, words: string, named: TeamsUser, after: string) =>
    say.naming(from, words, named, after);

  it('matches by topic, passes once, introduces the one who takes it in both personal chats, and follows up a week later', async () => {
    await send(say.teamInstall(ANA, 'add'));
    for (const person of [BEN, DEE, TIA]) await send(say.installPersonal(person));
    await send(naming(ANA, 'mentor add', BEN, 'google classroom, grade 3 literacy'));
    await send(naming(ANA, 'mentor add', DEE, 'google classroom'));
    expect(texts(ANA).at(-1)).toContain(`${DEE.name} now mentors for everyone here, on: google classroom.`);
    expect(texts(BEN).join('\n')).toContain('You are now a mentor here, named by Ana Ruiz');

    await send(say.personal(TIA, 'ask setting up Google Classroom for my grade 3 class'));
    expect(texts(TIA).at(-1)).toContain('I have passed your ask to a mentor whose topics fit');
    expect(texts(BEN).at(-1)).toContain(`${TIA.name} would like some one-on-one help`);
    expect(texts(DEE).join('\n')).not.toContain(TIA.name);

    await send(say.submit(BEN, button(BEN, 'Not this time'), 'personal'));
    expect(texts(BEN).at(-1)).toBe(
      `Thanks for saying so. I will offer it elsewhere; ${TIA.name} is not told who passed.`,
    );
    expect(texts(DEE).at(-1)).toContain(`${TIA.name} would like some one-on-one help`);
    await send(say.submit(DEE, button(DEE, "I'll help"), 'personal'));

    // Two personal messages, one each, each naming the other with a link to a chat by their Entra id.
    const toTia = inChat(TIA).find((s) => FakeTeams.textOf(s).includes(`meet ${DEE.name}`));
    const toDee = inChat(DEE).find((s) => FakeTeams.textOf(s).includes(`meet ${DEE.name}`));
    expect(toTia && FakeTeams.textOf(toTia)).toContain(
      `${TIA.name}, meet ${DEE.name}: ${DEE.name} is glad to help with what you asked.`,
    );
    expect(JSON.stringify(toTia)).toContain('https://teams.microsoft.com/l/chat/0/0?users=aad-dee');
    expect(JSON.stringify(toDee)).toContain('https://teams.microsoft.com/l/chat/0/0?users=aad-tia');
    expect(texts(TIA).join('\n')).not.toContain(BEN.name);

    // A week later, on the test clock, one open question to Tia alone.
    now = new Date('2026-03-10T15:01:00Z');
    await deliverNow(database, { now, chatFor: (_p, tenant) => bot.chatFor(tenant) });
    expect(texts(TIA).at(-1)).toContain(
      `A week ago ${DEE.name} offered to help with what you asked. What helped most, and what is still open?`,
    );
    expect(texts(DEE).join('\n')).not.toContain('What helped most');
  });
});
