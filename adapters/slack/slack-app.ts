import { randomUUID } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { App, AuthorizationError, ExpressReceiver, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger as PinoLogger } from 'pino';
import { z } from 'zod';
import type { AwayStatus } from '../../src/core/away.js';
import type { ChatPort } from '../../src/core/chat-port.js';
import type { Incoming } from '../../src/core/context.js';
import { DeliveryError } from '../../src/core/outbox.js';
import { delivering, outboxClientOptions } from './delivery.js';
import { NotStoredError, type HandleOptions, type Interaction, type InteractionHandler, type InteractionReceiver } from '../../src/core/handle.js';
import type { EventReplayer } from '../../src/core/use-cases/replay-event.js';
import { ACTION_PREFIX, FORM_CALLBACK } from './blocks.js';
import { withoutNul } from '../../src/core/without-nul.js';
import {
  blockAction,
  channelMembership,
  directMessage,
  envelope,
  formMetadata,
  homeOpened,
  inputAnswer,
  tokensRevoked,
  messageChanged,
  messageDeleted,
  parseJson,
  slashCommand,
  threadReply,
  userChanged,
  viewSubmission,
} from './payloads.js';
import { awayFromProfile, nameOf } from './away-status.js';
import { installationStore, type InstallationVault } from './installations.js';
import { ProfileCache } from './profiles.js';
import { postToResponseUrl } from './response-url.js';
import { HeldEventAcks } from './socket-acks.js';
import { BOT_SCOPES } from './scopes.js';
import { directMessageResponder, HOME_SURFACE, SlackChat, type CommandResponder } from './slack-chat.js';

export type SlackInstall =
  | { mode: 'single'; botToken: string }
  | { mode: 'oauth'; clientId: string; clientSecret: string; stateSecret: string; vault: InstallationVault; redirectUri?: string };

export interface SlackOptions {
  signingSecret: string;
  install: SlackInstall;
  /** Called when a workspace uninstalls the app or revokes its bot token: its tokens are forgotten. */
  uninstalled: (teamId: string) => Promise<void>;
  /**
   * Keeps what Slack says of a person after they changed their profile or status (user_change,
   * user_status_changed): their away status, name and zone, for members already known, once per event id.
   */
  profileChanged: (change: { teamId: string; eventId: string; user: string; status: AwayStatus; changedAt?: Date; name?: string; timeZone?: string }) => Promise<void>;
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

/** Bolt's logger interface on top of ours, so Bolt's lines join the same log. */
function boltLogger(log: PinoLogger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => child.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(' ')),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/** What an interaction is stored as before its acknowledgement: the person's profile is looked up after. */
type Received = Incoming & { eventId: string };

const isNotStored = (error: unknown): boolean =>
  error instanceof NotStoredError || (error as { original?: unknown } | null)?.original instanceof NotStoredError;

/** Where a command typed in the bot's DM was written, kept with it so a replay answers in the same place. */
const storedDirectMessage = z.object({ channel: z.string().min(1), user: z.string().min(1), threadTs: z.string().min(1).optional() });

const isDirect = (channel: string, channelType?: string) => channelType === 'im' || channel.startsWith('D');

function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: string }; code?: string }) ?? {};
  return data.data?.error ?? data.code ?? 'unreachable';
}

/**
 * Builds the Bolt app and checks the token with Slack before serving, so a wrong token or an
 * unreachable API stops start-up with a message, instead of failing later on every request.
 */
