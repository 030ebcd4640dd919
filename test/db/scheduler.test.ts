import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { databaseRunCoordinator } from '../../src/scheduler/coordinator.js';
import { deliverDue } from '../../src/scheduler/deliver.js';
import { outboxHandlers } from '../../src/scheduler/handlers.js';
import { planDue } from '../../src/scheduler/plan.js';
import { createDriver, silentLog } from '../helpers/driver.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { emptyTables, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';

describe.each(testDatabaseKinds)('the minute tick on %s', (kind) => {
  let database: OpenDatabase;
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
  });

  it('elects one runner per slot, however many replicas ask at once', async () => {
    const coordinators = ['a', 'b', 'c', 'd'].map((worker) =>
      databaseRunCoordinator(database.db, worker, () => new Date('2026-03-02T09:00:00Z')),
    );
    const answers = await Promise.all(coordinators.map((c) => c.shouldRun('plan:2026-03-02T09:00', 60_000)));
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await coordinators[0]?.shouldRun('plan:2026-03-02T09:01', 60_000)).toBe(true);
  });

  it('closes a session left open for a day, once, with its summary', async () => {
    const store = createStore(database.db);
    const opened = new Date('2026-03-02T15:00:00Z');
    const people = createDriver(store, { now: opened });
    await people.as('ana').say('setup Grade 3');
    await people.as('ana').say('start Fractions');
    await people.as('ben').reply('Number lines are working');
    const outbox = outboxRepo(database.db);

    expect(await planDue({ store, now: new Date('2026-03-03T14:59:00Z') })).toBe(0);
    const dayLater = new Date('2026-03-03T15:01:00Z');
    const planned = await Promise.all([planDue({ store, now: dayLater }), planDue({ store, now: dayLater })]);
    expect(planned.reduce((a, b) => a + b, 0)).toBe(1);

    const deliver = (worker: string) =>
      deliverDue({
        outbox,
        handlers: outboxHandlers(() => ({
          store,
          now: dayLater,
          log: silentLog,
          chatFor: async () => people.chat,
          replayerFor: () => undefined,
        })),
        now: () => dayLater,
        worker,
        leaseMs: 60_000,
        batchSize: 10,
        dryRun: false,
        log: silentLog,
      });
    people.chat.take();
    const rounds = await Promise.all([deliver('a'), deliver('b')]);
    expect(rounds.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    const replies = people.chat.replies(people.chat.take());
    expect(replies.map((m) => m.text)).toEqual([
      'This session has been open for a day, so it closes itself now.',
      'Session summary: Fractions (Grade 3)\n1 participant · 1 opening check-in · 0 reflections · 0 closing check-ins',
    ]);
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'closed' }]);
    expect(await planDue({ store, now: new Date('2026-03-04T15:00:00Z') })).toBe(0);
  });

  it('finds events stored but never handled, within the replay window only', async () => {
    const store = createStore(database.db);
    const at = (minutesAgo: number) => new Date(Date.parse('2026-03-02T10:00:00Z') - minutesAgo * 60_000);
    await store.receipts.claim('slack', 'lost', at(10), { incoming: {} });
    await store.receipts.claim('slack', 'handled', at(10), { incoming: {} });
    await store.receipts.settle('slack', 'handled', 'handled', at(9));
    await store.receipts.claim('slack', 'recent', at(1), { incoming: {} });
    await store.receipts.claim('slack', 'too-old', at(40), { incoming: {} });
    await store.receipts.claim('slack', 'no-payload', at(10));
    expect(await store.receipts.unhandled({ receivedAfter: at(25), receivedBefore: at(5), limit: 10 })).toEqual([
      { platform: 'slack', eventId: 'lost' },
    ]);
    expect(await store.receipts.find('slack', 'handled')).toEqual({ payload: { incoming: {} }, settled: true });
    expect(await store.receipts.find('slack', 'nothing')).toBeNull();
  });

  it('runs each scheduled session once however many instances plan and deliver, and lets a hand-run session replace it', async () => {
    const store = createStore(database.db);
    const people = createDriver(store, { now: new Date('2026-03-02T12:00:00Z') });
    await people.as('ana').say('setup Grade 3');
    await people.as('ana').say('schedule weekly tue 15:30 60m');
    const outbox = outboxRepo(database.db);
    const round = (now: Date, worker: string) =>
      deliverDue({
        outbox,
        handlers: outboxHandlers(() => ({
          store,
          now,
          log: silentLog,
          chatFor: async () => people.chat,
          replayerFor: () => undefined,
        })),
        now: () => now,
        worker,
        leaseMs: 60_000,
        batchSize: 10,
        dryRun: false,
        log: silentLog,
      });
    const tick = async (iso: string) => {
      const now = new Date(iso);
      await Promise.all([planDue({ store, now }), planDue({ store, now })]);
      await Promise.all([round(now, 'a'), round(now, 'b')]);
    };
    await tick('2026-03-02T21:00:00Z');
    await tick('2026-03-03T21:30:00Z');
    expect(await rows('select count(*)::int as n from sessions')).toEqual([{ n: 1 }]);
    expect(people.chat.sent.filter((s) => s.kind === 'post' && s.message.text.startsWith('Reminder'))).toHaveLength(1);

    // A planner that missed the session's middle catches up on it in order, and closes it.
    await tick('2026-03-03T22:30:00Z');
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'closed' }]);
    expect(await rows('select count(*)::int as n from prompt_posts')).toEqual([{ n: 1 }]);

    // The next week a facilitator starts by hand an hour early: no second, automatic session.
    const early = createDriver(store, { now: new Date('2026-03-10T19:30:00Z') });
    await early.as('ana').say('start By hand');
    await tick('2026-03-10T20:30:00Z');
    expect(await rows(`select topic, scheduled_for is not null as scheduled from sessions order by id`)).toEqual([
      { topic: null, scheduled: true },
      { topic: 'By hand', scheduled: false },
    ]);
    // Its later steps still apply to it: the reflection comes a third of the way in.
    await tick('2026-03-10T20:50:00Z');
    expect(await rows(`select phase from sessions where topic = 'By hand'`)).toEqual([{ phase: 'reflection' }]);
  });

  it('leaves a session the facilitator closed in the meantime as it was', async () => {
    const store = createStore(database.db);
    const people = createDriver(store, { now: new Date('2026-03-02T15:00:00Z') });
    await people.as('ana').say('setup');
    await people.as('ana').say('start');
    const outbox = outboxRepo(database.db);
    await planDue({ store, now: new Date('2026-03-03T16:00:00Z') });
    await people.as('ana').say('close');
    await people.as('ana').say('close');
    people.chat.take();
    const [item] = await outbox.claim({ now: new Date('2026-03-03T16:00:00Z'), limit: 1, leaseMs: 1000, worker: 'w' });
    expect(item).toBeDefined();
    if (!item) return;
    await outboxHandlers(() => ({
      store,
      now: new Date('2026-03-03T16:00:00Z'),
      log: silentLog,
      chatFor: async () => people.chat,
      replayerFor: () => undefined,
    }))[item.kind]?.(item);
    expect(people.chat.take()).toEqual([]);
  });
});

