/**
 * Runs at most `concurrency` tasks at once; the others wait their turn, first come first served.
 * Handling after an acknowledgement goes through one, so that a burst of work already acknowledged
 * cannot crowd the database pool and the event loop that the next acknowledgement needs.
 *
 * A task still running after `releaseAfterMs` (one waiting on a rate-limited platform call, say)
 * gives up its turn and carries on outside the limit: it is no longer what crowds the machine, and
 * the tasks behind it must not wait on it.
 */
export interface WorkQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks waiting for a turn (not counting those running). */
  readonly waiting: number;
}

export function createWorkQueue(concurrency: number, releaseAfterMs = 1000): WorkQueue {
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
    async run(task) {
      if (running < concurrency) running++;
      else await new Promise<void>((turn) => turns.push(turn));
      let released = false;
      const giveUp = () => {
        if (released) return;
        released = true;
        release();
      };
      const timer = setTimeout(giveUp, releaseAfterMs).unref();
      try {
        return await task();
      } finally {
        clearTimeout(timer);
        giveUp();
      }
    },
  };
}
