import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverItem } from '../../src/core/live-delivery.js';
import type { OutboxItem } from '../../src/core/outbox.js';
import type { Store } from '../../src/core/ports/store.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { createDriver } from '../helpers/driver.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { whereItAppears } from '../helpers/find-text.js';
import { RecordingChat } from '../helpers/recording-chat.js';

// Changes that affect a whole circle are announced in its channel by outbox items written in the
// change's own transaction: both are stored, or neither. The items keep member ids, never names, so
// a person who uses forget-me before a notice goes out is not named in it, nor anywhere in the outbox.

describe.each(testDatabaseKinds)('channel notices on %s', (kind) => {
  let database: OpenDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await database?.close();
  });

  const now = new Date('2026-12-01T15:00:00Z');
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);
  const waiting = async (): Promise<OutboxItem[]> =>
    (
      await sql<{
        id: number;
        workspace_id: number | null;
        member_id: number | null;
        kind: string;
        key: string;
        due_at: Date;
        payload: unknown;
        attempts: number;
      }>`
      select id, workspace_id, member_id, kind, key, due_at, payload, attempts from outbox where sent_at is null order by id`.execute(
        database.db,
      )
    ).rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      memberId: r.member_id,
      kind: r.kind,
      key: r.key,
      dueAt: r.due_at,
      payload: r.payload,
      attempts: r.attempts,
    }));

  it('stores no change when its notice cannot be written, and no notice when the change is refused', async () => {
    const real = createStore(database.db);
    // An outbox that fails inside the change's transaction.
    const broken: Store = {
      ...real,
      transaction: (work) =>
        real.transaction((repos) =>
          work({ ...repos, outbox: { ...repos.outbox, enqueue: () => Promise.reject(new Error('outbox down')) } }),
        ),
    };
    const bot = createDriver(real, { now });
    await bot.as('ana').say('setup Grade 3');
    await bot.as('ben').say('help');
    const failing = createDriver(broken, { now });
    await failing.as('ana').say('schedule weekly tue 15:30');
    await failing.as('ana').say('facilitator add <@ben|ben>');
    await failing.as('ana').say('prompts weekly wed 12:00');
    expect(
      failing.chat
        .take()
        .filter((s) => s.kind === 'ephemeral')
        .map((s) => ('message' in s ? s.message.text : '')),
    ).toEqual([
      expect.stringMatching(/try again/),
      expect.stringMatching(/try again/),
      expect.stringMatching(/try again/),
    ]);
    expect(await rows('select schedule_cadence, midweek_prompt_day from communities')).toEqual([
      { schedule_cadence: null, midweek_prompt_day: null },
    ]);
    expect(await rows('select count(*)::int as n from community_members where is_facilitator')).toEqual([{ n: 1 }]);
    expect(
      await rows(`select count(*)::int as n from outbox where kind in ('channel.notice', 'facilitator.welcome')`),
    ).toEqual([{ n: 0 }]);

    // Refused changes announce nothing: removing someone who never facilitated, adding one who does.
    await bot.as('ana').say('facilitator remove <@ben|ben>');
    await bot.as('ana').say('facilitator add <@ana|ana>');
    expect(
      await rows(`select count(*)::int as n from outbox where kind in ('channel.notice', 'facilitator.welcome')`),
    ).toEqual([{ n: 0 }]);

    // With the outbox working, the change and its notices are stored together and sent.
    await bot.as('ana').say('facilitator add <@ben|ben>');
    expect(await rows(`select kind, sent_at is not null as sent from outbox order by id`)).toEqual([
      { kind: 'channel.notice', sent: true },
      { kind: 'facilitator.welcome', sent: true },
    ]);
  });

  it('names nobody forgotten: notices keep ids, and read names only when they are sent', async () => {
    const store = createStore(database.db);
    const bot = createDriver(store, { now });
    await bot.as('ana').say('setup Grade 3');
    await bot.as('zebra-ben').say('help');
    // The platform is down: the notices wait in the outbox for the delivery loop.
    bot.chat.post = () => Promise.reject(new Error('platform down'));
    bot.chat.dm = () => Promise.reject(new Error('platform down'));
    await bot.as('ana').say('facilitator add <@zebra-ben|zebra-ben>');
    await bot.as('zebra-ben').say('schedule weekly tue 15:30');
    expect((await waiting()).map((item) => item.kind)).toEqual([
      'channel.notice',
      'facilitator.welcome',
      'channel.notice',
    ]);
    // Names are nowhere in the outbox, only ids.
    expect(
      Object.keys(await whereItAppears(database, 'zebra')).filter((column) => column.startsWith('outbox.')),
    ).toEqual([]);

    await bot.as('zebra-ben').press({ kind: 'forget.confirm' });
    expect(await whereItAppears(database, 'zebra')).toEqual({});
    // The word meant for them went with them; the channel's notices are sent, naming nobody.
    const chat = new RecordingChat();
    for (const item of await waiting()) await deliverItem({ store, chat }, item);
    expect(chat.sent.map((s) => [s.kind, 'message' in s ? s.message.text : ''])).toEqual([
      ['post', 'Someone now facilitates Grade 3 (named by ana).'],
      [
        'post',
        'Someone set a schedule: Grade 3 meets every Tuesday at 15:30 (America/Chicago) for 60 minutes. First: Tuesday 1 December.',
      ],
    ]);
  });
});
