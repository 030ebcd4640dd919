import type { ChatPort } from '../../src/core/chat-port.js';
import { deliveringWith } from '../shared/delivering.js';
import { DomainError } from '../../src/core/errors.js';
import { DeliveryError } from '../../src/core/outbox.js';

// Timed sends go through the outbox, which decides when to retry; these translate the Bot Connector's
// answers into what it needs to know: wait this long, never again, or try later.

/** Statuses no retry will change: the bot was removed, the conversation is gone, the card is refused. */
const PERMANENT = new Set([400, 401, 403, 404, 410, 413]);
/**
 * Statuses Teams says to retry (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit:
 * "in addition to retrying error code 429, you must also retry error codes 412, 502, and 504"),
 * after their Retry-After when they give one.
 */
const TRANSIENT = new Set([412, 429, 502, 504]);

interface ConnectorFailure {
  statusCode?: number;
  code?: string;
  response?: { status?: number; headers?: { get?(name: string): string | undefined } | Record<string, string> };
}

function header(failure: ConnectorFailure, name: string): string | undefined {
  const headers = failure.response?.headers;
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds; 1 s when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number {
  if (!value) return 1000;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(1, seconds) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? 1000 : Math.max(1000, at - now);
}

/** The HTTP status the Bot Connector answered a failed request with, if it answered. */
export function statusOf(error: unknown): number | undefined {
  const failure = (error ?? {}) as ConnectorFailure;
  return failure.statusCode ?? failure.response?.status;
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof DomainError) return new DeliveryError(error.code, { permanent: true });
  const failure = (error ?? {}) as ConnectorFailure;
  const status = statusOf(error);
  // Teams' "later", not a failure: waited out without using up the item's attempts.
  if (status === 429)
    return new DeliveryError('rate limited', {
      retryAfterMs: retryAfterMs(header(failure, 'retry-after')),
      deferred: true,
    });
  if (status !== undefined && (status >= 500 || TRANSIENT.has(status))) {
    const after = header(failure, 'retry-after');
    return new DeliveryError(
      `the Bot Connector answered ${status}`,
      after ? { retryAfterMs: retryAfterMs(after) } : {},
    );
  }
  if (status !== undefined && PERMANENT.has(status))
    return new DeliveryError(`the Bot Connector refused it (${status})`, { permanent: true });
  return new DeliveryError(error instanceof Error ? error.message : String(error));
}

/**
 * How long one send through the Bot Connector may take before the delivery gives up on it: far
 * shorter than the outbox lease, which is renewed just before each send, so the lease outlives it.
 * The connector's request itself is not aborted (its client is built inside botbuilder), so a send
 * answered after this may still land; it is retried like any failure, as a send whose answer was lost.
 */
export const SEND_TIMEOUT_MS = 10_000;

function bounded<A extends unknown[], R>(send: (...args: A) => Promise<R>, timeoutMs: number) {
  return (...args: A): Promise<R> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, fail) => {
      timer = setTimeout(
        () => fail(new DeliveryError(`the Bot Connector did not answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    return Promise.race([send(...args), late]).finally(() => clearTimeout(timer));
  };
}

/** The same ChatPort, each of its calls given up after `timeoutMs`. */
export function withTimeout(chat: ChatPort, timeoutMs = SEND_TIMEOUT_MS): ChatPort {
  const timed: ChatPort = {
    post: bounded(chat.post.bind(chat), timeoutMs),
    reply: bounded(chat.reply.bind(chat), timeoutMs),
    update: bounded(chat.update.bind(chat), timeoutMs),
    ephemeral: bounded(chat.ephemeral.bind(chat), timeoutMs),
    dm: bounded(chat.dm.bind(chat), timeoutMs),
    introduce: bounded(chat.introduce.bind(chat), timeoutMs),
    openForm: bounded(chat.openForm.bind(chat), timeoutMs),
    publishHome: bounded(chat.publishHome.bind(chat), timeoutMs),
  };
  if (chat.sendFiles) timed.sendFiles = bounded(chat.sendFiles.bind(chat), timeoutMs);
  if (chat.awayStatus) timed.awayStatus = bounded(chat.awayStatus.bind(chat), timeoutMs);
  return timed;
}

/** A ChatPort whose failures arrive as DeliveryErrors, and whose sends never outlive their lease. */
export function delivering(chat: ChatPort): ChatPort {
  return deliveringWith(withTimeout(chat), toDeliveryError);
}
