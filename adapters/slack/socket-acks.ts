import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from 'pino';

/** How long an event that no listener of ours takes up waits before it is acknowledged anyway. */
const UNCLAIMED_MS = 1000;

interface SlackEventArgs {
  type?: string;
  body?: unknown;
  ack: (response?: Record<string, unknown>) => Promise<void>;
}

/**
 * Socket Mode acknowledges an event before any listener runs, which would tell Slack it has an event
 * that is not stored yet. This holds each event's acknowledgement until its listener says how storing
 * went: stored, it is acknowledged; not stored, it is not, and Slack sends it again. An event no
 * listener takes up is acknowledged after a moment, as before. Commands and interactivity need none
 * of this: their listeners store before they call `ack` themselves.
 */
export class HeldEventAcks {
  private readonly held = new WeakMap<object, { claim(): void; settle(stored: boolean): void }>();

  constructor(receiver: SocketModeReceiver, log: Logger) {
    // Must run before Bolt's own listener, so that Bolt builds its acknowledgement on the held one;
    // the client's emitter has no prepend, so Bolt's listeners are taken off and put back after ours.
    const client = receiver.client;
    const bolts = client.listeners('slack_event');
    client.removeAllListeners('slack_event');
    client.on('slack_event', (args: SlackEventArgs) => {
      const body = args.body;
      if (args.type !== 'events_api' || typeof body !== 'object' || body === null) return;
      const send = args.ack;
      let decided = false;
      const settle = (stored: boolean) => {
        if (decided) return;
        decided = true;
        clearTimeout(unclaimed);
        if (stored)
          void send().catch((error: unknown) =>
            log.warn({ err: error }, 'a socket mode acknowledgement could not be sent'),
          );
      };
      const unclaimed = setTimeout(() => settle(true), UNCLAIMED_MS);
      this.held.set(body, { claim: () => clearTimeout(unclaimed), settle });
      args.ack = async () => {};
    });
    for (const listener of bolts) client.on('slack_event', listener);
  }

  /** Runs a listener's storing step for `body`, then acknowledges the event if it succeeded. */
  async storing<T>(body: unknown, work: () => Promise<T>): Promise<T> {
    const hold = typeof body === 'object' && body !== null ? this.held.get(body) : undefined;
    hold?.claim();
    try {
      const result = await work();
      hold?.settle(true);
      return result;
    } catch (error) {
      hold?.settle(false);
      throw error;
    }
  }
}
