import cron from 'node-cron';
import type { Logger } from 'pino';
import type { RunCoordinator } from './coordinator.js';
import type { DeliveryRound } from './deliver.js';

export interface SchedulerOptions {
  /** The minute tick: plans what has become due. */
  plan: () => Promise<unknown>;
  /** One delivery round; it hands back what it claimed but has not started once `stopping` says so. */
  deliver: (stopping: () => boolean) => Promise<DeliveryRound>;
  coordinator: RunCoordinator;
  /** Delivery polls at least this often (DESIGN asks for 5 s or less). */
  pollMs: number;
  batchSize: number;
  /** With a test clock, time jumps whenever a test moves it: plan on every poll, not just each minute. */
  planEveryPoll?: boolean;
  log: Logger;
}

export interface RunningScheduler {
  stop(): Promise<void>;
}

/**
 * One node-cron task a minute, elected across replicas, plans; a delivery loop polls the outbox and
 * goes straight on while it finds full batches.
 */
export function startScheduler(options: SchedulerOptions): RunningScheduler {
  const { log } = options;
  const plan = async () => {
    try {
      const planned = await options.plan();
      log.debug({ planned }, 'planned');
    } catch (error) {
      log.error({ err: error }, 'planning failed; the next tick tries again');
    }
  };
  const task = cron.schedule(
    '* * * * *',
    plan,
    {
      name: 'mentor-circle-plan',
      distributed: true,
      runCoordinator: options.coordinator,
      noOverlap: true,
      logger: {
        info: (message) => log.debug({ component: 'node-cron' }, message),
        warn: (message) => log.warn({ component: 'node-cron' }, message),
        error: (message, err) => log.error({ component: 'node-cron', err: err ?? message }, String(message)),
        debug: (message) => log.debug({ component: 'node-cron' }, String(message)),
      },
    },
  );

  let stopped = false;
  let wake: (() => void) | undefined;
  const pause = () =>
    new Promise<void>((done) => {
      const timer = setTimeout(done, options.pollMs);
      wake = () => {
        clearTimeout(timer);
        done();
      };
    });
  const loop = (async () => {
    while (!stopped) {
      if (options.planEveryPoll) await plan();
      let full = false;
      try {
        const round = await options.deliver(() => stopped);
        full = round.claimed >= options.batchSize;
      } catch (error) {
        log.error({ err: error }, 'delivery round failed; trying again shortly');
      }
      if (!full && !stopped) await pause();
    }
  })();

  return {
    async stop() {
      stopped = true;
      await task.stop();
      wake?.();
      await loop;
    },
  };
}
