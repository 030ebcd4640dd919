import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DeliveryError, MAX_ATTEMPTS, type NewOutboxItem } from '../../src/core/outbox.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { deliverDue } from '../../src/scheduler/deliver.js';
import { Paced } from '../../src/scheduler/pacer.js';
import { capturingLog } from '../helpers/driver.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { delivery, item, start } from '../helpers/outbox-delivery.js';

// How an outbox item is sent: back-off and giving up, dry runs, pacing, 429s, and sends side by side
// or in order.

describe.each(testDatabaseKinds)('outbox sends and retries on %s', (kind) => {
  const database = useTestDatabase(kind);
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database().db)
      .then((r) => r.rows);

  it('backs off after errors, honours Retry-After, gives up keeping the error, and sends nothing twice', async () => {
    await outboxRepo(database().db).enqueue([item(1)]);
    let now = start;
    const answers: (Error | null)[] = [
      new Error('HTTP 500'),
      new DeliveryError('HTTP 503', { retryAfterMs: 7000 }),
      null,
    ];
    let calls = 0;
    const d = delivery(database(), {
      now: () => now,
      handler: async () => {
        calls++;
        const answer = answers.shift();
        if (answer) throw answer;
      },
    });
    await deliverDue(d);
    const [afterError] = await rows(
      `select attempts, last_error, extract(epoch from due_at - '${start.toISOString()}'::timestamptz)::int as wait from outbox`,
    );
    expect(afterError).toEqual({ attempts: 1, last_error: 'Error: HTTP 500', wait: 23 });

    expect((await deliverDue(d)).claimed).toBe(0);
    now = new Date(start.getTime() + 23_000);
    await deliverDue(d);
    expect(
      await rows(
        `select attempts, extract(epoch from due_at - '${now.toISOString()}'::timestamptz)::int as wait from outbox`,
      ),
    ).toEqual([{ attempts: 2, wait: 7 }]);

    now = new Date(now.getTime() + 7000);
    expect(await deliverDue(d)).toMatchObject({ sent: 1 });
    now = new Date(now.getTime() + 3_600_000);
    expect((await deliverDue(d)).claimed).toBe(0);
    expect(calls).toBe(3);
  });

  it('records the final error for the operator, with a log line', async () => {
    await outboxRepo(database().db).enqueue([item(1)]);
    let now = start;
    const log = capturingLog();
    const results: string[] = [];
    const d = delivery(database(), {
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
    await outboxRepo(database().db).enqueue([item(1)]);
    let calls = 0;
    await deliverDue(delivery(database(), { dryRun: true, handler: async () => void calls++ }));
    expect(calls).toBe(0);
    expect(await rows('select dry_run, sent_at is not null as settled from outbox')).toEqual([
      { dry_run: true, settled: true },
    ]);
  });

  it('puts off, without counting an attempt, a send the pacing budget has no room for', async () => {
    await outboxRepo(database().db).enqueue([1, 2, 3].map((n) => item(n)));
    const sent: number[] = [];
    const results: string[] = [];
    const round = await deliverDue(
      delivery(database(), {
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
    expect(
      await rows(
        `select key, attempts, last_error, extract(epoch from due_at - '${start.toISOString()}'::timestamptz)::int as wait from outbox where sent_at is null`,
      ),
    ).toEqual([{ key: 'test:2', attempts: 0, last_error: 'paced', wait: 4 }]);
  });

  it("waits out a platform's 429s, however many, without using up the item's attempts", async () => {
    await outboxRepo(database().db).enqueue([item(1)]);
    let now = start;
    let refusals = MAX_ATTEMPTS + 2;
    const d = delivery(database(), {
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
    const outbox = outboxRepo(database().db);
    const toPerson = (n: number): NewOutboxItem => ({
      workspaceId: null,
      memberId: null,
      kind: 'nudge',
      key: `nudge:${n}`,
      dueAt: start,
      payload: { n },
    });
    const members = await sql<{ id: number }>`
      with w as (insert into workspaces (platform, external_id, time_zone) values ('slack', 'TLANES', 'UTC') returning id)
      insert into members (workspace_id, external_id, display_name) select w.id, 'U' || n, 'T' || n from w, generate_series(1, 6) as n returning id`.execute(
      database().db,
    );
    await outbox.enqueue([
      ...members.rows.map((m, n) => ({ ...toPerson(n), memberId: m.id })),
      item(1),
      item(2),
      item(3),
    ]);
    // The first three nudges wait for each other: with fewer than three lanes this round would never end.
    let waiting = 0;
    let release: () => void = () => {};
    const allThree = new Promise<void>((done) => (release = done));
    const nudges: number[] = [];
    const inOrder: number[] = [];
    let ordered = 0;
    let orderedAtOnce = 0;
    const round = await deliverDue(
      delivery(database(), {
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
});
