// Keeps sends to one channel under the platform's rate: a token bucket per channel that allows a
// short burst, then one message per interval (Slack asks for about one a second per channel).

export interface PacerOptions {
  burst: number;
  intervalMs: number;
}

export class Pacer {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: PacerOptions,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Takes a slot for `key`; returns how long to wait before using it (0 = now). */
  reserve(key: string): number {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
    const refilled = Math.min(this.options.burst, bucket.tokens + (now - bucket.at) / this.options.intervalMs);
    const tokens = refilled - 1;
    this.buckets.set(key, { tokens, at: now });
    if (this.buckets.size > 10_000) this.forgetIdle(now);
    return tokens >= 0 ? 0 : Math.ceil(-tokens * this.options.intervalMs);
  }

  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at > this.options.intervalMs * this.options.burst) this.buckets.delete(key);
    }
  }
}
