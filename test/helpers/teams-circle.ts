import { sql } from 'kysely';
import { useTestDatabase } from './databases.js';
import { FakeTeams, type SentActivity } from './fake-teams.js';
import { CHANNEL } from './teams-activities.js';
import { useTeamsBot } from './teams-bot.js';

// Teams through the real CloudAdapter over HTTP, in anonymous mode: Bot Framework activities in, a
// fake Bot Connector on loopback recording what the bot sends out, the embedded database underneath,
// emptied before each test. The bot answers an activity once it has handled it.

export const textOf = (sent: SentActivity | undefined) => (sent ? FakeTeams.textOf(sent) : '');

export function useTeamsCircle() {
  const database = useTestDatabase('pglite');
  const { bot, say, send } = useTeamsBot(database);
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database().db)
      .then((r) => r.rows);

  /** The session card: the newest new thread in the channel with buttons. */
  function sessionCard(): SentActivity {
    const card = bot().fake.sent.findLast(
      (s) => s.verb === 'POST' && s.conversation === CHANNEL && FakeTeams.buttons(s).length > 0,
    );
    if (!card) throw new Error('no session card yet');
    return card;
  }
  const inThread = (root: string) =>
    bot()
      .fake.messages()
      .filter((s) => s.conversation === `${CHANNEL};messageid=${root}`);
  const toPersonal = (user: string) =>
    bot()
      .fake.messages()
      .filter((s) => s.conversation === `a:personal-${user}`);

  return { database, bot, say, send, rows, sessionCard, inThread, toPersonal };
}
