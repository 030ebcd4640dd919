import cron from 'node-cron';
import type { Logger } from 'pino';
import type { RunCoordinator } from './coordinator.js';
import type { DeliveryRound } from './deliver.js';

export interface SchedulerOptions {
  /** The minute tick: plans what has become due. */
  plan: () => Promise<unknown>;
  /** Housekeeping once a night at 03:00 UTC, on one replica (the data clean-up). Not a send, so not in the outbox. */
  nightly?: () => Promise<unknown>;
  /** One delivery round; it hands back what it claimed but has not started once `stopping` says so. */
  deliver: (stopping: () => boolean) => Promise<DeliveryRound>;
  coordinator: RunCoordinator;
  /**
   * Delivery polls at least this often: keep it at 5 s or less, so a message that comes due goes out
   * within seconds on every copy (the README's "Timed work and running several copies").
   */
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
  const cronOptions = (name: string) => ({
    name,
    distributed: true,
    runCoordinator: options.coordinator,
    noOverlap: true,
    logger: {
      info: (message: string) => log.debug({ component: 'node-cron' }, message),
      warn: (message: string) => log.warn({ component: 'node-cron' }, message),
      error: (message: string | Error, err?: Error) =>
        log.error({ component: 'node-cron', err: err ?? message }, String(message)),
      debug: (message: string) => log.debug({ component: 'node-cron' }, String(message)),
    },
  });
  const task = cron.schedule('* * * * *', plan, cronOptions('mentor-circle-plan'));
  const nightly = options.nightly;
  const night = nightly
    ? cron.schedule(
        '0 3 * * *',
        async () => {
          try {
            await nightly();
          } catch (error) {
            log.error({ err: error }, 'the nightly clean-up failed; it runs again tomorrow');
          }
        },
        { ...cronOptions('mentor-circle-nightly'), timezone: 'UTC' },
      )
    : undefined;

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
      await night?.stop();
      wake?.();
      await loop;
    },
  };
}
