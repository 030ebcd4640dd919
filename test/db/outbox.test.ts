import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, MAX_ATTEMPTS, type NewOutboxItem } from '../../src/core/outbox.js';
import { openDatabase, type OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { deliverDue, type Delivery, type OutboxHandler } from '../../src/scheduler/deliver.js';
import { holdLease } from '../../src/scheduler/lease.js';
import { Paced } from '../../src/scheduler/pacer.js';
import { capturingLog } from '../helpers/driver.js';
import { emptyTables, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';

const start = new Date('2026-03-02T09:00:00Z');
const item = (n: number, dueAt = start, kind = 'test'): NewOutboxItem => ({ workspaceId: null, kind, key: `test:${n}`, dueAt, payload: { n } });

function delivery(database: OpenDatabase, overrides: Partial<Delivery> & { handler?: OutboxHandler } = {}): Delivery {
  const handler = overrides.handler ?? (async () => {});
  return {
    outbox: outboxRepo(database.db),
    handlers: { test: handler },
    now: () => start,
    worker: 'w1',
    leaseMs: 60_000,
    batchSize: 50,
    dryRun: false,
    log: capturingLog(),
    random: () => 0.5,
    ...overrides,
  };
}

describe.each(testDatabaseKinds)('the outbox on %s', (kind) => {
  let database: OpenDatabase;
  const rows = (query: string) => sql.raw<Record<string, unknown>>(query).execute(database.db).then((r) => r.rows);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
  });

  it('keeps one row per idempotency key, however many write it at once', async () => {
    const outbox = outboxRepo(database.db);
    const inserted = await Promise.all(Array.from({ length: 20 }, () => outbox.enqueue([item(1), item(2)])));
    expect(inserted.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await rows('select key from outbox order by key')).toEqual([{ key: 'test:1' }, { key: 'test:2' }]);
  });

  it('claims only what is due, earliest first, and never what another worker holds', async () => {
    const outbox = outboxRepo(database.db);
    await outbox.enqueue([item(1, new Date(start.getTime() - 60_000)), item(2), item(3, new Date(start.getTime() + 60_000))]);
    const first = await outbox.claim({ now: start, limit: 10, leaseMs: 60_000, worker: 'a' });
    expect(first.map((i) => i.key)).toEqual(['test:1', 'test:2']);
    expect(await outbox.claim({ now: start, limit: 10, leaseMs: 60_000, worker: 'b' })).toEqual([]);
  });

  it('hands the rest of a claimed batch back when the process stops, so another worker sends it at once', async () => {
    const outbox = outboxRepo(database.db);
    await outbox.enqueue([item(1), item(2), item(3), item(4)]);
    let stopping = false;
    const sentBy: Record<string, number[]> = { leaving: [], staying: [] };
    const record = (worker: string) => async (i: { payload: unknown }) => {
      sentBy[worker]?.push((i.payload as { n: number }).n);
      // The stop arrives while the second item is being sent.
      if (worker === 'leaving' && sentBy.leaving?.length === 2) stopping = true;
    };
    const leaving = await deliverDue(delivery(database, { worker: 'leaving', handler: record('leaving'), stopping: () => stopping }));
    expect(leaving).toMatchObject({ claimed: 4, sent: 2 });
    // No lease to wait out: the staying worker, at the same instant, takes the two left.
    const staying = await deliverDue(delivery(database, { worker: 'staying', handler: record('staying') }));
    expect(staying).toMatchObject({ claimed: 2, sent: 2 });
    expect(sentBy).toEqual({ leaving: [1, 2], staying: [3, 4] });
    expect(await outbox.depth(start)).toEqual({ due: 0, oldestDueSeconds: 0, failed: 0 });
  });

  it('tells how many sends are due and how long the oldest has waited', async () => {
    const outbox = outboxRepo(database.db);
    await outbox.enqueue([item(1, new Date(start.getTime() - 90_000)), item(2), item(3, new Date(start.getTime() + 60_000))]);
    expect(await outbox.depth(start)).toEqual({ due: 2, oldestDueSeconds: 90, failed: 0 });
  });

  it('hands an abandoned item to another worker once its lease runs out', async () => {
    const outbox = outboxRepo(database.db);
    await outbox.enqueue([item(1)]);
    await outbox.claim({ now: start, limit: 10, leaseMs: 60_000, worker: 'dies' });
    const later = new Date(start.getTime() + 61_000);
    const sent: unknown[] = [];
    const round = await deliverDue(delivery(database, { worker: 'survives', now: () => later, handler: async (i) => void sent.push(i.payload) }));
    expect(round).toMatchObject({ claimed: 1, sent: 1 });
    expect(sent).toEqual([{ n: 1 }]);
    expect(await outbox.markSent(1, 'dies', later)).toBe(false);
    expect(await rows('select claimed_by, sent_at is not null as sent from outbox')).toEqual([{ claimed_by: 'survives', sent: true }]);
  });

  it('backs off after errors, honours Retry-After, gives up keeping the error, and sends nothing twice', async () => {
    await outboxRepo(database.db).enqueue([item(1)]);
    let now = start;
    const answers: (Error | null)[] = [new Error('HTTP 500'), new DeliveryError('HTTP 503', { retryAfterMs: 7000 }), null];
    let calls = 0;
    const d = delivery(database, {
      now: () => now,
      handler: async () => {
        calls++;
        const answer = answers.shift();
        if (answer) throw answer;
      },
    });
    await deliverDue(d);
    const [afterError] = await rows(`select attempts, last_error, extract(epoch from due_at - '${start.toISOString()}'::timestamptz)::int as wait from outbox`);
    expect(afterError).toEqual({ attempts: 1, last_error: 'Error: HTTP 500', wait: 23 });

    expect((await deliverDue(d)).claimed).toBe(0);
    now = new Date(start.getTime() + 23_000);
    await deliverDue(d);
    expect(await rows(`select attempts, extract(epoch from due_at - '${now.toISOString()}'::timestamptz)::int as wait from outbox`)).toEqual([{ attempts: 2, wait: 7 }]);

    now = new Date(now.getTime() + 7000);
    expect(await deliverDue(d)).toMatchObject({ sent: 1 });
    now = new Date(now.getTime() + 3_600_000);
    expect((await deliverDue(d)).claimed).toBe(0);
    expect(calls).toBe(3);
  });

  it('records the final error for the operator, with a log line', async () => {
    await outboxRepo(database.db).enqueue([item(1)]);
    let now = start;
    const log = capturingLog();
    const results: string[] = [];
    const d = delivery(database, {
      now: () => now,
      log,
      handler: async () => Promise.reject(new Error('HTTP 503')),
      onResult: (_kind, result) => void results.push(result),
    });
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await deliverDue(d);
      now = new Date(now.getTime() + 3_600_000);
    }
    expect(await rows('select attempts, last_error, failed_at is not null as failed, sent_at from outbox')).toEqual([
      { attempts: MAX_ATTEMPTS, last_error: 'Error: HTTP 503', failed: true, sent_at: null },
    ]);
    expect(log.entries.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual(['delivery gave up']);
    expect(results).toEqual([...Array<string>(MAX_ATTEMPTS - 1).fill('retried'), 'failed']);
    expect((await deliverDue(d)).claimed).toBe(0);
  });

  it('logs instead of sending in a dry run, and records it', async () => {
    await outboxRepo(database.db).enqueue([item(1)]);
    let calls = 0;
    await deliverDue(delivery(database, { dryRun: true, handler: async () => void calls++ }));
    expect(calls).toBe(0);
    expect(await rows('select dry_run, sent_at is not null as settled from outbox')).toEqual([{ dry_run: true, settled: true }]);
  });

  it('puts off, without counting an attempt, a send the pacing budget has no room for', async () => {
    await outboxRepo(database.db).enqueue([1, 2, 3].map((n) => item(n)));
    const sent: number[] = [];
    const results: string[] = [];
    const round = await deliverDue(
      delivery(database, {
        handler: async (i) => {
          const n = (i.payload as { n: number }).n;
          if (n === 2) throw new Paced(4000);
          sent.push(n);
        },
        onResult: (_kind, result) => void results.push(result),
      }),
    );
    expect(sent).toEqual([1, 3]);
    expect(round).toMatchObject({ sent: 2, retried: 1, failed: 0 });
    expect(results).toEqual(['sent', 'paced', 'sent']);
    expect(await rows(`select key, attempts, last_error, extract(epoch from due_at - '${start.toISOString()}'::timestamptz)::int as wait from outbox where sent_at is null`)).toEqual([
      { key: 'test:2', attempts: 0, last_error: 'paced', wait: 4 },
    ]);
  });

  it('renews a lease only for the worker that still holds it', async () => {
    const outbox = outboxRepo(database.db);
    await outbox.enqueue([item(1)]);
    const [claimed] = await outbox.claim({ now: start, limit: 1, leaseMs: 60_000, worker: 'a' });
    const id = claimed?.id ?? 0;
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    expect(await outbox.renew({ id, worker: 'a', now: at(50), leaseMs: 60_000 })).toBe(true);
    // Renewed at 50 s, it now lasts to 110 s: nobody else can claim it at 61 s.
    expect(await outbox.claim({ now: at(61), limit: 1, leaseMs: 60_000, worker: 'b' })).toEqual([]);
    expect(await outbox.renew({ id, worker: 'b', now: at(61), leaseMs: 60_000 })).toBe(false);
    // Once run out, it is gone for good: another worker claims it, and the first cannot take it back.
    expect(await outbox.claim({ now: at(111), limit: 1, leaseMs: 60_000, worker: 'b' })).toHaveLength(1);
    expect(await outbox.renew({ id, worker: 'a', now: at(111), leaseMs: 60_000 })).toBe(false);
    expect(await outbox.markSent(id, 'b', at(112))).toBe(true);
    expect(await outbox.renew({ id, worker: 'b', now: at(112), leaseMs: 60_000 })).toBe(false);
  });

  it('leaves to the other worker the items of a slow batch whose lease ran out, and never sends one twice', async () => {
    const outbox = outboxRepo(database.db);
    await outbox.enqueue([1, 2, 3, 4].map((n) => item(n)));
    let now = start;
    const sentBy: Record<string, number[]> = { slow: [], other: [] };
    const results: string[] = [];
    const other = delivery(database, { worker: 'other', now: () => now, handler: async (i) => void sentBy.other?.push((i.payload as { n: number }).n) });
    const slow = delivery(database, {
      worker: 'slow',
      now: () => now,
      onResult: (_kind, result) => void results.push(result),
      handler: async (i) => {
        const n = (i.payload as { n: number }).n;
        await holdLease();
        sentBy.slow?.push(n);
        // Each send takes 40 s, within the lease renewed just before it; but the batch as a whole
        // outlasts the claim, and during the second send the other worker finds the rest unheld.
        now = new Date(now.getTime() + 40_000);
        if (n === 2) expect(await deliverDue(other)).toMatchObject({ claimed: 2, sent: 2 });
      },
    });
    const round = await deliverDue(slow);
    expect(round).toMatchObject({ claimed: 4, sent: 2, lost: 2 });
    expect(results).toEqual(['sent', 'sent', 'lease-lost', 'lease-lost']);
    expect(sentBy).toEqual({ slow: [1, 2], other: [3, 4] });
    expect(await rows('select claimed_by, sent_at is not null as sent from outbox order by id')).toEqual([
      { claimed_by: 'slow', sent: true },
      { claimed_by: 'slow', sent: true },
      { claimed_by: 'other', sent: true },
      { claimed_by: 'other', sent: true },
    ]);
  });

  it("waits out a platform's 429s, however many, without using up the item's attempts", async () => {
    await outboxRepo(database.db).enqueue([item(1)]);
    let now = start;
    let refusals = MAX_ATTEMPTS + 2;
    const d = delivery(database, {
      now: () => now,
      handler: async () => {
        if (refusals-- > 0) throw new DeliveryError('rate limited', { retryAfterMs: 1000, deferred: true });
      },
    });
    for (let round = 0; round < MAX_ATTEMPTS + 2; round++) {
      expect(await deliverDue(d)).toMatchObject({ claimed: 1, retried: 1 });
      now = new Date(now.getTime() + 1000);
    }
    expect(await deliverDue(d)).toMatchObject({ sent: 1 });
    expect(await rows('select attempts, failed_at from outbox')).toEqual([{ attempts: 0, failed_at: null }]);
  });

  it('sends to different people side by side, and keeps everything else one at a time in order', async () => {
    const outbox = outboxRepo(database.db);
    const toPerson = (n: number): NewOutboxItem => ({ workspaceId: null, memberId: null, kind: 'nudge', key: `nudge:${n}`, dueAt: start, payload: { n } });
    const members = await sql<{ id: number }>`
      with w as (insert into workspaces (platform, external_id, time_zone) values ('slack', 'TLANES', 'UTC') returning id)
      insert into members (workspace_id, external_id, display_name) select w.id, 'U' || n, 'T' || n from w, generate_series(1, 6) as n returning id`.execute(database.db);
    await outbox.enqueue([...members.rows.map((m, n) => ({ ...toPerson(n), memberId: m.id })), item(1), item(2), item(3)]);
    // The first three nudges wait for each other: with fewer than three lanes this round would never end.
    let waiting = 0;
    let release: () => void = () => {};
    const allThree = new Promise<void>((done) => (release = done));
    const nudges: number[] = [];
    const inOrder: number[] = [];
    let ordered = 0;
    let orderedAtOnce = 0;
    const round = await deliverDue(
      delivery(database, {
        lanes: 4,
        handlers: {
          nudge: async (sent) => {
            if (++waiting === 3) release();
            if (waiting <= 3) await allThree;
            nudges.push((sent.payload as { n: number }).n);
          },
          test: async (sent) => {
            orderedAtOnce = Math.max(orderedAtOnce, ++ordered);
            await new Promise((done) => setImmediate(done));
            inOrder.push((sent.payload as { n: number }).n);
            ordered--;
          },
        },
      }),
    );
    expect(round).toMatchObject({ claimed: 9, sent: 9 });
    expect(nudges.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(inOrder).toEqual([1, 2, 3]);
    expect(orderedAtOnce).toBe(1);
  });

  it('does not make a send whose lease was lost while its item was being prepared', async () => {
    const outbox = outboxRepo(database.db);
    await outbox.enqueue([item(1)]);
    let now = start;
    const sends: string[] = [];
    const takeOver = async () => {
      now = new Date(start.getTime() + 61_000);
      await outbox.claim({ now, limit: 1, leaseMs: 60_000, worker: 'other' });
    };
    const round = await deliverDue(
      delivery(database, {
        now: () => now,
        handler: async () => {
          await takeOver();
          // What the ChatPort of timed sends does just before each send.
          await holdLease();
          sends.push('sent');
        },
      }),
    );
    expect(round).toMatchObject({ claimed: 1, sent: 0, retried: 0, failed: 0, lost: 1 });
    expect(sends).toEqual([]);
    // Untouched: the worker that holds it now sends it, with no attempt counted against it.
    expect(await rows('select claimed_by, attempts, last_error, sent_at from outbox')).toEqual([{ claimed_by: 'other', attempts: 0, last_error: null, sent_at: null }]);
  });
});

describe.runIf(testDatabaseKinds.includes('postgres'))('two replicas on PostgreSQL', () => {
  let first: OpenDatabase;
  let second: OpenDatabase;
  beforeAll(async () => {
    first = await openTestDatabase('postgres');
    second = await openDatabase({ kind: 'postgres', url: process.env.TEST_DATABASE_URL ?? '', ...(first.schema ? { schema: first.schema } : {}) });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('send each of 1,000 due items exactly once, both sending some', async () => {
    await outboxRepo(first.db).enqueue(Array.from({ length: 1000 }, (_, n) => item(n)));
    const sends = new Map<string, string[]>();
    const worker = async (database: OpenDatabase, name: string) => {
      const d = delivery(database, {
        worker: name,
        batchSize: 20,
        handler: async (i) => {
          sends.set(i.key, [...(sends.get(i.key) ?? []), name]);
          await new Promise((done) => setImmediate(done));
        },
      });
      while ((await deliverDue(d)).claimed > 0);
    };
    await Promise.all([worker(first, 'a'), worker(second, 'b')]);
    expect(sends.size).toBe(1000);
    expect([...sends.values()].every((senders) => senders.length === 1)).toBe(true);
    const byWorker = [...sends.values()].flat();
    expect(byWorker.filter((w) => w === 'a').length).toBeGreaterThan(0);
    expect(byWorker.filter((w) => w === 'b').length).toBeGreaterThan(0);
    const unsent = await sql<{ n: number }>`select count(*)::int as n from outbox where sent_at is null`.execute(first.db);
    expect(unsent.rows).toEqual([{ n: 0 }]);
  });
});
