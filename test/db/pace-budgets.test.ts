import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewOutboxItem } from '../../src/core/outbox.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { paceBudgetRepo, type Bucket } from '../../src/db/repositories/pace-budgets.js';
import { deliverDue } from '../../src/scheduler/deliver.js';
import { sendMessage, SEND_MESSAGE } from '../../src/scheduler/handlers.js';
import { bucketsFor, Paced, pace, PLATFORM_LIMITS } from '../../src/scheduler/pacer.js';
import { timedChat } from '../../src/scheduler/timed-chat.js';
import { openSecondInstance, openTestDatabase, testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { silentLog } from '../helpers/driver.js';
import { RecordingChat } from '../helpers/recording-chat.js';

const start = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);
const channel = (key: string, burst = 3, perMs = 1000): Bucket => ({ key, burst, perMs });

describe.each(testDatabaseKinds)('pacing budgets on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('allows a short burst, then one send per interval, for each place', async () => {
    const budget = paceBudgetRepo(database().db);
    const c1 = [channel('slack:T1:C1')];
    const waits = [];
    for (let n = 0; n < 5; n++) waits.push(await budget.take(c1, start));
    expect(waits).toEqual([0, 0, 0, 1000, 2000]);
    expect(await budget.take([channel('slack:T1:C2')], start)).toBe(0);
    // Half a second later the queue has moved on by half a slot; ten seconds later the burst is back, not more.
    expect(await budget.take(c1, at(500))).toBe(2500);
    expect([
      await budget.take(c1, at(10_000)),
      await budget.take(c1, at(10_000)),
      await budget.take(c1, at(10_000)),
      await budget.take(c1, at(10_000)),
    ]).toEqual([0, 0, 0, 1000]);
  });

  it('waits for the fuller of the two budgets a send draws on, the place and the workspace', async () => {
    const budget = paceBudgetRepo(database().db);
    const workspace = channel('slack:T1', 4, 100);
    const waits = [];
    // Each send goes to a place of its own, so only the workspace's budget fills.
    for (let n = 0; n < 6; n++) waits.push(await budget.take([workspace, channel(`slack:T1:C${n}`)], start));
    expect(waits).toEqual([0, 0, 0, 0, 100, 200]);
  });

  it('gives back the tokens of a send put off, so it keeps its place for later and holds up nobody', async () => {
    const budget = paceBudgetRepo(database().db);
    const c1 = [channel('slack:T1:C1', 1, 1000)];
    expect(await budget.take(c1, start)).toBe(0);
    expect(await budget.take(c1, start)).toBe(1000);
    // Too long to wait: given back. The next sender waits what it would have without it.
    await budget.giveBack(c1, start);
    expect(await budget.take(c1, start)).toBe(1000);
    // Given back, a budget never holds more than its burst.
    await budget.giveBack(c1, at(60_000));
    await budget.giveBack(c1, at(60_000));
    expect([await budget.take(c1, at(60_000)), await budget.take(c1, at(60_000))]).toEqual([0, 1000]);
  });

  it('puts a send off, tokens given back, when the wait is longer than the delivery may hold an item', async () => {
    const db = database().db;
    const budget = paceBudgetRepo(db);
    const slept: number[] = [];
    const sleep = async (ms: number) => void slept.push(ms);
    const buckets = [channel('teams:tenant:19:abc', 1, 2000)];
    const clocked = {
      take: (b: Bucket[]) => budget.take(b, start),
      giveBack: (b: Bucket[]) => budget.giveBack(b, start),
    };
    await pace(buckets, { budget: clocked, sleep, maxWaitMs: 3000 });
    await pace(buckets, { budget: clocked, sleep, maxWaitMs: 3000 });
    const third = pace(buckets, { budget: clocked, sleep, maxWaitMs: 3000 });
    await expect(third).rejects.toBeInstanceOf(Paced);
    await expect(third).rejects.toMatchObject({ failure: { retryAfterMs: 4000 } });
    expect(slept).toEqual([2000]);
    // The put-off send took nothing: the next still waits 4 s, not 6.
    expect(await budget.take(buckets, start)).toBe(4000);
  });

  it('paces the places each platform documents a limit for, and not the console', () => {
    expect(bucketsFor('slack', 'T1', 'C1').map((b) => b.key)).toEqual(['slack:T1', 'slack:T1:C1']);
    expect(bucketsFor('teams', 'tenant', '@29:ana')).toEqual([
      { key: 'teams:tenant', ...PLATFORM_LIMITS.teams?.workspace },
      { key: 'teams:tenant:@29:ana', ...PLATFORM_LIMITS.teams?.place },
    ]);
    expect(bucketsFor('console', 'local', 'C1')).toEqual([]);
  });
});

