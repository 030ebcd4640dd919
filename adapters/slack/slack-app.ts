import type { RequestListener } from 'node:http';
import { App, AuthorizationError, SocketModeReceiver } from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';
import { z } from 'zod';
import type { AwayStatus } from '../../src/core/away.js';
import type { ChatPort } from '../../src/core/chat-port.js';
import type { InteractionHandler, InteractionReceiver } from '../../src/core/handle.js';
import type { EventReplayer } from '../../src/core/use-cases/replay-event.js';
import { delivering } from './delivery.js';
import type { InstallationVault } from './installations.js';
import { isNotStored, slackIntake } from './intake.js';
import { OutboxClients } from './outbox-clients.js';
import { ProfileCache } from './profiles.js';
import { boltLogger, slackErrorCode, slackReceiver } from './receiver.js';
import { postToResponseUrl } from './response-url.js';
import { registerCommands } from './slack-commands.js';
import { directMessageResponder, SlackChat, type CommandResponder } from './slack-chat.js';
import { registerEvents } from './slack-events.js';
import { registerInteractivity } from './slack-interactivity.js';
import { HeldEventAcks } from './socket-acks.js';

export type SlackInstall =
  | { mode: 'single'; botToken: string }
  | {
      mode: 'oauth';
      clientId: string;
      clientSecret: string;
      stateSecret: string;
      vault: InstallationVault;
      redirectUri?: string;
    };

export interface SlackOptions {
  signingSecret: string;
  install: SlackInstall;
  /** Called when a workspace uninstalls the app or revokes its bot token: its tokens are forgotten. */
  uninstalled: (teamId: string) => Promise<void>;
  /**
   * Keeps what Slack says of a person after they changed their profile or status (user_change,
   * user_status_changed): their away status, name and zone, for members already known, once per event id.
   */
  profileChanged: (change: {
    teamId: string;
    eventId: string;
    user: string;
    status: AwayStatus;
    changedAt?: Date;
    name?: string;
    timeZone?: string;
  }) => Promise<void>;
  /** Keeps what Slack says of who is in a channel (member_joined_channel, member_left_channel). */
  membership: (change: { teamId: string; channel: string; user: string; present: boolean }) => Promise<void>;
  /** Base URL of the Web API with its trailing `/api/`; tests point it at a fake on loopback. */
  apiUrl: string;
  /** Receive everything over Slack's WebSocket (Socket Mode) instead of HTTP; needs a single token. */
  socketModeAppToken?: string;
  /**
   * How long Bolt waits for a listener to acknowledge a request before answering it as unhandled;
   * Bolt's own 3 s unless set. Tests that send many unroutable payloads set it lower.
   */
  unhandledRequestTimeoutMs?: number;
  handle: InteractionHandler;
  /** Stores a slash command before Slack is acknowledged. */
  receive: InteractionReceiver;
  log: PinoLogger;
}

export interface SlackAdapter {
  /** Serves `POST /slack/events` (commands, events, interactivity) and the install pages; none in Socket Mode. */
  routes?: RequestListener;
  /** The ChatPort for timed sends to a workspace; its failures are DeliveryErrors. */
  chatFor(teamId: string): Promise<ChatPort>;
  /** Handles a stored event again, answering through its stored response URL. */
  replay: EventReplayer;
  stop(): Promise<void>;
}

/** Where a command typed in the bot's DM was written, kept with it so a replay answers in the same place. */
const storedDirectMessage = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  threadTs: z.string().min(1).optional(),
});

/**
 * Builds the Bolt app and checks the token with Slack before serving, so a wrong token or an
 * unreachable API stops start-up with a message, instead of failing later on every request.
 */
export async function createSlackAdapter(options: SlackOptions): Promise<SlackAdapter> {
  const { log, install } = options;
  const profiles = new ProfileCache((error) =>
    log.warn({ code: slackErrorCode(error) }, 'users.info failed; using the name Slack sent'),
  );
  const receiver = slackReceiver(options);
  // Socket Mode acknowledges events before listeners run: there, each event's acknowledgement waits for its storing.
  const heldAcks = receiver instanceof SocketModeReceiver ? new HeldEventAcks(receiver, log) : undefined;
  const storing = <T>(body: unknown, work: () => Promise<T>): Promise<T> =>
    heldAcks ? heldAcks.storing(body, work) : work();
  const app = new App({
    // With OAuth, each request is authorised with its workspace's stored installation instead.
    ...(install.mode === 'single' ? { token: install.botToken } : {}),
    receiver,
    logger: boltLogger(log),
    // Bolt would otherwise call auth.test from its constructor, where a failure cannot be caught.
    deferInitialization: true,
    // Nothing here keeps conversation state in Bolt; its store would cost every request a lookup.
    convoStore: false,
    clientOptions: {
      slackApiUrl: options.apiUrl,
      // Live answers retry briefly; a 429 waits its Retry-After before the retry.
      retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000, randomize: true },
    },
  });
  const outboxClients = new OutboxClients(install, options.apiUrl);
  const intake = slackIntake({ handle: options.handle, receive: options.receive, profiles, log });

  registerCommands(app, intake, log);
  registerEvents(app, {
    ...options,
    intake,
    profiles,
    storing,
    forgetClient: (teamId) => outboxClients.forget(teamId),
  });
  registerInteractivity(app, intake, log);
  app.error(async (error) => {
    // A workspace without an installation is rethrown, so the receiver answers it with 401; an
    // interaction that could not be stored, so it answers 503.
    if (error instanceof AuthorizationError || isNotStored(error)) throw error;
    log.error({ err: error }, 'slack listener failed');
  });

  try {
    await app.init();
  } catch (error) {
    throw new Error(
      `Slack did not accept SLACK_BOT_TOKEN (${slackErrorCode(error)}). Check the Bot User OAuth Token on your Slack app's ` +
        `OAuth & Permissions page, and that ${options.apiUrl} can be reached from here.`,
      { cause: error },
    );
  }
  const chatFor = async (teamId: string) => delivering(new SlackChat(await outboxClients.for(teamId)));
  const replay: EventReplayer = async (incoming, interaction, stored) => {
    const client = await outboxClients.for(incoming.workspace.externalId);
    const responseUrl = typeof stored?.responseUrl === 'string' ? stored.responseUrl : undefined;
    const dm = storedDirectMessage.safeParse(stored?.directMessage);
    const responder: CommandResponder | undefined = responseUrl
      ? {
          channel: incoming.channel.id,
          user: incoming.user.externalId,
          send: (message) => postToResponseUrl(responseUrl, message),
        }
      : dm.success
        ? directMessageResponder(client, dm.data)
        : undefined;
    await intake.handleStored(client, incoming, interaction, responder);
  };
  if (receiver instanceof SocketModeReceiver) {
    await app.start();
    log.info('connected to Slack in Socket Mode');
    return { chatFor, replay, stop: () => app.stop().then(() => undefined) };
  }
  return { routes: receiver.app, chatFor, replay, stop: async () => {} };
}
