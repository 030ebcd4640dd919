import { z } from 'zod';
import type { Incoming } from '../context.js';
import type { Interaction } from '../handle.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import type { NewOutboxItem } from '../outbox.js';
import type { Platform } from '../model.js';

// An event is stored before the platform is acknowledged. If the process then stops before handling
// it, the tick finds it still unhandled and the outbox replays it once, through its platform.

export const REPLAY_EVENT = 'event.replay';
/** Handling never takes this long; an event older than this and unhandled was dropped by its process. */
export const REPLAY_AFTER_MS = 5 * 60_000;
/** Slack's response URLs stop working after 30 minutes: later than this, a replay could not answer. */
export const REPLAY_UNTIL_MS = 25 * 60_000;

export function planReplays(events: readonly { platform: Platform; eventId: string }[]): NewOutboxItem[] {
  return events.map(({ platform, eventId }) => ({
    workspaceId: null,
    kind: REPLAY_EVENT,
    key: `${REPLAY_EVENT}:${platform}:${eventId}`,
    dueAt: new Date(0),
    payload: { platform, eventId },
  }));
}

const stored = z.object({
  incoming: z.looseObject({
    platform: z.enum(['slack', 'teams', 'console']),
    workspace: z.looseObject({ externalId: z.string() }),
    user: z.looseObject({ externalId: z.string(), name: z.string() }),
    channel: z.looseObject({ id: z.string(), isDirect: z.boolean() }),
    eventId: z.string(),
  }),
  interaction: z.looseObject({ kind: z.string() }),
  replay: z.record(z.string(), z.unknown()).optional(),
});

/** Hands a stored event back to its platform's adapter, which handles it as if it had just arrived. */
export type EventReplayer = (
  incoming: Incoming,
  interaction: Interaction,
  replay: Record<string, unknown> | undefined,
) => Promise<void>;

export async function replayEvent(
  deps: { store: Store; log: Logger; replayerFor: (platform: Platform) => EventReplayer | undefined },
  platform: Platform,
  eventId: string,
): Promise<void> {
  const found = await deps.store.receipts.find(platform, eventId);
  if (!found || found.settled) return;
  const parsed = stored.safeParse(found.payload);
  if (!parsed.success) {
    deps.log.warn({ platform, eventId }, 'a stored event could not be read back; it is left as it is');
    return;
  }
  const replayer = deps.replayerFor(platform);
  if (!replayer) throw new Error(`no ${platform} adapter runs in this process to replay an event`);
  deps.log.info({ platform, eventId }, 'replaying an event its process did not handle');
  await replayer(parsed.data.incoming, parsed.data.interaction as unknown as Interaction, parsed.data.replay);
}
