import { DeliveryError } from '../core/outbox.js';
import type { Platform } from '../core/model.js';
import type { Bucket, PaceBudgetRepo } from '../db/repositories/pace-budgets.js';

// Every message a timed send posts is paced against two budgets held in the database, so they hold
// across replicas: one for the place it goes to (a channel, a person) and one for the whole workspace.
//
// The platforms' documented limits:
// - Slack, https://api.slack.com/docs/rate-limits: chat.postMessage "generally allows posting one
//   message per second per channel, while also maintaining a workspace-wide limit"; posting messages,
//   "1 per second, short bursts >1 allowed". The workspace-wide limit is given only as "several
//   hundred messages per minute" in chat.postMessage's own page. A district needs 10,000 nudges on
//   one slot within 15 minutes (about 670 a minute), so we keep to 750 a minute (one every 80 ms,
//   bursts of 10: never more than 760 in any minute). A 429 beyond any of this is still honoured
//   with its Retry-After.
// - Microsoft Teams, https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit: per
//   bot per conversation 7 operations a second, 8 in 2 s, 60 in 30 s, 1,800 in an hour; per app per
//   tenant about 30 requests a second for all of it (sends, roster reads, new personal chats). A
//   burst of 7 then one every 2.01 s keeps to all four conversation limits, the hour's included
//   (7 + 3600/2.01 < 1,800). For the tenant, a burst of 5 then one every 45 ms never makes more than
//   27 in any second: the rest is left to answers within a turn, roster reads and new chats, and to
//   the jitter between reserving a moment here and the request reaching Teams.
// - The console has no limits.

interface Limits {
  /** A channel, or one person's direct messages. */
  place: Omit<Bucket, 'key'>;
  workspace: Omit<Bucket, 'key'>;
}

export const PLATFORM_LIMITS: Record<Platform, Limits | null> = {
  slack: { place: { burst: 3, perMs: 1100 }, workspace: { burst: 10, perMs: 80 } },
  teams: { place: { burst: 7, perMs: 2010 }, workspace: { burst: 5, perMs: 45 } },
  console: null,
};

/**
 * Look-ups of a person's status (Slack users.info, "Tier 4": 100+ a minute per workspace, shared with
 * every other users.info the bot makes: names and admin flags on interactions, roles), made only for a
 * status never heard or not heard for a day, since status changes arrive as events. They take at most
 * 5 at once, then one every 2 s (30 a minute), under a third of the method's budget, in one bucket per
 * workspace that every replica shares. A look-up never waits for the bucket: without a token the
 * nudge goes by the status kept. Teams has no away status.
 */
/**
 * Files and introductions go through a conversation the platform opens first (a direct message, a
 * group DM of the two people introduced): Slack's conversations.open is Tier 3, about 50 a minute per
 * workspace; we keep to 30, the rest left to answers. Teams keeps files behind links of our own and
 * introduces people in their personal chats, whose opening is paced by the adapter.
 */
export const OPENING_LIMITS: Record<Platform, (Omit<Bucket, 'key'> & { method: string }) | null> = {
  slack: { method: 'conversations.open', burst: 3, perMs: 2000 },
  teams: null,
  console: null,
};

export const LOOKUP_LIMITS: Record<Platform, (Omit<Bucket, 'key'> & { method: string }) | null> = {
  slack: { method: 'users.info', burst: 5, perMs: 2000 },
  teams: null,
  console: null,
};

/** The bucket of one method's calls in a workspace (status look-ups, opening a chat for a file or an introduction); its key names the method, so no channel or person (C…, D…, @U…) shares it. */
export function lookupBucketFor(
  platform: Platform,
  workspace: string,
  limits: Record<Platform, (Omit<Bucket, 'key'> & { method: string }) | null> = LOOKUP_LIMITS,
): Bucket[] {
  const limit = limits[platform];
  return limit ? [{ key: `${platform}:${workspace}:${limit.method}`, burst: limit.burst, perMs: limit.perMs }] : [];
}

/** The sustained rate of a platform's workspace budget, in messages a second; null when it has none. */
export function sendsPerSecond(platform: Platform, limits = PLATFORM_LIMITS): number | null {
  const limit = limits[platform];
  return limit ? 1000 / limit.workspace.perMs : null;
}

/**
 * A wait longer than this is not waited out: the send gives its tokens back and the item is put off
 * until the budget has room. Short, because a waiting send holds up the rest of its lane.
 */
const MAX_PACING_WAIT_MS = 3000;

/** The send was put off to keep under the platform's rate: not a failed attempt. */
export class Paced extends DeliveryError {
  constructor(waitMs: number) {
    super('paced', { retryAfterMs: waitMs, deferred: true });
  }
}

export function bucketsFor(platform: Platform, workspace: string, place: string, limits = PLATFORM_LIMITS): Bucket[] {
  const limit = limits[platform];
  if (!limit) return [];
  return [
    ...workspaceBucketFor(platform, workspace, limits),
    { key: `${platform}:${workspace}:${place}`, ...limit.place },
  ];
}

/** The whole workspace's budget alone: for a request to the platform that goes to no channel or person yet (opening a chat). */
export function workspaceBucketFor(platform: Platform, workspace: string, limits = PLATFORM_LIMITS): Bucket[] {
  const limit = limits[platform];
  return limit ? [{ key: `${platform}:${workspace}`, ...limit.workspace }] : [];
}

export interface PaceOptions {
  budget: Pick<PaceBudgetRepo, 'take' | 'giveBack'>;
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Takes a token from each of `buckets` if they have one now (true); never waits, and takes nothing when they have none (false). */
export async function tryTake(buckets: Bucket[], budget: PaceOptions['budget']): Promise<boolean> {
  if (!buckets.length) return true;
  if ((await budget.take(buckets)) === 0) return true;
  await budget.giveBack(buckets);
  return false;
}

/** Waits until `buckets` have room for one send, or throws Paced (its tokens given back) when that is too far off. */
export async function pace(buckets: Bucket[], options: PaceOptions): Promise<void> {
  if (!buckets.length) return;
  const wait = await options.budget.take(buckets);
  if (wait > (options.maxWaitMs ?? MAX_PACING_WAIT_MS)) {
    await options.budget.giveBack(buckets);
    throw new Paced(wait);
  }
  if (wait > 0) await (options.sleep ?? sleep)(wait);
}
