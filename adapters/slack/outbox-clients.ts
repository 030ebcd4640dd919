import { webApi } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { DeliveryError } from '../../src/core/outbox.js';
import { outboxClientOptions } from './delivery.js';
import type { SlackInstall } from './slack-app.js';

/** How long a workspace's client is kept, so that a burst of timed sends shares one. */
const KEEP_MS = 5 * 60_000;

/** Clients for timed sends (and replays), one per workspace, authorised with its bot token. */
export class OutboxClients {
  private readonly clients = new Map<string, { client: WebClient; at: number }>();

  constructor(
    private readonly install: SlackInstall,
    private readonly apiUrl: string,
  ) {}

  async for(teamId: string): Promise<WebClient> {
    const cached = this.clients.get(teamId);
    if (cached && Date.now() - cached.at < KEEP_MS) return cached.client;
    let token: string | undefined;
    if (this.install.mode === 'single') {
      token = this.install.botToken;
    } else {
      const stored = await this.install.vault.load(teamId);
      token = stored ? (JSON.parse(stored) as { bot?: { token?: string } }).bot?.token : undefined;
    }
    // An uninstalled workspace gets nothing more: no retry will change that.
    if (!token) throw new DeliveryError('the workspace has no installation', { permanent: true });
    const client = new webApi.WebClient(token, outboxClientOptions(this.apiUrl));
    this.clients.set(teamId, { client, at: Date.now() });
    return client;
  }

  /** The workspace uninstalled the app or revoked its token: its client goes with it. */
  forget(teamId: string): void {
    this.clients.delete(teamId);
  }
}
