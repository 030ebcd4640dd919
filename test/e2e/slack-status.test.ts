import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase } from '../helpers/databases.js';
import { commandBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';

// Status, bare settings and the channel's notices in Slack, through signed requests to the real
// endpoint: names come from Slack's profiles and are escaped as mrkdwn where they are shown.

describe('where things stand, in Slack', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  // Tuesday 1 December 2026, 15:00 UTC.
  const now = new Date('2026-12-01T15:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    bot = await startSlackBot(database, { now: () => now });
    bot.fake.users.set('UANA', { id: 'UANA', name: 'Ana', tz: 'America/Chicago' });
    bot.fake.users.set('UBEN', { id: 'UBEN', name: 'Ben', tz: 'America/Chicago' });
    bot.fake.users.set('UCY', { id: 'UCY', name: '<!channel> *Cy*', tz: 'America/Chicago' });
    bot.fake.channelMembers.set('C1', ['UANA', 'UBEN', 'UCY']);
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  let commands = 0;
  /** Runs `/circle <text>` as `user` in C1 and returns what its response URL was sent, all of it. */
  async function circle(user: string, text: string, answered = true): Promise<string> {
    commands += 1;
    const id = `${user}-${commands}`;
    const response = await postToSlackEndpoint(
      bot.baseUrl,
      commandBody({ text, user, channel: 'C1', responseUrl: bot.fake.responseUrl(id) }),
    );
    expect(response.status).toBe(200);
    if (!answered) return '';
    const answer = await eventually(() => {
      const found = bot.fake.responses.find((r) => r.path === `/respond/${id}`);
      expect(found).toBeDefined();
      return found;
    });
    return JSON.stringify(answer?.body);
  }
  const channelPosts = () =>
    bot.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.channel === 'C1' && !c.thread_ts)
      .map((c) => String(c.text));

  it('announces changes, answers wrong ones rightly, hands back check-in words and shows who has answered', async () => {
    await circle('UANA', 'setup Grade 3', false);
    await eventually(() => expect(channelPosts()).toHaveLength(1));
    expect(await circle('UBEN', 'checkin Partner reading is working')).toContain(
      'here is what you wrote so you can keep it',
    );
    expect(await circle('UBEN', 'nudges')).toContain(
      'I check in on your goals on Tuesdays at 15:30, America/Chicago time',
    );
    expect(await circle('UBEN', 'schedule')).toContain('Grade 3 has no schedule');

    expect(await circle('UANA', 'facilitator add <@UBEN|ben>')).toContain('Ben now facilitates Grade 3.');
    await eventually(() => expect(channelPosts()).toContain('Ben now facilitates Grade 3 (named by Ana).'));
    await eventually(() =>
      expect(bot.fake.callsTo('chat.postMessage').map((c) => String(c.text))).toContain(
        'You now facilitate Grade 3, named by Ana.',
      ),
    );
    expect(await circle('UANA', 'facilitator add <@UBEN|ben>')).toContain(
      'Ben already facilitates Grade 3, so nothing changed.',
    );
    expect(await circle('UCY', 'help')).toBeTruthy();
    expect(await circle('UANA', 'facilitator remove <@UCY|cy>')).toContain(
      'does not facilitate Grade 3, so nothing changed.',
    );
    expect(await circle('UBEN', 'schedule weekly thu 4pm')).toContain(
      'Grade 3 meets every Thursday at 16:00 (America/Chicago) for 60 minutes.',
    );
    await eventually(() =>
      expect(channelPosts()).toContain(
        'Ben set a schedule: Grade 3 meets every Thursday at 16:00 (America/Chicago) for 60 minutes. First: Thursday 3 December.',
      ),
    );
    expect(channelPosts().filter((text) => text.includes('now facilitates'))).toHaveLength(1);

    await circle('UANA', 'start', false);
    const root = await eventually(() => {
      const ts = bot.fake.calls.findLast(
        (c) => c.method === 'chat.postMessage' && String(c.args.text).includes('Grade 3 session'),
      )?.response.ts;
      expect(ts).toBeDefined();
      return String(ts);
    });
    await postToSlackEndpoint(
      bot.baseUrl,
      eventBody(
        { type: 'message', channel: 'C1', user: 'UCY', text: 'Choral reading', ts: 'm1.1', thread_ts: root },
        { eventId: 'Ev-m1' },
      ),
    );
    await circle('UBEN', 'checkin Exit tickets');
    const status = await circle('UBEN', 'status');
    expect(status).toContain('Answered in this phase: &lt;!channel&gt; *Cy* and Ben (2)');
    expect(status).not.toContain('<!channel>');
    expect(status).toContain('Next session: Thursday 3 December at 16:00 (America/Chicago).');
    expect(status).toContain('Facilitators: Ana, Ben.');
  });
});
