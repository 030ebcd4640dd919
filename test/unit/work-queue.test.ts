import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('gives a failed task\'s turn to the next one, and hands the failure to its caller', async () => {
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
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets the next task start once a running one has taken longer than its turn, and still hands on one turn only', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const queue = createWorkQueue(1, 1000);
    const slow = gate('slow');
    const started: string[] = [];
    const first = queue.run(() => (started.push('slow'), slow.task()));
    const second = queue.run(async () => (started.push('second'), 'second'));
    const third = gate('third');
    const thirdDone = queue.run(() => (started.push('third'), third.task()));
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toEqual(['slow']);

    await vi.advanceTimersByTimeAsync(1);
    expect(await second).toBe('second');
    expect(started).toEqual(['slow', 'second', 'third']);

    // The slow task finishing later gives back nothing more: the third still holds the one turn.
    const fourth = queue.run(async () => (started.push('fourth'), 'fourth'));
    slow.open();
    expect(await first).toBe('slow');
    await settle();
    expect(started).toEqual(['slow', 'second', 'third']);
    expect(queue.waiting).toBe(1);
    third.open();
    expect(await thirdDone).toBe('third');
    expect(await fourth).toBe('fourth');
  });
});