describe.each(testDatabaseKinds)('the mid-week prompt on %s', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('goes to the channel once on its day, not during a session, and its thread collects reflections', async () => {
    const store = createStore(database.db);
    const people = createDriver(store, { now: new Date('2026-03-02T12:00:00Z') });
    await people.as('ana').say('setup Grade 3');
    await people.as('ana').say('prompts weekly wed 12:00');
    await people.as('ana').say('remind off');
    const tick = async (iso: string) => {
      const now = new Date(iso);
      await Promise.all([planDue({ store, now }), planDue({ store, now })]);
      await deliverNow(database, { now, chatFor: async () => people.chat });
    };
    people.chat.take();
    await tick('2026-03-04T17:59:00Z');
    expect(people.chat.sent).toEqual([]);
    await tick('2026-03-04T18:00:00Z'); // Wednesday 12:00 in Chicago
    await tick('2026-03-04T18:01:00Z');
    const posts = people.chat.take().filter((s) => s.kind === 'post');
    expect(posts.map((p) => (p.kind === 'post' ? p.message.text : ''))).toEqual([
      expect.stringMatching(/^Reflection: /),
    ]);
    const post = posts[0];
    if (post?.kind !== 'post') return;
    await people.as('ben').replyIn(post.ref.id, 'Turn-and-talk before writing');
    const stored = await sql<{ text: string }>`select text from reflections`.execute(database.db);
    expect(stored.rows).toEqual([{ text: 'Turn-and-talk before writing' }]);

    // The next week a session is open at that time: it has its own reflection, so none goes out.
    const during = createDriver(store, { now: new Date('2026-03-11T17:00:00Z') });
    await during.as('ana').say('start');
    people.chat.take();
    await tick('2026-03-11T17:00:00Z');
    await tick('2026-03-11T17:30:00Z');
    expect(people.chat.take().filter((s) => s.kind === 'post')).toEqual([]);

    // That session's summary counts the reflection given on the mid-week prompt before it.
    await during.as('ana').say('close');
    await during.as('ana').say('close');
    const summary = during.chat.replies().find((m) => m.text.startsWith('Session summary'));
    expect(summary?.sections).toContain('Since the last session: 1 reflection on the prompts posted in the channel.');
  });
});
