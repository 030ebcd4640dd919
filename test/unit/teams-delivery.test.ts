import { describe, expect, it } from 'vitest';
import { retryAfterMs, toDeliveryError } from '../../adapters/teams/delivery.js';
import { DomainError } from '../../src/core/errors.js';
import { PLATFORM_LIMITS } from '../../src/scheduler/pacer.js';
import { createMetrics } from '../../src/metrics.js';

describe('Bot Connector failures for the outbox', () => {
  const failing = (status: number, headers: Record<string, string> = {}) => ({
    statusCode: status,
    response: { status, headers: { get: (name: string) => headers[name] } },
  });

  it('waits exactly the Retry-After of a 429, in seconds or as a date', () => {
    expect(toDeliveryError(failing(429, { 'retry-after': '7' })).failure).toEqual({
      retryAfterMs: 7000,
      deferred: true,
    });
    const now = Date.parse('2026-03-03T15:00:00Z');
    expect(retryAfterMs('Tue, 03 Mar 2026 15:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(undefined)).toBe(1000);
    expect(retryAfterMs('soon')).toBe(1000);
  });

  it('tries a 5xx again later and gives up on refusals no retry changes', () => {
    expect(toDeliveryError(failing(502)).failure).toEqual({});
    // Teams names 412, 502 and 504 as worth retrying, as 429 is, after their Retry-After when given.
    for (const status of [412, 502, 504]) {
      expect(toDeliveryError(failing(status)).failure).toEqual({});
      expect(toDeliveryError(failing(status, { 'retry-after': '4' })).failure).toEqual({ retryAfterMs: 4000 });
    }
    expect(toDeliveryError(failing(503, { 'retry-after': '2' })).failure).toEqual({ retryAfterMs: 2000 });
    for (const status of [401, 403, 404]) expect(toDeliveryError(failing(status)).failure).toEqual({ permanent: true });
    expect(toDeliveryError(new DomainError('NotInChannel', 'x')).failure).toEqual({ permanent: true });
    expect(toDeliveryError(new Error('socket hang up'))).toMatchObject({ message: 'socket hang up', failure: {} });
  });
});

describe('Teams pacing budgets', () => {
  /** The most sends a token bucket lets through in any window of `ms`: its burst, then one per refill. */
  const most = (bucket: { burst: number; perMs: number }, ms: number) => bucket.burst + Math.floor(ms / bucket.perMs);

  it('keep each conversation within 7 a second, 8 in 2 s, 60 in 30 s and 1,800 an hour, and a tenant within 30 a second', () => {
    const teams = PLATFORM_LIMITS.teams;
    if (!teams) throw new Error('Teams has limits');
    expect(most(teams.place, 1000)).toBeLessThanOrEqual(7);
    expect(most(teams.place, 2000)).toBeLessThanOrEqual(8);
    expect(most(teams.place, 30_000)).toBeLessThanOrEqual(60);
    expect(most(teams.place, 3_600_000)).toBeLessThanOrEqual(1800);
    expect(most(teams.workspace, 1000)).toBeLessThanOrEqual(30);
    // Not so tight that a district's nudges cannot go out: 10,000 in 10 minutes needs about 17 a second.
    expect(1000 / teams.workspace.perMs).toBeGreaterThanOrEqual(20);
  });
});

describe('Teams refusals in the metrics', () => {
  it('counts personal chats refused, recorded and skipped, for Prometheus', async () => {
    const metrics = createMetrics();
    metrics.personalChatsRefused.inc({ event: 'recorded' });
    metrics.personalChatsRefused.inc({ event: 'skipped' });
    metrics.personalChatsRefused.inc({ event: 'skipped' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('mentor_circle_teams_personal_chats_refused_total{event="recorded"} 1');
    expect(text).toContain('mentor_circle_teams_personal_chats_refused_total{event="skipped"} 2');
  });
});
