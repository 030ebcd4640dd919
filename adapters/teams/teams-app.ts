import type { IncomingMessage, RequestListener } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, ConnectorClient } from 'botframework-connector';
import type { Logger as PinoLogger } from 'pino';
import type { ChatPort } from '../../src/core/chat-port.js';
import { NotStoredError, type InteractionHandler, type InteractionReceiver } from '../../src/core/handle.js';
import type { EventReplayer } from '../../src/core/use-cases/replay-event.js';
import { withoutNul } from '../../src/core/without-nul.js';
import { delivering } from './delivery.js';
import type { StoredReference, TeamsDirectory } from './references.js';
import type { Connect } from './bot-connector.js';
import { TeamsChat } from './teams-chat.js';
import { teamsTurn } from './teams-turn.js';
import { TEAMS_PATH } from './teams-path.js';

/** Bot Framework activities are small; anything far larger is not one. */
const MAX_BODY_BYTES = 1_000_000;

export type TeamsAuth =
  | { mode: 'anonymous' }
  | {
      mode: 'authenticated';
      appId: string;
      appPassword?: string;
      appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
      tenantId?: string;
      /**
       * botbuilder's own settings for where tokens are checked and fetched (ToBotFromChannelOpenIdMetadataUrl,
       * ToBotFromChannelTokenIssuer, ToChannelFromBotLoginUrl, ...); unset means Microsoft's public cloud.
       */
      endpoints?: Record<string, string>;
    };

export interface TeamsOptions {
  auth: TeamsAuth;
  directory: TeamsDirectory;
  handle: InteractionHandler;
  /** Stores each interaction before the Bot Framework is answered. */
  receive?: InteractionReceiver;
  log: PinoLogger;
  /**
   * Called before a timed send opens someone's personal chat: one more request to Teams, so it waits
   * for room in the tenant's pacing budget (or puts the send off). Answers within a turn do not wait.
   */
  paceOpening?: (tenant: string) => Promise<void>;
}

export interface TeamsAdapter {
  /** Serves `POST /api/messages`; other paths answer 404. */
  routes: RequestListener;
  /** The ChatPort for timed sends to a tenant, through stored references; its failures are DeliveryErrors. */
  chatFor(tenant: string): Promise<ChatPort>;
  /** The turn logic itself, for driving the bot without HTTP (botbuilder's TestAdapter). */
  logic: (context: TurnContext) => Promise<void>;
  /** Handles a stored interaction again, answering proactively, when its process stopped before it was handled. */
  replay: EventReplayer;
}

function authentication(auth: TeamsAuth): ConfigurationBotFrameworkAuthentication {
  if (auth.mode === 'anonymous') return new ConfigurationBotFrameworkAuthentication({});
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: auth.appId,
    MicrosoftAppType: auth.appType,
    ...(auth.appPassword ? { MicrosoftAppPassword: auth.appPassword } : {}),
    ...(auth.tenantId ? { MicrosoftAppTenantId: auth.tenantId } : {}),
    ...auth.endpoints,
  });
}

class TooLarge extends Error {
  override readonly name = 'TooLarge';
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the client still gets its answer.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        fail(new TooLarge());
        return;
      }
      try {
        done(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
      } catch (error) {
        fail(error);
      }
    });
    req.on('error', fail);
  });
}