export async function createSlackAdapter(options: SlackOptions): Promise<SlackAdapter> {
  const { log, handle, receive, install } = options;
  const oauth =
    install.mode === 'oauth'
      ? {
          clientId: install.clientId,
          clientSecret: install.clientSecret,
          stateSecret: install.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore: installationStore(install.vault),
          ...(install.redirectUri ? { redirectUri: install.redirectUri } : {}),
          installerOptions: {
            installPath: '/slack/install',
            redirectUriPath: '/slack/oauth_redirect',
            // The code exchange goes to the same Web API as everything else.
            clientOptions: { slackApiUrl: options.apiUrl },
          },
        }
      : {};
  const profiles = new ProfileCache((error) => log.warn({ code: slackErrorCode(error) }, 'users.info failed; using the name Slack sent'));
  const httpReceiver = () =>
    new ExpressReceiver({
      signingSecret: options.signingSecret,
      endpoints: '/slack/events',
      ...oauth,
      logger: boltLogger(log),
      // The response waits for the listener, which stores the interaction and only then acknowledges
      // it; handling goes on after the response. So nothing Slack was told we have can be lost.
      processBeforeResponse: true,
      // A listener throws only when the interaction could not be stored: 503, so Slack sends an event
      // again and shows a button or form's sender that it did not go through. Anything else here is a
      // payload Bolt itself could not route (no team, no type): it gets its 200, since it will never parse.
      processEventErrorHandler: async ({ error, response }) => {
        const unstored = isNotStored(error);
        if (!unstored) log.warn({ err: error }, 'slack request could not be processed');
        if (response.headersSent) return false;
        response.writeHead(error instanceof AuthorizationError ? 401 : unstored ? 503 : 200).end();
        return true;
      },
      // A request Slack cannot attribute to a listener still gets its 200, logged, never a hang.
      unhandledRequestHandler: ({ logger, response }) => {
        logger.warn('an unhandled Slack request was acknowledged');
        if (!response.headersSent) response.writeHead(200).end();
      },
      ...(options.unhandledRequestTimeoutMs ? { unhandledRequestTimeoutMillis: options.unhandledRequestTimeoutMs } : {}),
    });
  const receiver = options.socketModeAppToken
    ? new SocketModeReceiver({
        appToken: options.socketModeAppToken,
        logger: boltLogger(log),
        // The WebSocket address comes from apps.connections.open on the same Web API.
        installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
      })
    : httpReceiver();
  // Socket Mode acknowledges events before listeners run: there, each event's acknowledgement waits for its storing.
  const heldAcks = receiver instanceof SocketModeReceiver ? new HeldEventAcks(receiver, log) : undefined;
  const storing = <T>(body: unknown, work: () => Promise<T>): Promise<T> => (heldAcks ? heldAcks.storing(body, work) : work());
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

  // Clients for timed sends, one per workspace, kept a few minutes so a burst of sends shares one.
  const outboxClients = new Map<string, { client: WebClient; at: number }>();
  async function outboxClient(teamId: string): Promise<WebClient> {
    const cached = outboxClients.get(teamId);
    if (cached && Date.now() - cached.at < 5 * 60_000) return cached.client;
    let token: string | undefined;
    if (install.mode === 'single') {
      token = install.botToken;
    } else {
      const stored = await install.vault.load(teamId);
      token = stored ? (JSON.parse(stored) as { bot?: { token?: string } }).bot?.token : undefined;
    }
    // An uninstalled workspace gets nothing more: no retry will change that.
    if (!token) throw new DeliveryError('the workspace has no installation', { permanent: true });
    const client = new webApi.WebClient(token, outboxClientOptions(options.apiUrl));
    outboxClients.set(teamId, { client, at: Date.now() });
    return client;
  }

  async function person(client: WebClient, team: string, user: string, fallbackName?: string): Promise<Incoming['user']> {
    const profile = await profiles.lookup(client, team, user, fallbackName);
    return {
      externalId: user,
      name: profile.name,
      ...(profile.timeZone ? { timeZone: profile.timeZone } : {}),
      // Both ways: false demotes a person Slack no longer makes an admin.
      ...(profile.isPlatformAdmin !== undefined ? { isPlatformAdmin: profile.isPlatformAdmin } : {}),
    };
  }

  async function run(client: WebClient, incoming: Incoming, interaction: Interaction, responder?: CommandResponder, handling?: HandleOptions): Promise<void> {
    await handle(new SlackChat(client, responder), incoming, interaction, handling);
  }

  /**
   * Stores an interaction, with what handling it again needs, before Slack is acknowledged. Throws
   * NotStoredError when the database cannot take it (the receiver then answers 503); false for a retry of
   * one stored already.
   */
  async function keep(received: Received, interaction: Interaction, replay?: Record<string, unknown>): Promise<boolean> {
    try {
      return await receive(withoutNul(received), withoutNul(interaction), replay);
    } catch (error) {
      log.error({ err: error, kind: interaction.kind }, 'could not store a slack interaction; slack is asked to send it again');
      throw error instanceof NotStoredError ? error : new NotStoredError({ cause: error });
    }
  }

  /** Handles a stored interaction after the acknowledgement, with the person's profile looked up then. */
  function handleLater(client: WebClient, received: Received, interaction: Interaction, responder?: CommandResponder): void {
    const team = received.workspace.externalId;
    void person(client, team, received.user.externalId, received.user.name)
      .then((user) => run(client, withoutNul({ ...received, user }), withoutNul(interaction), responder, { alreadyReceived: true }))
      .catch((error: unknown) => log.error({ err: error, kind: interaction.kind }, 'slack interaction failed after its acknowledgement; it is replayed later'));
  }

  app.command('/circle', async ({ body, ack, client }) => {
    const parsed = slashCommand.safeParse(body);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.length }, 'slash command without the fields we need');
      await ack({ response_type: 'ephemeral', text: 'Sorry, I could not read that command. Please try again.' });
      return;
    }
    const command = parsed.data;
    const interaction: Interaction = { kind: 'command', text: command.text };
    const received: Received = {
      platform: 'slack' as const,
      workspace: { externalId: command.team_id, ...(command.team_domain ? { name: command.team_domain } : {}) },
      user: { externalId: command.user_id, name: command.user_name ?? command.user_id },
      channel: { id: command.channel_id, ...(command.channel_name ? { name: command.channel_name } : {}), isDirect: isDirect(command.channel_id) },
      // Slack never retries a slash command; its trigger id names this one invocation.
      eventId: `command:${command.trigger_id}`,
      trigger: command.trigger_id,
    };
    // Slack does not send a command again, so a command that cannot be stored is answered, not refused.
    const fresh = await keep(received, interaction, { responseUrl: command.response_url }).catch(() => null);
    if (fresh === null) {
      await ack({ response_type: 'ephemeral', text: 'Sorry, I could not take that just now. Please try again in a moment.' });
      return;
    }
    await ack();
    if (!fresh) return;
    const responder: CommandResponder = { channel: command.channel_id, user: command.user_id, send: (message) => postToResponseUrl(command.response_url, message) };
    handleLater(client, received, interaction, responder);
  });

  app.event('message', async ({ event, body, client, context }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      if (!meta.success) return;
      const base = { platform: 'slack' as const, workspace: { externalId: meta.data.team_id }, eventId: meta.data.event_id };
      const someone = (user: string) => ({ externalId: user, name: user });
      // In a thread, "@Mentor Circle next" is the command `next`.
      const withoutMention = (text: string) => (context.botUserId ? text.replace(new RegExp(`^\\s*<@${context.botUserId}>\\s*`), '') : text);
      let received: Received | undefined;
      let interaction: Interaction | undefined;

      // In the bot's own DM, what someone types is a command, answered there; nothing else there
      // (their edits, the bot's own answers) is.
      if ((event as { channel_type?: unknown }).channel_type === 'im') {
        const dm = directMessage.safeParse(event);
        if (!dm.success || dm.data.user === context.botUserId) return;
        const { channel, user, text, thread_ts } = dm.data;
        const where = { channel, user, ...(thread_ts ? { threadTs: thread_ts } : {}) };
        received = { ...base, user: someone(user), channel: { id: channel, isDirect: true } };
        interaction = { kind: 'command', text: withoutMention(text) };
        if (await keep(received, interaction, { directMessage: where })) handleLater(client, received, interaction, directMessageResponder(client, where));
        return;
      }

      const reply = threadReply.safeParse(event);
      const changed = messageChanged.safeParse(event);
      const deleted = messageDeleted.safeParse(event);
      if (reply.success && reply.data.thread_ts !== reply.data.ts) {
        const { channel, channel_type, user, ts, thread_ts, text } = reply.data;
        received = { ...base, user: someone(user), channel: { id: channel, isDirect: isDirect(channel, channel_type) } };
        interaction = { kind: 'message', threadId: thread_ts, messageId: ts, text: withoutMention(text) };
      } else if (changed.success) {
        const { channel, channel_type, message } = changed.data;
        received = { ...base, user: someone(message.user), channel: { id: channel, isDirect: isDirect(channel, channel_type) } };
        interaction = { kind: 'edit', threadId: message.thread_ts, messageId: message.ts, text: withoutMention(message.text) };
      } else if (deleted.success) {
        const { channel, channel_type, deleted_ts, previous_message } = deleted.data;
        received = { ...base, user: someone(previous_message.user), channel: { id: channel, isDirect: isDirect(channel, channel_type) } };
        interaction = { kind: 'delete', threadId: previous_message.thread_ts, messageId: deleted_ts };
      }
      // Any other message (top-level chatter, bots, joins) is not ours to record.
      if (!received || !interaction) return;
      if (await keep(received, interaction)) handleLater(client, received, interaction);
    }),
  );

  app.event('app_home_opened', async ({ event, body, client }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      const opened = homeOpened.safeParse(event);
      if (!meta.success || !opened.success || opened.data.tab === 'messages') return;
      const received: Received = {
        platform: 'slack',
        workspace: { externalId: meta.data.team_id },
        user: { externalId: opened.data.user, name: opened.data.user },
        channel: { id: HOME_SURFACE, isDirect: true },
        eventId: meta.data.event_id,
      };
      const interaction: Interaction = { kind: 'home' };
      if (await keep(received, interaction)) handleLater(client, received, interaction);
    }),
  );

  // An uninstalled workspace, or one whose bot token was revoked, gets nothing more from us. Done
  // before the acknowledgement: if it cannot be done, Slack sends the event again.
  const forgetWorkspace = async (teamId: string) => {
    outboxClients.delete(teamId);
    try {
      await options.uninstalled(teamId);
    } catch (error) {
      log.error({ err: error }, 'could not record an uninstall; slack is asked to send it again');
      throw new NotStoredError({ cause: error });
    }
  };
  app.event('app_uninstalled', async ({ body }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      if (!meta.success) return;
      await forgetWorkspace(meta.data.team_id);
    }),
  );
  app.event('tokens_revoked', async ({ event, body }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      const revoked = tokensRevoked.safeParse(event);
      if (!meta.success || !revoked.success || !revoked.data.tokens.bot?.length) return;
      await forgetWorkspace(meta.data.team_id);
    }),
  );

  // Who is in a channel decides who may act on its community from elsewhere. Kept before the
  // acknowledgement: if it cannot be, Slack sends the event again.
  const membershipChanged = async ({ event, body }: { event: unknown; body: unknown }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      const change = channelMembership.safeParse(event);
      if (!meta.success || !change.success) return;
      const { user, channel, type } = change.data;
      try {
        await options.membership({ teamId: meta.data.team_id, channel, user, present: type === 'member_joined_channel' });
      } catch (error) {
        log.error({ err: error }, 'could not record a channel membership; slack is asked to send it again');
        throw new NotStoredError({ cause: error });
      }
    });
  app.event('member_joined_channel', membershipChanged);
  app.event('member_left_channel', membershipChanged);

  // A person's status (away on holiday or ill), name and zone, kept as Slack tells of each change so
  // that no nudge has to ask. Kept before the acknowledgement: if it cannot be, Slack sends it again.
  const userChangedEvent = async ({ event, body }: { event: unknown; body: unknown }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      const change = userChanged.safeParse(event);
      if (!meta.success || !change.success) {
        log.warn({ issues: (change.error ?? meta.error)?.issues.length }, 'user change without the fields we need');
        return;
      }
      const user = withoutNul(change.data.user);
      const name = nameOf(user);
      profiles.forget(meta.data.team_id, user.id);
      try {
        await options.profileChanged({
          teamId: meta.data.team_id,
          eventId: meta.data.event_id,
          user: user.id,
          status: awayFromProfile(user.profile),
          ...(user.updated ? { changedAt: new Date(user.updated * 1000) } : {}),
          ...(name ? { name } : {}),
          ...(user.tz ? { timeZone: user.tz } : {}),
        });
      } catch (error) {
        log.error({ err: error }, 'could not record a user change; slack is asked to send it again');
        throw new NotStoredError({ cause: error });
      }
    });
  app.event('user_change', userChangedEvent);
  app.event('user_status_changed', userChangedEvent);

  app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, client }) => {
    const parsed = blockAction.safeParse(body);
    if (!parsed.success) {
      await ack();
      log.warn({ issues: parsed.error.issues.length }, 'button press without the fields we need');
      return;
    }
    const { team, user, channel, trigger_id, actions } = parsed.data;
    const received: Received = {
      platform: 'slack',
      workspace: { externalId: team.id },
      user: { externalId: user.id, name: user.username ?? user.name ?? user.id },
      channel: channel
        ? { id: channel.id, ...(channel.name ? { name: channel.name } : {}), isDirect: isDirect(channel.id) }
        : { id: HOME_SURFACE, isDirect: true },
      // A press is one interaction with a trigger id of its own; Slack does not send it twice.
      eventId: `action:${trigger_id}`,
      trigger: trigger_id,
    };
    const interaction: Interaction = { kind: 'action', action: parseJson(actions[0]?.value) };
    const fresh = await keep(received, interaction);
    await ack();
    if (fresh) handleLater(client, received, interaction);
  });

  app.view(FORM_CALLBACK, async ({ ack, body, client }) => {
    const parsed = viewSubmission.safeParse(body);
    const metadata = parsed.success ? formMetadata.safeParse(parseJson(parsed.data.view.private_metadata)) : undefined;
    if (!parsed.success || !metadata?.success) {
      await ack();
      log.warn('form submission without the fields we need');
      return;
    }
    const { team, user, view } = parsed.data;
    // One input per block, keyed by the field name; tick boxes arrive as the list of ticked options.
    const values = Object.fromEntries(
      Object.entries(view.state.values).map(([field, inputs]) => [field, inputAnswer(Object.values(inputs)[0])]),
    );
    const channel = metadata.data.channel;
    const received: Received = {
      platform: 'slack',
      workspace: { externalId: team.id },
      user: { externalId: user.id, name: user.username ?? user.name ?? user.id },
      channel: { id: channel, isDirect: isDirect(channel) },
      // One submission of one view: the form stays open with Slack's error when it could not be stored.
      eventId: `form:${parsed.data.trigger_id ?? randomUUID()}`,
    };
    const { kind, context, nonce } = metadata.data;
    const interaction: Interaction = { kind: 'form', submission: { kind, context, values, ...(nonce ? { nonce } : {}) } };
    const fresh = await keep(received, interaction);
    await ack();
    if (fresh) handleLater(client, received, interaction);
  });

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
  const chatFor = async (teamId: string) => delivering(new SlackChat(await outboxClient(teamId)));
  const replay: EventReplayer = async (incoming, interaction, stored) => {
    const team = incoming.workspace.externalId;
    const client = await outboxClient(team);
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
    const user = await person(client, team, incoming.user.externalId, incoming.user.name);
    await run(client, withoutNul({ ...incoming, user }), interaction, responder, { alreadyReceived: true });
  };
  if (receiver instanceof SocketModeReceiver) {
    await app.start();
    log.info('connected to Slack in Socket Mode');
    return { chatFor, replay, stop: () => app.stop().then(() => undefined) };
  }
  return { routes: receiver.app, chatFor, replay, stop: async () => {} };
}
