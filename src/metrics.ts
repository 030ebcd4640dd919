import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ChatPort } from './core/chat-port.js';

// What operators watch, served at GET /metrics in Prometheus' text format. One registry per process,
// made by main.ts, so tests can make their own.

export interface Metrics {
  registry: Registry;
  interactions: Counter<'platform' | 'kind' | 'outcome'>;
  /** Seconds from an interaction reaching the core to its answer being sent. */
  interactionSeconds: Histogram<'platform' | 'kind'>;
  outboxDeliveries: Counter<'kind' | 'result'>;
  /** Timed sends through each platform, as the platform answered. */
  sends: Counter<'platform' | 'result'>;
  /** Seconds between an item falling due and its being sent. */
  deliveryLag: Histogram<'kind'>;
  /** Teams personal chats refused (the person blocked the bot): recorded at the 403, skipped for each send not tried since. */
  personalChatsRefused: Counter<'event'>;
  /** When the minute tick last planned, as a Unix time: a stale value means no replica is planning. */
  lastPlanned: Gauge;
  /** Reads how many acknowledged interactions wait for their turn to be handled, at each scrape. */
  watchHandling(read: () => number): void;
  /** Reads the outbox figures at each scrape. */
  watchOutbox(read: () => Promise<{ due: number; oldestDueSeconds: number; failed: number }>): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mentor_circle_' });
  let readOutbox: (() => Promise<{ due: number; oldestDueSeconds: number; failed: number }>) | undefined;
  let readHandling: (() => number) | undefined;
  new Gauge({
    name: 'mentor_circle_handling_waiting',
    help: 'Interactions acknowledged and stored but still waiting for their turn to be handled.',
    registers: [registry],
    collect() {
      this.set(readHandling?.() ?? 0);
    },
  });
  // One read per scrape serves all three gauges.
  let reading: Promise<{ due: number; oldestDueSeconds: number; failed: number } | null> | undefined;
  const outboxFigures = () => {
    reading ??= (readOutbox?.() ?? Promise.resolve(null))
      .catch(() => null)
      .finally(() => setTimeout(() => (reading = undefined), 0));
    return reading;
  };
  const outboxGauge = (
    name: string,
    help: string,
    pick: (f: { due: number; oldestDueSeconds: number; failed: number }) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const figures = await outboxFigures();
        if (figures) this.set(pick(figures));
      },
    });
  outboxGauge('mentor_circle_outbox_due', 'Timed sends due now and not yet sent.', (f) => f.due);
  outboxGauge(
    'mentor_circle_outbox_oldest_due_seconds',
    'How long the oldest unsent due item has waited.',
    (f) => f.oldestDueSeconds,
  );
  outboxGauge(
    'mentor_circle_outbox_failed',
    'Outbox rows that gave up; each keeps its error for the operator.',
    (f) => f.failed,
  );
  return {
    registry,
    interactions: new Counter({
      name: 'mentor_circle_interactions_total',
      help: 'Commands, thread replies, button presses and forms handled, by platform, kind and outcome (handled, refused, failed, duplicate).',
      labelNames: ['platform', 'kind', 'outcome'],
      registers: [registry],
    }),
    interactionSeconds: new Histogram({
      name: 'mentor_circle_interaction_seconds',
      help: 'Time to handle an interaction, answer included.',
      labelNames: ['platform', 'kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    outboxDeliveries: new Counter({
      name: 'mentor_circle_outbox_deliveries_total',
      help: 'Timed sends by kind and result: sent, retried, paced (put off to keep under a platform rate, not a failed attempt), failed (gave up; the outbox row keeps the error), lease-lost (left to the replica that took it over) or dry-run.',
      labelNames: ['kind', 'result'],
      registers: [registry],
    }),
    sends: new Counter({
      name: 'mentor_circle_sends_total',
      help: 'Timed messages sent through each platform, by result (ok or error).',
      labelNames: ['platform', 'result'],
      registers: [registry],
    }),
    deliveryLag: new Histogram({
      name: 'mentor_circle_outbox_delivery_lag_seconds',
      help: 'Seconds from a timed send falling due to its being sent.',
      labelNames: ['kind'],
      buckets: [1, 5, 10, 30, 60, 120, 300, 900, 3600],
      registers: [registry],
    }),
    personalChatsRefused: new Counter({
      name: 'mentor_circle_teams_personal_chats_refused_total',
      help: 'Teams personal chats refused because the person blocked the bot: recorded (Teams answered 403) or skipped (a send not tried since, until they write to the bot).',
      labelNames: ['event'],
      registers: [registry],
    }),
    lastPlanned: new Gauge({
      name: 'mentor_circle_scheduler_last_planned_timestamp_seconds',
      help: 'When this process last ran the minute tick (Unix time); it plans only in the minutes it is elected.',
      registers: [registry],
    }),
    watchHandling(read) {
      readHandling = read;
    },
    watchOutbox(read) {
      readOutbox = read;
    },
  };
}

const SENDING = new Set<string>([
  'post',
  'reply',
  'update',
  'ephemeral',
  'dm',
  'introduce',
  'openForm',
  'publishHome',
  'sendFiles',
]);

/** The same ChatPort, counting each message it sends by result. */
export function countedSends(chat: ChatPort, count: (result: 'ok' | 'error') => void): ChatPort {
  return new Proxy(chat, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !SENDING.has(String(property))) return value;
      return async (...args: unknown[]) => {
        try {
          const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
          count('ok');
          return result;
        } catch (error) {
          count('error');
          throw error;
        }
      };
    },
  });
}