/** Builds the CloudAdapter. Anonymous mode accepts any token at all, so it is said loudly. */
export function createTeamsAdapter(options: TeamsOptions): TeamsAdapter {
  const { log, directory, auth } = options;
  if (auth.mode === 'anonymous') {
    log.warn(
      'Teams runs in ANONYMOUS mode (TEAMS_ALLOW_ANONYMOUS=true): every request is accepted without checking its token. Use this only for local testing; set MICROSOFT_APP_ID and its password for real use.',
    );
  }
  const botAuth = authentication(auth);
  const adapter = new CloudAdapter(botAuth);
  // Our turn logic does not throw; what lands here failed inside botbuilder, and is logged.
  adapter.onTurnError = async (_context, error) => {
    log.error({ err: error }, 'teams turn failed');
  };
  const appId = auth.mode === 'authenticated' ? auth.appId : '';

  /**
   * Timed sends leave retrying to the outbox, which honours Retry-After across replicas: the client's
   * own retry phase (which would sleep out a 429 inside the delivery) is taken out of its pipeline.
   */
  const withoutRetries = (connector: ConnectorClient): ConnectorClient => {
    const pipeline = (
      connector as unknown as { client?: { pipeline?: { removePolicy(options: { phase: string }): unknown } } }
    ).client?.pipeline;
    if (pipeline) pipeline.removePolicy({ phase: 'Retry' });
    else
      log.warn(
        'the Bot Connector client has no pipeline to take retries out of; a 429 may be waited out in the delivery',
      );
    return connector;
  };

  const proactive: Connect = async (reference, work) => {
    let result: Awaited<ReturnType<typeof work>> | undefined;
    // Boxed, so that a rejection with no value at all (undefined) is still told from success.
    let failure: { error: unknown } | undefined;
    const logic = async (context: TurnContext) => {
      try {
        result = await work(withoutRetries(context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey)));
      } catch (error) {
        // Kept for the caller: thrown here, the adapter would hand it to onTurnError instead.
        failure = { error };
      }
    };
    await adapter.continueConversationAsync(appId, reference, logic);
    if (failure) throw failure.error;
    return result as Awaited<ReturnType<typeof work>>;
  };

  const inTurn =
    (context: TurnContext): Connect =>
    (reference: StoredReference, work) => {
      const connector = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
      return connector && reference.serviceUrl === context.activity.serviceUrl
        ? work(connector)
        : proactive(reference, work);
    };

  const logic = teamsTurn({
    directory,
    handle: options.handle,
    connect: inTurn,
    log,
    ...(options.receive ? { receive: options.receive } : {}),
  });

  const routes: RequestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== TEAMS_PATH) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    void readJson(req)
      .then(async (body) => {
        if (
          typeof body !== 'object' ||
          body === null ||
          Array.isArray(body) ||
          typeof (body as { type?: unknown }).type !== 'string'
        ) {
          res.writeHead(400, { 'content-type': 'text/plain' }).end('expected a Bot Framework activity');
          return;
        }
        // NUL characters out of everything at once (words, names, channel names, card values): the
        // database can store none, and the directory stores names and addresses before the core runs.
        const activity = withoutNul(body) as Activity;
        // Checked here rather than inside CloudAdapter.process, which answers a token with a bad
        // signature with 500: every request whose token does not hold up gets 401, before anything is stored.
        let authenticated: AuthenticateRequestResult;
        try {
          authenticated = await botAuth.authenticateRequest(activity, String(req.headers.authorization ?? ''));
        } catch (error) {
          log.warn(
            { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' },
            'teams request refused: its token is missing or does not check out',
          );
          res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized');
          return;
        }
        let unstored = false;
        await adapter.processActivityDirect(authenticated, activity, async (context) => {
          try {
            await logic(context);
          } catch (error) {
            if (!(error instanceof NotStoredError)) throw error;
            unstored = true;
          }
        });
        // Not stored: refused, so the Bot Framework sends it again rather than count it delivered.
        if (unstored) res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' }).end('try again');
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      })
      .catch((error: unknown) => {
        const unreadable = error instanceof SyntaxError || error instanceof TooLarge;
        if (unreadable) log.warn({ reason: error.name }, 'teams request body is not an activity');
        else log.error({ err: error }, 'teams request failed');
        if (!res.headersSent)
          res
            .writeHead(error instanceof TooLarge ? 413 : unreadable ? 400 : 500, { 'content-type': 'text/plain' })
            .end();
      });
  };

  return {
    routes,
    logic,
    chatFor: async (tenant) => {
      const { paceOpening } = options;
      return delivering(
        new TeamsChat(tenant, directory, proactive, undefined, paceOpening ? () => paceOpening(tenant) : undefined),
      );
    },
    replay: async (incoming, interaction) => {
      await options.handle(new TeamsChat(incoming.workspace.externalId, directory, proactive), incoming, interaction, {
        alreadyReceived: true,
      });
    },
  };
}
