import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/databases.js';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { ANA, BEN, CHANNEL } from '../helpers/teams-activities.js';
import { useTeamsBot } from '../helpers/teams-bot.js';

// Answers that add up, through Bot Framework activities: several replies by one person in one phase
// are all kept and shown together in the summary, that person counts once, an edit changes only the
// reply it edits, and replies after a second prompt count under that prompt.

describe('Answers in a Teams session thread', () => {
  const database = useTestDatabase('pglite');
  const { bot, say, send } = useTeamsBot(database);

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database().db)
      .then((r) => r.rows);
  const inThread = (root: string) =>
    bot()
      .fake.messages()
      .filter((s) => s.conversation === `${CHANNEL};messageid=${root}`);
  const text = (sent: SentActivity) => FakeTeams.textOf(sent);

  async function openSession(): Promise<string> {
    await send(say().installPersonal(ANA));
    await send(say().installPersonal(BEN));
    await send(say().channelPost(ANA, 'setup Grade 3'));
    await send(say().channelPost(ANA, 'start'));
    const card = bot().fake.sent.findLast(
      (s) => s.verb === 'POST' && s.conversation === CHANNEL && FakeTeams.buttons(s).length > 0,
    );
    if (!card) throw new Error('no session card');
    return card.id;
  }

  async function summary(root: string): Promise<string> {
    await send(say().channelPost(ANA, 'close'));
    await send(say().channelPost(ANA, 'close'));
    return inThread(root)
      .map(text)
      .filter((t) => t.startsWith('Session summary'))
      .join('\n');
  }

  it('keeps two replies by one person in one phase, shows both under their name, counts them once, and edits only the one edited', async () => {
    const root = await openSession();
    await send(say().threadReply(BEN, root, 'Number talks', { id: '1700000001001' }));
    await send(say().threadReply(BEN, root, 'Exit tikets', { id: '1700000001002' }));
    const edited = say().threadReply(BEN, root, 'Exit tickets', { id: '1700000001002' });
    await send({ ...edited, type: 'messageUpdate', channelData: { ...edited.channelData, eventType: 'editMessage' } });
    expect(await rows('select text, message_id from checkins order by id')).toEqual([
      { text: 'Number talks', message_id: '1700000001001' },
      { text: 'Exit tickets', message_id: '1700000001002' },
    ]);

    const said = await summary(root);
    expect(said).toContain('1 participant · 1 opening check-in · 0 reflections · 0 closing check-ins');
    expect(said).toMatch(/• Ben Okafor:\s+– Number talks\s+– Exit tickets/);
    expect(said).not.toContain('tikets');
  });

  it('counts replies after a second prompt under that prompt, each quoted in the summary', async () => {
    const root = await openSession();
    await send(say().channelPost(ANA, 'next'));
    await send(say().threadReply(BEN, root, 'On the first prompt'));
    await send(say().channelPost(ANA, 'prompt'));
    expect(inThread(root).filter((s) => text(s).startsWith('Reflection: '))).toHaveLength(2);
    await send(say().threadReply(BEN, root, 'On the second prompt'));
    await send(say().threadReply(ANA, root, 'Mine too'));
    expect(
      await rows(
        'select r.text, pp.id = (select max(id) from prompt_posts) as second from reflections r join prompt_posts pp on pp.id = r.prompt_post_id order by r.id',
      ),
    ).toEqual([
      { text: 'On the first prompt', second: false },
      { text: 'On the second prompt', second: true },
      { text: 'Mine too', second: true },
    ]);

    const said = await summary(root);
    expect(said).toContain('2 participants · 0 opening check-ins · 3 reflections');
    expect(said).toMatch(/\(1 answer in the thread\)\s+• Ben Okafor: On the first prompt\s/);
    expect(said).toMatch(/\(2 answers in the thread\)\s+• Ben Okafor: On the second prompt\s+• Ana Ruiz: Mine too/);
  });
});
