/**
 * Runs at most `concurrency` tasks at once; the others wait their turn, first come first served.
 * Handling after an acknowledgement goes through one, so that a burst of work already acknowledged
 * cannot crowd the database pool and the event loop that the next acknowledgement needs.
 */
export interface WorkQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks waiting for a turn (not counting those running). */
  readonly waiting: number;
}

export function createWorkQueue(concurrency: number): WorkQueue {
  let running = 0;
  const turns: (() => void)[] = [];
  return {
    get waiting() {
      return turns.length;
    },
    async run(task) {
      if (running < concurrency) running++;
      // A finishing task hands its turn straight to the next waiting one, so `running` stays counted.
      else await new Promise<void>((turn) => turns.push(turn));
      try {
        return await task();
      } finally {
        const next = turns.shift();
        if (next) next();
        else running--;
      }
    },
  };
}
