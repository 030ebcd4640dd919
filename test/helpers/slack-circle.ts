import { sql } from 'kysely';
import { beforeEach, expect } from 'vitest';
import { useTestDatabase } from './databases.js';
import { eventually, useSlackBot } from './slack-bot.js';
import { buttonPress, commandBody, eventBody, postToSlackEndpoint } from './slack-requests.js';

// Slack through the real Bolt receiver over HTTP: signed requests in, a fake Web API recording what
// the bot sends out, the embedded database underneath, emptied before each test. Ana and Ben are
// known to the fake, both in America/Chicago; channel C1 is called grade-3.

type Call = { args: Record<string, unknown> };

/** The buttons of a session message (or of the arguments of its redrawing), as labels and values. */
export function buttons(call: Call): { text: string; value: string }[] {
  const blocks = call.args.blocks as { type: string; elements?: { text: { text: string }; value: string }[] }[];
  return (blocks.find((b) => b.type === 'actions')?.elements ?? []).map((e) => ({ text: e.text.text, value: e.value }));
}

export function useSlackCircle() {
  const database = useTestDatabase('pglite');
  const slack = useSlackBot(database);
  const bot = slack.bot;
  let events = 0;
  beforeEach(() => {
    bot().fake.users.set('UANA', { id: 'UANA', name: 'Ana', tz: 'America/Chicago' });
    bot().fake.users.set('UBEN', { id: 'UBEN', name: 'Ben', tz: 'America/Chicago' });
  });

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database().db)
      .then((r) => r.rows);
  const posts = () => bot().fake.callsTo('chat.postMessage');

  /** `/circle <text>` typed by `user`; its private answer comes back through the response URL `<user>-<text>`. */
  async function circle(user: string, text: string, channel = 'C1', triggerId?: string) {
    const response = await postToSlackEndpoint(
      bot().baseUrl,
      commandBody({
        text,
        user,
        channel,
        channelName: 'grade-3',
        responseUrl: bot().fake.responseUrl(`${user}-${text}`),
        ...(triggerId ? { triggerId } : {}),
      }),
    );
    expect(response.status).toBe(200);
  }

  async function threadReply(
    user: string,
    text: string,
    threadTs: string,
    ts = `${Date.now()}.${++events}`,
    eventId = `Ev${++events}`,
  ) {
    const response = await postToSlackEndpoint(
      bot().baseUrl,
      eventBody(
        { type: 'message', channel: 'C1', channel_type: 'channel', user, text, ts, thread_ts: threadTs },
        { eventId },
      ),
    );
    expect(response.status).toBe(200);
    return ts;
  }

  async function press(user: string, value: unknown, triggerId = `trigger-${Math.random().toString(36).slice(2)}`) {
    const response = await postToSlackEndpoint(bot().baseUrl, buttonPress({ user, value, triggerId }));
    expect(response.status).toBe(200);
  }

  /** The session message: the newest post with an actions block. */
  function sessionMessage() {
    const call = bot().fake.calls.findLast(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.response.ok === true &&
        Array.isArray(c.args.blocks) &&
        (c.args.blocks as { type: string }[]).some((b) => b.type === 'actions'),
    );
    if (!call) throw new Error('no session message yet');
    return { call, ts: String(call.response.ts) };
  }

  /**
   * Waits until every interaction stored so far has been handled. An interaction is stored before
   * Slack's request is answered, so this covers every request a test has had its answer to.
   */
  const allHandled = () =>
    eventually(async () =>
      expect(await rows('select event_id from event_receipts where handled_at is null and failed_at is null')).toEqual(
        [],
      ),
    );

  return { database, bot, rows, posts, circle, threadReply, press, sessionMessage, allHandled };
}
