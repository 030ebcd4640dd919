import { sql } from 'kysely';
import type { Executor } from './executor.js';

/** One token bucket: up to `burst` sends at once, then one every `perMs`. */
export interface Bucket {
  key: string;
  burst: number;
  perMs: number;
}

/**
 * Token buckets held in the database, so that every replica draws on the same budget. Each call is
 * one statement on the rows concerned, taken in key order so that two callers never wait on each
 * other in a circle. Time is the database's own clock, the one clock all replicas share, unless a
 * test passes `now`.
 */
export function paceBudgetRepo(db: Executor) {
  const change = async (buckets: readonly Bucket[], delta: -1 | 1, now: Date | undefined) => {
    const unique = [...new Map(buckets.map((bucket) => [bucket.key, bucket])).values()].sort((a, b) =>
      a.key < b.key ? -1 : 1,
    );
    if (!unique.length) return [];
    const rows = sql.join(unique.map((b) => sql`(${b.key}::text, ${b.burst}::float8, ${b.perMs}::float8)`));
    const at = now ? sql`${now}::timestamptz` : sql`clock_timestamp()`;
    // A new bucket starts full. An existing one refills for the time since it was last touched, up to
    // its burst, then gives one token (or gets one back, never past the burst); below zero is a queue of reservations.
    const result = await sql<{ tokens: number; per_ms: number }>`
      insert into pace_budgets as b (key, tokens, burst, per_ms, at)
      select w.key, least(w.burst, w.burst + ${delta}), w.burst, w.per_ms, ${at}
      from (values ${rows}) as w (key, burst, per_ms)
      order by w.key
      on conflict (key) do update set
        tokens = least(excluded.burst, b.tokens + greatest(0, extract(epoch from excluded.at - b.at)::float8 * 1000) / excluded.per_ms + ${Math.max(delta, 0)})
          + ${Math.min(delta, 0)},
        burst = excluded.burst,
        per_ms = excluded.per_ms,
        at = greatest(b.at, excluded.at)
      returning b.tokens, b.per_ms`.execute(db);
    return result.rows.map((row) => ({ tokens: Number(row.tokens), perMs: Number(row.per_ms) }));
  };

  return {
    /** Takes one token from every bucket; resolves to how long to wait, in ms, before sending (0: now). */
    async take(buckets: readonly Bucket[], now?: Date): Promise<number> {
      const after = await change(buckets, -1, now);
      return Math.max(0, ...after.map((bucket) => (bucket.tokens >= 0 ? 0 : Math.ceil(-bucket.tokens * bucket.perMs))));
    },

    /** Returns the tokens a send took and then did not use (it was put off), so that it keeps its place for later. */
    async giveBack(buckets: readonly Bucket[], now?: Date): Promise<void> {
      await change(buckets, 1, now);
    },
  };
}

export type PaceBudgetRepo = ReturnType<typeof paceBudgetRepo>;
