import { describe, expect, it } from 'vitest';
import { createWorkQueue } from '../../src/work-queue.js';

/** A task that finishes only when the test says so. */
function gate<T>(value: T) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, task: async () => (await opened, value) };
}

const settle = () => new Promise((done) => setImmediate(done));

describe('work queue', () => {
  it('runs no more than its concurrency at once, and the rest in the order they came', async () => {
    const queue = createWorkQueue(2);
    const started: number[] = [];
    const gates = [0, 1, 2, 3, 4].map((n) => gate(n));
    const results = gates.map((g, n) => queue.run(() => (started.push(n), g.task())));
    await settle();
    expect(started).toEqual([0, 1]);
    expect(queue.waiting).toBe(3);

    gates[1]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(queue.waiting).toBe(1);

    for (const g of gates) g.open();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect(queue.waiting).toBe(0);
  });

  it("gives a failed task's turn to the next one, and hands the failure to its caller", async () => {
    const queue = createWorkQueue(1);
    const failing = queue.run(async () => {
      throw new Error('broken');
    });
    const next = queue.run(async () => 'ran');
    await expect(failing).rejects.toThrow('broken');
    expect(await next).toBe('ran');
  });

  it('starts at once again once everything has finished', async () => {
    const queue = createWorkQueue(1);
    await queue.run(async () => 1);
    let ran = false;
    const again = queue.run(async () => (ran = true));
    expect(ran).toBe(true);
    await again;
  });
});

describe('work queue with a slow task', () => {
  it('keeps the cap while a task is slow: nothing else starts until it ends', async () => {
    const queue = createWorkQueue(1);
    const slow = gate('slow');
    const started: string[] = [];
    const first = queue.run(() => (started.push('slow'), slow.task()));
    const second = queue.run(async () => (started.push('second'), 'second'));
    // However many turns of the event loop pass, the second waits: the cap is never lifted.
    for (let i = 0; i < 20; i++) await settle();
    expect(started).toEqual(['slow']);
    expect(queue.running).toBe(1);
    expect(queue.waiting).toBe(1);
    slow.open();
    expect(await first).toBe('slow');
    expect(await second).toBe('second');
    expect(started).toEqual(['slow', 'second']);
    expect(queue.running).toBe(0);
  });
});
