import { webApi } from '@slack/bolt';
import type { ChatPort } from '../../src/core/chat-port.js';
import { deliveringWith } from '../shared/delivering.js';
import { DomainError } from '../../src/core/errors.js';
import { DeliveryError } from '../../src/core/outbox.js';

// Timed sends go through the outbox, which decides when to retry; these translate Slack's answers
// into what it needs to know: wait this long, never again, or try later.

/** Slack's refusals that no retry will change. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'missing_scope',
  'msg_too_long',
  'invalid_blocks',
  // conversations.open for an introduction, with more people than a group DM holds or too few.
  'too_many_users',
  'not_enough_users',
]);

function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof DomainError) return new DeliveryError(error.code, { permanent: true });
  const coded = error as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (coded?.code === webApi.ErrorCode.RateLimitedError) {
    // Slack's "later", not a failure: waited out without using up the item's attempts.
    return new DeliveryError('rate limited', {
      retryAfterMs: Math.max(1, coded.retryAfter ?? 1) * 1000,
      deferred: true,
    });
  }
  if (coded?.code === webApi.ErrorCode.PlatformError) {
    const reason = coded.data?.error ?? 'unknown';
    return new DeliveryError(reason, PERMANENT.has(reason) ? { permanent: true } : {});
  }
  return new DeliveryError(error instanceof Error ? error.message : String(error));
}

/** A ChatPort whose failures arrive as DeliveryErrors. */
export function delivering(chat: ChatPort): ChatPort {
  return deliveringWith(chat, toDeliveryError);
}

/**
 * How long one Web API call of a timed send may take before it is abandoned (the request is aborted).
 * Far shorter than the outbox lease, which is renewed just before each send, so the lease outlives it.
 */
export const SEND_TIMEOUT_MS = 10_000;

/** Options for the clients that send timed work: no retries of their own, 429s come back to us, and no call outlives its lease. */
export const outboxClientOptions = (slackApiUrl: string) => ({
  slackApiUrl,
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  timeout: SEND_TIMEOUT_MS,
});
