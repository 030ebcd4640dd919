import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { commandBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';

// A scheduled session whose timed posts Slack refuses with 429 at first: the opening and the summary
// each happen once (the session is opened once, closed once) and their messages are posted once,
// later, when Slack lets them through. Retrying a post never repeats the change it belongs to.

describe.each(testDatabaseKinds)('timed session posts that Slack rate-limits, on %s', (kind) => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let now = new Date('2026-03-02T12:00:00Z'); // Monday; the community meets Tuesdays 15:30 Chicago time
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    bot = await startSlackBot(database, { now: () => now });
    bot.fake.users.set('UANA', { id: 'UANA', name: 'Ana', tz: 'America/Chicago' });
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  const circle = (text: string) =>
    postToSlackEndpoint(
      bot.baseUrl,
      commandBody({ text, user: 'UANA', channel: 'C1', responseUrl: bot.fake.responseUrl(text) }),
    );
  /** Moves the clock, then one planning tick and one delivery round, as a replica would run them. */
  async function tickTo(at: Date) {
    now = at;
    await planDue({ store: createStore(database.db), now });
    await deliverNow(database, { now, chatFor: (_p, team) => bot.chatFor(team) });
  }
  /** Ticks every few seconds until `check` passes, for at most a minute of test time. */
  async function tickUntil(check: () => boolean) {
    for (let i = 0; i < 30 && !check(); i++) await tickTo(new Date(now.getTime() + 3000));
    expect(check()).toBe(true);
  }
  const posted = () => bot.fake.callsTo('chat.postMessage').map((c) => String(c.text));
  const refused = () => bot.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.response.ok === false).length;
  const count = (texts: string[], pattern: RegExp) => texts.filter((t) => pattern.test(t)).length;

  it('opens once and posts its message and opening check-in once, after two 429s', async () => {
    await circle('setup Grade 3');
    await eventually(() => expect(posted()).toHaveLength(1));
    await circle('schedule weekly tue 15:30 60m');
    await eventually(() =>
      expect(bot.fake.responses.at(-1)?.body.text).toContain('Grade 3 meets every Tuesday at 15:30'),
    );
    await tickTo(new Date('2026-03-02T21:00:00Z')); // the reminder, 15:00 the day before

    bot.fake.fail('chat.postMessage', { rateLimited: 5 });
    bot.fake.fail('chat.postMessage', { rateLimited: 5 });
    await tickTo(new Date('2026-03-03T21:30:00Z'));
    // The session is open, once, though Slack has taken nothing yet.
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'opening' }]);
    expect(count(posted(), /Grade 3 session/)).toBe(0);

    await tickUntil(() => count(posted(), /^Opening check-in/) === 1);
    expect(refused()).toBe(2);
    expect(count(posted(), /Grade 3 session/)).toBe(1);
    expect(count(posted(), /^Opening check-in/)).toBe(1);
    // The opening check-in went in the session message's thread.
    const root = bot.fake.calls.find(
      (c) =>
        c.method === 'chat.postMessage' && c.response.ok === true && String(c.args.text).includes('Grade 3 session'),
    );
    const opening = bot.fake.calls.find(
      (c) => c.method === 'chat.postMessage' && String(c.args.text).startsWith('Opening check-in'),
    );
    expect(opening?.args.thread_ts).toBe(root?.response.ts);
    expect(await rows('select count(*)::int as n from sessions')).toEqual([{ n: 1 }]);

    await postToSlackEndpoint(
      bot.baseUrl,
      eventBody(
        {
          type: 'message',
          channel: 'C1',
          user: 'UBEN',
          text: 'Exit tickets',
          ts: 'm1.1',
          thread_ts: String(root?.response.ts),
        },
        { eventId: 'Ev-m1' },
      ),
    );
    await eventually(async () => expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 1 }]));
  });

  it('closes once and posts its summary once, after two 429s', async () => {
    await tickTo(new Date('2026-03-03T21:50:00Z'));
    await tickTo(new Date('2026-03-03T22:15:00Z'));
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'closing' }]);

    bot.fake.fail('chat.postMessage', { rateLimited: 5 });
    bot.fake.fail('chat.postMessage', { rateLimited: 5 });
    await tickTo(new Date('2026-03-03T22:30:00Z'));
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'closed' }]);
    expect(count(posted(), /participant/)).toBe(0);

    await tickUntil(() => count(posted(), /participant/) === 1);
    expect(refused()).toBe(4);
    await tickTo(new Date(now.getTime() + 60_000));
    expect(count(posted(), /1 participant/)).toBe(1);
    // The session message was redrawn as closed, once the summary was out.
    expect(bot.fake.callsTo('chat.update').at(-1)?.text).toContain('Closed, with 1 participant');
    expect(await rows(`select count(*)::int as n from outbox where sent_at is null and failed_at is null`)).toEqual([
      { n: 0 },
    ]);
  });
});
