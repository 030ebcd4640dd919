import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/databases.js';
import { eventually, useSlackBot } from '../helpers/slack-bot.js';
import { commandBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';

// Answers that add up, through signed Slack requests: several replies by one person in one phase are
// all kept and shown together in the summary, that person counts once, an edit changes only the reply
// it edits, and replies after a second prompt count under that prompt.

describe('Answers in a Slack session thread', () => {
  const database = useTestDatabase('pglite');
  const { bot } = useSlackBot(database);
  let events = 0;

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database().db)
      .then((r) => r.rows);
  const posts = () => bot().fake.callsTo('chat.postMessage');

  async function circle(user: string, text: string) {
    const response = await postToSlackEndpoint(
      bot().baseUrl,
      commandBody({
        text,
        user,
        channel: 'C1',
        channelName: 'grade-3',
        responseUrl: bot().fake.responseUrl(`${user}-${++events}`),
      }),
    );
    expect(response.status).toBe(200);
  }
  async function event(payload: Record<string, unknown>) {
    const response = await postToSlackEndpoint(
      bot().baseUrl,
      eventBody(
        { type: 'message', channel: 'C1', channel_type: 'channel', ...payload },
        { eventId: `EvAnswers${++events}` },
      ),
    );
    expect(response.status).toBe(200);
  }
  const reply = (user: string, text: string, ts: string, root: string) => event({ user, text, ts, thread_ts: root });
  const edit = (user: string, text: string, ts: string, root: string) =>
    event({ subtype: 'message_changed', message: { user, text, ts, thread_ts: root } });

  /** Everything a posted message says: its text and every block's. */
  const said = (post: Record<string, unknown>) =>
    [
      String(post.text),
      ...((post.blocks as { text?: { text?: string } }[] | undefined) ?? []).map((block) => block.text?.text ?? ''),
    ].join('\n');

  async function openSession(): Promise<string> {
    bot().fake.users.set('UANA', { id: 'UANA', name: 'Ana', tz: 'America/Chicago' });
    bot().fake.users.set('UBEN', { id: 'UBEN', name: 'Ben', tz: 'America/Chicago' });
    await circle('UANA', 'setup Grade 3');
    await eventually(async () => expect(await rows('select id from communities')).toHaveLength(1));
    await circle('UANA', 'start');
    return eventually(async () => {
      const [session] = await rows('select root_message_id from sessions');
      expect(session?.['root_message_id']).toBeTruthy();
      return String(session?.['root_message_id']);
    });
  }

  async function summary(root: string): Promise<string> {
    await circle('UANA', 'close');
    await eventually(async () => expect(await rows('select phase from sessions')).toEqual([{ phase: 'closing' }]));
    await circle('UANA', 'close');
    return eventually(() => {
      const found = posts().filter((p) => p.thread_ts === root && String(p.text).startsWith('Session summary'));
      expect(found).not.toEqual([]);
      return found.map(said).join('\n');
    });
  }

  it('keeps two replies by one person in one phase, shows both under their name, counts them once, and edits only the one edited', async () => {
    const root = await openSession();
    await reply('UBEN', 'Number talks', '8.1', root);
    await reply('UBEN', 'Exit tikets', '8.2', root);
    await eventually(async () =>
      expect(await rows('select text from checkins order by id')).toEqual([
        { text: 'Number talks' },
        { text: 'Exit tikets' },
      ]),
    );
    await edit('UBEN', 'Exit tickets', '8.2', root);
    await eventually(async () =>
      expect(await rows('select text, message_id from checkins order by id')).toEqual([
        { text: 'Number talks', message_id: '8.1' },
        { text: 'Exit tickets', message_id: '8.2' },
      ]),
    );

    const text = await summary(root);
    expect(text).toContain('1 participant · 1 opening check-in · 0 reflections · 0 closing check-ins');
    expect(text).toContain("What's working, at the start:\n• Ben:\n   – Number talks\n   – Exit tickets");
    expect(text).not.toContain('tikets');
  });

  it('counts replies after a second prompt under that prompt, each quoted in the summary', async () => {
    const root = await openSession();
    await circle('UANA', 'next');
    await eventually(() =>
      expect(posts().filter((p) => p.thread_ts === root && String(p.text).startsWith('Reflection: '))).toHaveLength(1),
    );
    await reply('UBEN', 'On the first prompt', '9.1', root);
    await eventually(async () => expect(await rows('select count(*)::int as n from reflections')).toEqual([{ n: 1 }]));
    await circle('UANA', 'prompt');
    await eventually(() =>
      expect(posts().filter((p) => p.thread_ts === root && String(p.text).startsWith('Reflection: '))).toHaveLength(2),
    );
    await reply('UBEN', 'On the second prompt', '9.2', root);
    await reply('UANA', 'Mine too', '9.3', root);
    await eventually(async () =>
      expect(
        await rows(
          'select r.text, pp.id = (select max(id) from prompt_posts) as second from reflections r join prompt_posts pp on pp.id = r.prompt_post_id order by r.id',
        ),
      ).toEqual([
        { text: 'On the first prompt', second: false },
        { text: 'On the second prompt', second: true },
        { text: 'Mine too', second: true },
      ]),
    );

    const text = await summary(root);
    expect(text).toContain('2 participants · 0 opening check-ins · 3 reflections');
    expect(text).toMatch(/Reflection: "[^\n]+" \(1 answer in the thread\)\n• Ben: On the first prompt\n/);
    expect(text).toMatch(
      /Reflection: "[^\n]+" \(2 answers in the thread\)\n• Ben: On the second prompt\n• Ana: Mine too/,
    );
  });
});
