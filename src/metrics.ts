import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

// What operators watch, served at GET /metrics in Prometheus' text format. One registry per process,
// made by main.ts, so tests can make their own.

export interface Metrics {
  registry: Registry;
  outboxDeliveries: Counter<'kind' | 'result'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mentor_circle_' });
  return {
    registry,
    outboxDeliveries: new Counter({
      name: 'mentor_circle_outbox_deliveries_total',
      help: 'Timed sends by kind and result: sent, retried, failed (gave up; the outbox row keeps the error) or dry-run.',
      labelNames: ['kind', 'result'],
      registers: [registry],
    }),
  };
}
