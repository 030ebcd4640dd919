import { describe, expect, it } from 'vitest';
import { retryAfterMs, toDeliveryError } from '../../adapters/teams/delivery.js';
import { DomainError } from '../../src/core/errors.js';

describe('Bot Connector failures for the outbox', () => {
  const failing = (status: number, headers: Record<string, string> = {}) => ({ statusCode: status, response: { status, headers: { get: (name: string) => headers[name] } } });

  it('waits exactly the Retry-After of a 429, in seconds or as a date', () => {
    expect(toDeliveryError(failing(429, { 'retry-after': '7' })).failure).toEqual({ retryAfterMs: 7000 });
    const now = Date.parse('2026-03-03T15:00:00Z');
    expect(retryAfterMs('Tue, 03 Mar 2026 15:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(undefined)).toBe(1000);
    expect(retryAfterMs('soon')).toBe(1000);
  });

  it('tries a 5xx again later and gives up on refusals no retry changes', () => {
    expect(toDeliveryError(failing(502)).failure).toEqual({});
    expect(toDeliveryError(failing(503, { 'retry-after': '2' })).failure).toEqual({ retryAfterMs: 2000 });
    for (const status of [401, 403, 404]) expect(toDeliveryError(failing(status)).failure).toEqual({ permanent: true });
    expect(toDeliveryError(new DomainError('NotInChannel', 'x')).failure).toEqual({ permanent: true });
    expect(toDeliveryError(new Error('socket hang up'))).toMatchObject({ message: 'socket hang up', failure: {} });
  });
});
