import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase } from '../helpers/databases.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { receive } from '../../src/core/handle.js';
import { createStore } from '../../src/db/store.js';

// Socket Mode: the bot opens a WebSocket to (a fake of) Slack and receives the same commands, events
// and button presses as envelopes, acknowledging each on the socket.

describe('Slack over Socket Mode', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  /** How storing goes: at once, after a gate opens, or not at all. */
  let storing: Promise<void> | 'fails' = Promise.resolve();
  let storeCalls = 0;
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const store = createStore(database.db);
    bot = await startSlackBot(database, {
      socketMode: true,
      receive: async (incoming, interaction, replay) => {
        storeCalls++;
        if (storing === 'fails') throw new Error('connection terminated');
        await storing;
        return receive({ store, now: new Date() }, incoming, interaction, replay);
      },
    });
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  const command = (text: string, user = 'UANA') =>
    bot.fake.envelope('slash_commands', {
      team_id: 'T1',
      team_domain: 'school',
      channel_id: 'C1',
      channel_name: 'grade-3',
      user_id: user,
      user_name: user.toLowerCase(),
      command: '/circle',
      text,
      response_url: bot.fake.responseUrl(`${user}-${text}`),
      trigger_id: `trigger-${text}-${user}`,
    });

  it('connects with the app token, then runs a session from envelopes', async () => {
    expect(bot.fake.calls.find((c) => c.method === 'apps.connections.open')?.token).toBe('xapp-test-token');
    await command('setup Grade 3 Literacy');
    await command('start');
    const root = await eventually(() => {
      const post = bot.fake.calls.find(
        (c) =>
          c.method === 'chat.postMessage' &&
          Array.isArray(c.args.blocks) &&
          JSON.stringify(c.args.blocks).includes('"actions"'),
      );
      expect(post).toBeDefined();
      return String(post?.response.ts);
    });

    await bot.fake.envelope('events_api', {
      team_id: 'T1',
      type: 'event_callback',
      event_id: 'EvSocket1',
      event: {
        type: 'message',
        channel: 'C1',
        channel_type: 'channel',
        user: 'UBEN',
        text: 'Partner reading',
        ts: '7.7',
        thread_ts: root,
      },
    });
    await eventually(async () =>
      expect(await rows('select text from checkins')).toEqual([{ text: 'Partner reading' }]),
    );

    const [session] = await rows('select id from sessions');
    await bot.fake.envelope('interactive', {
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'UANA', username: 'ana' },
      channel: { id: 'C1', name: 'grade-3' },
      trigger_id: 'trigger-next',
      actions: [
        {
          action_id: 'mc_1',
          type: 'button',
          value: JSON.stringify({
            kind: 'session.next',
            sessionId: session?.id,
            phase: 'opening',
            nonce: 'socket-press-1',
          }),
        },
      ],
    });
    await eventually(async () => expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]));
  });

  it('answers an unreadable command in its acknowledgement', async () => {
    const ack = await bot.fake.envelope('slash_commands', { team_id: 'T1', command: '/circle', text: 'help' });
    expect(ack).toEqual({
      response_type: 'ephemeral',
      text: 'Sorry, I could not read that command. Please try again.',
    });
  });

  const threadReply = (eventId: string, text: string) =>
    bot.fake.envelope('events_api', {
      team_id: 'T1',
      type: 'event_callback',
      event_id: eventId,
      event: {
        type: 'message',
        channel: 'C1',
        channel_type: 'channel',
        user: 'UBEN',
        text,
        ts: `${eventId}.1`,
        thread_ts: '7.0',
      },
    });

  it('acknowledges an event only once it is stored', async () => {
    let open!: () => void;
    storing = new Promise<void>((done) => (open = done));
    const calls = storeCalls;
    let acked = false;
    const ack = threadReply('EvHeld', 'Held until stored').then(() => (acked = true));
    await eventually(() => expect(storeCalls).toBe(calls + 1));
    expect(acked).toBe(false);
    open();
    await ack;
    // By the time Slack has its acknowledgement, the event is in the database.
    expect(await rows(`select count(*)::int as n from event_receipts where event_id = 'EvHeld'`)).toEqual([{ n: 1 }]);
  });

  it('does not acknowledge an event it could not store, so Slack sends it again', async () => {
    storing = 'fails';
    const calls = storeCalls;
    let acked = false;
    void threadReply('EvLost', 'Not stored').then(() => (acked = true));
    await eventually(() => expect(storeCalls).toBe(calls + 1));
    // A later event is stored and acknowledged; the one that was not stored still has no acknowledgement.
    storing = Promise.resolve();
    await threadReply('EvAfter', 'Stored');
    expect(acked).toBe(false);
    expect(await rows(`select event_id from event_receipts where event_id in ('EvLost', 'EvAfter')`)).toEqual([
      { event_id: 'EvAfter' },
    ]);
  });
});