describe.runIf(testDatabaseKinds.includes('postgres'))('one pacing budget shared by two replicas on PostgreSQL', () => {
  let first: OpenDatabase;
  let second: OpenDatabase;
  beforeAll(async () => {
    first = await openTestDatabase('postgres');
    second = await openSecondInstance(first, 'postgres');
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('hands concurrent senders on two connections one queue of slots, none given twice', async () => {
    const buckets = [channel('slack:T1', 100, 10), channel('slack:T1:CSHARED', 3, 1000)];
    const takes = [first, second].flatMap((replica) =>
      Array.from({ length: 10 }, () => paceBudgetRepo(replica.db).take(buckets, start)),
    );
    const waits = (await Promise.all(takes)).sort((a, b) => a - b);
    expect(waits).toEqual([0, 0, 0, ...Array.from({ length: 17 }, (_, n) => (n + 1) * 1000)]);
  });

  it('two delivery loops sending to one channel never go faster than its budget allows', async () => {
    const limits = {
      ...PLATFORM_LIMITS,
      slack: { place: { burst: 2, perMs: 250 }, workspace: { burst: 100, perMs: 1 } },
    };
    const items: NewOutboxItem[] = Array.from({ length: 12 }, (_, n) => ({
      workspaceId: null,
      kind: SEND_MESSAGE,
      key: `paced:${n}`,
      dueAt: start,
      payload: {
        platform: 'slack',
        workspace: 'T1',
        to: { kind: 'channel', channel: 'CBUSY' },
        message: { text: `message ${n}` },
      },
    }));
    await outboxRepo(first.db).enqueue(items);
    const postedAt: { at: number; worker: string }[] = [];
    const loop = async (replica: OpenDatabase, worker: string) => {
      const chat = new RecordingChat();
      const recording = Object.assign(Object.create(chat) as RecordingChat, {
        post: async (...args: Parameters<RecordingChat['post']>) => {
          postedAt.push({ at: Date.now(), worker });
          return chat.post(...args);
        },
      });
      const budget = paceBudgetRepo(replica.db);
      const handlers = {
        [SEND_MESSAGE]: sendMessage(async (platform, workspace) =>
          timedChat(recording, { platform, workspace, budget, limits, maxWaitMs: 60_000 }),
        ),
      };
      // One item per round, so the two loops take turns at the channel.
      while (
        (
          await deliverDue({
            outbox: outboxRepo(replica.db),
            handlers,
            now: () => start,
            worker,
            leaseMs: 60_000,
            batchSize: 1,
            dryRun: false,
            log: silentLog,
          })
        ).claimed > 0
      );
    };
    const began = Date.now();
    await Promise.all([loop(first, 'a'), loop(second, 'b')]);
    expect(postedAt).toHaveLength(12);
    expect(new Set(postedAt.map((p) => p.worker))).toEqual(new Set(['a', 'b']));
    // A token bucket's promise: the burst at once, then one send per interval, shared by both loops,
    // so the k-th send (from 0) comes no sooner than (k - burst + 1) intervals after the start (a few
    // milliseconds allowed for the two clocks read). Measured from the start, not between sends: a
    // timer that fires late on a busy machine only delays its send, and must not fail the test by
    // bringing it closer to the next one, which was on time.
    const times = postedAt.map((p) => p.at).sort((a, b) => a - b);
    for (const [k, at] of times.entries())
      expect(at - began, `send ${k}`).toBeGreaterThanOrEqual((k - 2 + 1) * 250 - 10);
  }, 30_000);
});
