import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openTestDatabase } from '../helpers/databases.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { commandBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { deliverNow } from '../helpers/deliver-now.js';

// A scheduled session in Slack from the reminder to the summary: the facilitator only sets the
// schedule; the scheduler's clock is moved on and the bot runs the rest.

describe('a scheduled session in Slack', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let now = new Date('2026-03-02T12:00:00Z'); // Monday; the community meets Tuesdays 15:30 Chicago time
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
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
  async function tickTo(iso: string) {
    now = new Date(iso);
    const store = createStore(database.db);
    await planDue({ store, now });
    await deliverNow(database, { now, chatFor: (_p, team) => bot.chatFor(team) });
  }
  const posted = () => bot.fake.callsTo('chat.postMessage').map((c) => String(c.text));

  it('reminds, opens, reflects, closes and summarises with no hand command', async () => {
    await circle('setup Grade 3');
    await eventually(() => expect(posted()).toHaveLength(1));
    await circle('schedule weekly tue 15:30 60m');
    await eventually(() =>
      expect(bot.fake.responses.at(-1)?.body.text).toBe(
        'Grade 3 meets every Tuesday at 15:30 (America/Chicago) for 60 minutes. First: Tuesday 3 March.',
      ),
    );

    // The channel is told who set the schedule; nothing else goes out before the reminder.
    await eventually(() =>
      expect(posted()).toEqual([
        expect.anything(),
        'Ana set a schedule: Grade 3 meets every Tuesday at 15:30 (America/Chicago) for 60 minutes. First: Tuesday 3 March.',
      ]),
    );
    await tickTo('2026-03-02T20:59:00Z');
    expect(posted()).toHaveLength(2);
    await tickTo('2026-03-02T21:00:00Z'); // 15:00 the day before
    expect(posted().at(-1)).toBe(
      'Reminder: Grade 3 meets tomorrow at 15:30. Bring something that is working in your classroom.',
    );

    await tickTo('2026-03-03T21:30:00Z');
    expect(posted().slice(-2)).toEqual([
      expect.stringContaining('Grade 3 session'),
      expect.stringMatching(/^Opening check-in/),
    ]);
    const root = String(
      bot.fake.calls.findLast((c) => c.method === 'chat.postMessage' && String(c.args.text).includes('Grade 3 session'))
        ?.response.ts,
    );
    for (const [user, text, id] of [
      ['UANA', 'Partner reading', 'm1'],
      ['UBEN', 'Exit tickets', 'm2'],
    ] as const) {
      await postToSlackEndpoint(
        bot.baseUrl,
        eventBody(
          { type: 'message', channel: 'C1', user, text, ts: `${id}.1`, thread_ts: root },
          { eventId: `Ev-${id}` },
        ),
      );
    }
    await eventually(async () => expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 2 }]));

    await tickTo('2026-03-03T21:50:00Z');
    expect(posted().at(-1)).toMatch(/^Reflection: /);
    await tickTo('2026-03-03T22:15:00Z');
    expect(posted().at(-1)).toMatch(/^Closing check-in/);
    await tickTo('2026-03-03T22:30:00Z');
    expect(posted().at(-1)).toContain('2 participants · 2 opening check-ins · 0 reflections · 0 closing check-ins');
    expect(await rows('select phase, scheduled_for is not null as scheduled from sessions')).toEqual([
      { phase: 'closed', scheduled: true },
    ]);

    // And the rhythm goes on: the next reminder is already planned.
    expect(await rows(`select next_step_at from communities`)).toEqual([
      { next_step_at: new Date('2026-03-09T20:00:00Z') },
    ]);
  });
});
