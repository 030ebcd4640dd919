import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMaintenance } from '../../src/core/use-cases/data/retention.js';
import { createStore } from '../../src/db/store.js';
import { useTestDatabase } from '../helpers/databases.js';
import { silentLog } from '../helpers/driver.js';
import { whereItAppears } from '../helpers/find-text.js';
import { eventually, useSlackBot } from '../helpers/slack-bot.js';
import { commandBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';

// What Slack sent is stored before it is acknowledged, words and all. A command that failed keeps
// nothing for long: its words go with the nightly clean-up a day on, and its receipt, like every
// receipt and every message sent, is deleted a month on. Driven through the real endpoint.

describe('Stored Slack events in the nightly clean-up', () => {
  const database = useTestDatabase('pglite');
  const { bot: slack } = useSlackBot(database);
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database().db)
      .then((r) => r.rows);
  const nightly = (now: Date) => runMaintenance({ store: createStore(database().db), now, log: silentLog });

  /** Every stored event handled or failed: the work after each acknowledgement is done. */
  const settled = () =>
    eventually(async () =>
      expect(
        await rows(`select count(*)::int as n from event_receipts where handled_at is null and failed_at is null`),
      ).toEqual([{ n: 0 }]),
    );

  async function circle(user: string, text: string) {
    const response = await postToSlackEndpoint(
      slack().baseUrl,
      commandBody({ text, user, channel: 'C1', responseUrl: slack().fake.responseUrl(text) }),
    );
    expect(response.status).toBe(200);
    await settled();
  }

  it("clears a failed command's words after a day and deletes receipts and sent messages after 30 days", async () => {
    await circle('UANA', 'setup Grade 3');
    await circle('UANA', 'start');
    await eventually(async () =>
      expect(await rows(`select count(*)::int as n from outbox where sent_at is not null`)).not.toEqual([{ n: 0 }]),
    );
    // The database loses a table for a moment: the command fails, and the person is asked to try again.
    await sql`alter table prompts rename to prompts_away`.execute(database().db);
    try {
      await circle('UANA', 'prompt add What failed words would we keep?');
    } finally {
      await sql`alter table prompts_away rename to prompts`.execute(database().db);
    }
    await eventually(() => expect(JSON.stringify(slack().fake.responses)).toContain('Please try again in a moment'));
    expect(await rows(`select count(*)::int as n from event_receipts where failed_at is not null`)).toEqual([{ n: 1 }]);
    // A reply in a thread that is not the bot's: stored with its words, then handled as nothing to record.
    await postToSlackEndpoint(
      slack().baseUrl,
      eventBody(
        {
          type: 'message',
          channel: 'C1',
          channel_type: 'channel',
          user: 'UBEN',
          text: 'failed words too',
          ts: '8.1',
          thread_ts: '1.1',
        },
        { eventId: 'EvUnrelated' },
      ),
    );
    await settled();
    expect(Object.keys(await whereItAppears(database(), 'failed words'))).toEqual(['event_receipts.payload']);

    const day = 24 * 60 * 60 * 1000;
    await nightly(new Date(Date.now() + day + 60_000));
    expect(await whereItAppears(database(), 'failed words')).toEqual({});
    expect(await rows(`select count(*)::int as n from event_receipts`)).not.toEqual([{ n: 0 }]);

    await nightly(new Date(Date.now() + 31 * day));
    expect(await rows(`select count(*)::int as n from event_receipts`)).toEqual([{ n: 0 }]);
    expect(
      await rows(`select count(*)::int as n from outbox where sent_at is not null or failed_at is not null`),
    ).toEqual([{ n: 0 }]);
  });
});
