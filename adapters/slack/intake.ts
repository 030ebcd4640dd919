import type { WebClient } from '@slack/web-api';
import type { Logger as PinoLogger } from 'pino';
import type { Incoming } from '../../src/core/context.js';
import {
  NotStoredError,
  type Interaction,
  type InteractionHandler,
  type InteractionReceiver,
} from '../../src/core/handle.js';
import { withoutNul } from '../../src/core/without-nul.js';
import type { Received } from './incoming.js';
import type { ProfileCache } from './profiles.js';
import { SlackChat, type CommandResponder } from './slack-chat.js';

// How every Slack interaction reaches the core: stored before Slack is acknowledged, handled after,
// with the person's profile (name, zone, admin flag) looked up once the acknowledgement is out.

export const isNotStored = (error: unknown): boolean =>
  error instanceof NotStoredError || (error as { original?: unknown } | null)?.original instanceof NotStoredError;

export interface SlackIntake {
  /**
   * Stores an interaction, with what handling it again needs, before Slack is acknowledged. Throws
   * NotStoredError when the database cannot take it (the receiver then answers 503); false for a retry of
   * one stored already.
   */
  keep(received: Received, interaction: Interaction, replay?: Record<string, unknown>): Promise<boolean>;
  /** Handles a stored interaction after the acknowledgement, with the person's profile looked up then. */
  handleLater(client: WebClient, received: Received, interaction: Interaction, responder?: CommandResponder): void;
  /** Handles a stored interaction now (a replay), with the person's profile looked up first. */
  handleStored(
    client: WebClient,
    incoming: Incoming,
    interaction: Interaction,
    responder?: CommandResponder,
  ): Promise<void>;
}

export function slackIntake(deps: {
  handle: InteractionHandler;
  receive: InteractionReceiver;
  profiles: ProfileCache;
  log: PinoLogger;
}): SlackIntake {
  const { handle, receive, profiles, log } = deps;

  async function person(
    client: WebClient,
    team: string,
    user: string,
    fallbackName?: string,
  ): Promise<Incoming['user']> {
    const profile = await profiles.lookup(client, team, user, fallbackName);
    return {
      externalId: user,
      name: profile.name,
      ...(profile.timeZone ? { timeZone: profile.timeZone } : {}),
      // Both ways: false demotes a person Slack no longer makes an admin.
      ...(profile.isPlatformAdmin !== undefined ? { isPlatformAdmin: profile.isPlatformAdmin } : {}),
    };
  }

  async function withProfile(client: WebClient, incoming: Incoming): Promise<Incoming> {
    const user = await person(client, incoming.workspace.externalId, incoming.user.externalId, incoming.user.name);
    return withoutNul({ ...incoming, user });
  }

  return {
    async keep(received, interaction, replay) {
      try {
        return await receive(withoutNul(received), withoutNul(interaction), replay);
      } catch (error) {
        log.error(
          { err: error, kind: interaction.kind },
          'could not store a slack interaction; slack is asked to send it again',
        );
        throw error instanceof NotStoredError ? error : new NotStoredError({ cause: error });
      }
    },

    handleLater(client, received, interaction, responder) {
      void withProfile(client, received)
        .then((incoming) =>
          handle(new SlackChat(client, responder), incoming, withoutNul(interaction), { alreadyReceived: true }),
        )
        .catch((error: unknown) =>
          log.error(
            { err: error, kind: interaction.kind },
            'slack interaction failed after its acknowledgement; it is replayed later',
          ),
        );
    },

    async handleStored(client, incoming, interaction, responder) {
      await handle(new SlackChat(client, responder), await withProfile(client, incoming), interaction, {
        alreadyReceived: true,
      });
    },
  };
}
