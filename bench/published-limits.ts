// The platforms' published rate limits, as the district benchmark's fakes enforce them: a request
// past any of them is answered 429 with a Retry-After, as Slack and Teams do.
//
// Slack (https://api.slack.com/docs/rate-limits): chat.postMessage about one message a second per
// channel with short bursts (read here as at most 12 in any 10 s) and "several hundred a minute" per
// workspace (read here as 800 in any minute); users.info Tier 4, about 100 a minute; and
// conversations.open Tier 3, about 50 a minute.
// Teams (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit): per
// conversation 7 a second, 8 in 2 s and 60 in 30 s; per app per tenant about 30 requests a second.

interface Window {
  max: number;
  ms: number;
}

/** Counts requests per key over rolling windows; a request that would go past a window is refused. */
export class RollingLimits {
  private readonly hits = new Map<string, number[]>();
  refused = 0;

  /** Records the request and returns null, or returns the seconds to wait (Retry-After) and records nothing. */
  take(keys: { key: string; windows: Window[] }[], now = Date.now()): number | null {
    let waitMs = 0;
    for (const { key, windows } of keys) {
      const times = this.hits.get(key) ?? [];
      const longest = Math.max(...windows.map((w) => w.ms));
      while (times.length && (times[0] ?? 0) <= now - longest) times.shift();
      for (const window of windows) {
        const inWindow = times.filter((at) => at > now - window.ms);
        if (inWindow.length >= window.max)
          waitMs = Math.max(waitMs, (inWindow[inWindow.length - window.max] ?? now) + window.ms - now);
      }
      this.hits.set(key, times);
    }
    if (waitMs > 0) {
      this.refused++;
      return Math.max(1, Math.ceil(waitMs / 1000));
    }
    for (const { key } of keys) this.hits.get(key)?.push(now);
    return null;
  }
}

const MINUTE = 60_000;

/** Slack: the limit of `method` for this call, or none. */
export function slackLimits(
  method: string,
  args: Record<string, unknown>,
  team: string,
): { key: string; windows: Window[] }[] {
  switch (method) {
    case 'chat.postMessage':
      return [
        { key: `${team}:chat.postMessage`, windows: [{ max: 800, ms: MINUTE }] },
        { key: `${team}:chat.postMessage:${String(args.channel)}`, windows: [{ max: 12, ms: 10_000 }] },
      ];
    case 'users.info':
      return [{ key: `${team}:users.info`, windows: [{ max: 100, ms: MINUTE }] }];
    case 'conversations.open':
      return [{ key: `${team}:conversations.open`, windows: [{ max: 50, ms: MINUTE }] }];
    default:
      return [];
  }
}

/** Teams: every request counts against the tenant; sends, against their conversation too. */
export function teamsLimits(conversation: string, tenant: string): { key: string; windows: Window[] }[] {
  return [
    { key: `${tenant}`, windows: [{ max: 30, ms: 1000 }] },
    {
      key: `${tenant}:${conversation}`,
      windows: [
        { max: 7, ms: 1000 },
        { max: 8, ms: 2000 },
        { max: 60, ms: 30_000 },
      ],
    },
  ];
}
