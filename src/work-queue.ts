/**
 * Runs at most `concurrency` tasks at once; the others wait their turn, first come first served.
 * Handling after an acknowledgement goes through one, so that a burst of work already acknowledged
 * cannot crowd the database pool and the event loop that the next acknowledgement needs.
 *
 * The cap is hard: a slow task (a platform rate-limiting us, a slow database) keeps its turn until it
 * ends. Lifting the cap exactly when things are slow is what would pile more work onto them; the
 * work waiting is already stored, and acknowledgements never wait on this queue.
 */
export interface WorkQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks waiting for a turn (not counting those running). */
  readonly waiting: number;
  /** Tasks running now; never more than the concurrency. */
  readonly running: number;
}

export function createWorkQueue(concurrency: number): WorkQueue {
  let running = 0;
  const turns: (() => void)[] = [];
  // A finishing task hands its turn straight to the next waiting one, so `running` stays counted.
  const release = () => {
    const next = turns.shift();
    if (next) next();
    else running--;
  };
  return {
    get waiting() {
      return turns.length;
    },
    get running() {
      return running;
    },
    async run(task) {
      if (running < concurrency) running++;
      else await new Promise<void>((turn) => turns.push(turn));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
