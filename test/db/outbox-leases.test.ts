import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { deliverDue } from '../../src/scheduler/deliver.js';
import { holdLease } from '../../src/scheduler/lease.js';
import { openTestDatabase, testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { delivery, item, start } from '../helpers/outbox-delivery.js';

// Who sends an outbox item: one row per key, claims and their leases, batches handed back or taken
// over, and two replicas sending a thousand items between them exactly once.

describe.each(testDatabaseKinds)('outbox claims and leases on %s', (kind) => {
  const database = useTestDatabase(kind);
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database().db)
      .then((r) => r.rows);

  it('keeps one row per idempotency key, however many write it at once', async () => {
    const outbox = outboxRepo(database().db);
    const inserted = await Promise.all(Array.from({ length: 20 }, () => outbox.enqueue([item(1), item(2)])));
    expect(inserted.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await rows('select key from outbox order by key')).toEqual([{ key: 'test:1' }, { key: 'test:2' }]);
  });

  it('claims only what is due, earliest first, and never what another worker holds', async () => {
    const outbox = outboxRepo(database().db);
    await outbox.enqueue([
      item(1, new Date(start.getTime() - 60_000)),
      item(2),
      item(3, new Date(start.getTime() + 60_000)),
    ]);
    const first = await outbox.claim({ now: start, limit: 10, leaseMs: 60_000, worker: 'a' });
    expect(first.map((i) => i.key)).toEqual(['test:1', 'test:2']);
    expect(await outbox.claim({ now: start, limit: 10, leaseMs: 60_000, worker: 'b' })).toEqual([]);
  });

  it('hands the rest of a claimed batch back when the process stops, so another worker sends it at once', async () => {
    const outbox = outboxRepo(database().db);
    await outbox.enqueue([item(1), item(2), item(3), item(4)]);
    let stopping = false;
    const sentBy: Record<string, number[]> = { leaving: [], staying: [] };
    const record = (worker: string) => async (i: { payload: unknown }) => {
      sentBy[worker]?.push((i.payload as { n: number }).n);
      // The stop arrives while the second item is being sent.
      if (worker === 'leaving' && sentBy.leaving?.length === 2) stopping = true;
    };
    const leaving = await deliverDue(
      delivery(database(), { worker: 'leaving', handler: record('leaving'), stopping: () => stopping }),
    );
    expect(leaving).toMatchObject({ claimed: 4, sent: 2 });
    // No lease to wait out: the staying worker, at the same instant, takes the two left.
    const staying = await deliverDue(delivery(database(), { worker: 'staying', handler: record('staying') }));
    expect(staying).toMatchObject({ claimed: 2, sent: 2 });
    expect(sentBy).toEqual({ leaving: [1, 2], staying: [3, 4] });
    expect(await outbox.depth(start)).toEqual({ due: 0, oldestDueSeconds: 0, failed: 0 });
  });

  it('tells how many sends are due and how long the oldest has waited', async () => {
    const outbox = outboxRepo(database().db);
    await outbox.enqueue([
      item(1, new Date(start.getTime() - 90_000)),
      item(2),
      item(3, new Date(start.getTime() + 60_000)),
    ]);
    expect(await outbox.depth(start)).toEqual({ due: 2, oldestDueSeconds: 90, failed: 0 });
  });

  it('hands an abandoned item to another worker once its lease runs out', async () => {
    const outbox = outboxRepo(database().db);
    await outbox.enqueue([item(1)]);
    await outbox.claim({ now: start, limit: 10, leaseMs: 60_000, worker: 'dies' });
    const later = new Date(start.getTime() + 61_000);
    const sent: unknown[] = [];
    const round = await deliverDue(
      delivery(database(), { worker: 'survives', now: () => later, handler: async (i) => void sent.push(i.payload) }),
    );
    expect(round).toMatchObject({ claimed: 1, sent: 1 });
    expect(sent).toEqual([{ n: 1 }]);
    expect(await outbox.markSent(1, 'dies', later)).toBe(false);
    expect(await rows('select claimed_by, sent_at is not null as sent from outbox')).toEqual([
      { claimed_by: 'survives', sent: true },
    ]);
  });

  it('renews a lease only for the worker that still holds it', async () => {
    const outbox = outboxRepo(database().db);
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
    const outbox = outboxRepo(database().db);
    await outbox.enqueue([1, 2, 3, 4].map((n) => item(n)));
    let now = start;
    const sentBy: Record<string, number[]> = { slow: [], other: [] };
    const results: string[] = [];
    const other = delivery(database(), {
      worker: 'other',
      now: () => now,
      handler: async (i) => void sentBy.other?.push((i.payload as { n: number }).n),
    });
    const slow = delivery(database(), {
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

  it('does not make a send whose lease was lost while its item was being prepared', async () => {
    const outbox = outboxRepo(database().db);
    await outbox.enqueue([item(1)]);
    let now = start;
    const sends: string[] = [];
    const takeOver = async () => {
      now = new Date(start.getTime() + 61_000);
      await outbox.claim({ now, limit: 1, leaseMs: 60_000, worker: 'other' });
    };
    const round = await deliverDue(
      delivery(database(), {
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
    expect(await rows('select claimed_by, attempts, last_error, sent_at from outbox')).toEqual([
      { claimed_by: 'other', attempts: 0, last_error: null, sent_at: null },
    ]);
  });
});

describe.runIf(testDatabaseKinds.includes('postgres'))('two replicas on PostgreSQL', () => {
  let first: OpenDatabase;
  let second: OpenDatabase;
  beforeAll(async () => {
    first = await openTestDatabase('postgres');
    second = await openDatabase({
      kind: 'postgres',
      url: process.env.TEST_DATABASE_URL ?? '',
      ...(first.schema ? { schema: first.schema } : {}),
    });
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
    const unsent = await sql<{ n: number }>`select count(*)::int as n from outbox where sent_at is null`.execute(
      first.db,
    );
    expect(unsent.rows).toEqual([{ n: 0 }]);
  });
});
