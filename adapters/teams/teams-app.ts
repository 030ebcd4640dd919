import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Logger as PinoLogger } from 'pino';
import type { ChatPort } from '../../src/core/chat-port.js';
import type { InteractionHandler } from '../../src/core/handle.js';
import { delivering } from './delivery.js';
import type { StoredReference, TeamsDirectory } from './references.js';
import { TeamsChat, type Connect } from './teams-chat.js';
import { teamsTurn } from './teams-turn.js';

export const TEAMS_PATH = '/api/messages';
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
  log: PinoLogger;
}

export interface TeamsAdapter {
  /** Serves `POST /api/messages`; other paths answer 404. */
  routes: RequestListener;
  /** The ChatPort for timed sends to a tenant, through stored references; its failures are DeliveryErrors. */
  chatFor(tenant: string): Promise<ChatPort>;
  /** The turn logic itself, for driving the bot without HTTP (botbuilder's TestAdapter). */
  logic: (context: TurnContext) => Promise<void>;
}

function authentication(auth: TeamsAuth): ConfigurationBotFrameworkAuthentication {
  if (auth.mode === 'anonymous') return new ConfigurationBotFrameworkAuthentication({});
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: auth.appId,
    MicrosoftAppType: auth.appType,
    ...(auth.appPassword ? { MicrosoftAppPassword: auth.appPassword } : {}),
    ...(auth.tenantId ? { MicrosoftAppTenantId: auth.tenantId } : {}),
    ...auth.endpoints,
  } as never);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        fail(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        done(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
      } catch (error) {
        fail(error);
      }
    });
    req.on('error', fail);
  });
}

/** The little of an express response that CloudAdapter.process uses, on a plain node response. */
function expressLike(res: ServerResponse) {
  let status = 200;
  let body: string | undefined;
  let type = 'text/plain; charset=utf-8';
  const shim = {
    status(code: number) {
      status = code;
      return shim;
    },
    header(name: string, value: string) {
      res.setHeader(name, value);
      return shim;
    },
    send(content: unknown) {
      if (typeof content === 'string') body = content;
      else {
        body = JSON.stringify(content);
        type = 'application/json; charset=utf-8';
      }
      return shim;
    },
    end() {
      if (res.headersSent) return;
      res.writeHead(status, body === undefined ? {} : { 'content-type': type }).end(body);
    },
  };
  return shim;
}

/** Builds the CloudAdapter. Anonymous mode accepts any token at all, so it is said loudly. */
export function createTeamsAdapter(options: TeamsOptions): TeamsAdapter {
  const { log, directory, auth } = options;
  if (auth.mode === 'anonymous') {
    log.warn('Teams runs in ANONYMOUS mode (TEAMS_ALLOW_ANONYMOUS=true): every request is accepted without checking its token. Use this only for local testing; set MICROSOFT_APP_ID and its password for real use.');
  }
  const adapter = new CloudAdapter(authentication(auth));
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
    const pipeline = (connector as unknown as { client?: { pipeline?: { removePolicy(options: { phase: string }): unknown } } }).client?.pipeline;
    if (pipeline) pipeline.removePolicy({ phase: 'Retry' });
    else log.warn('the Bot Connector client has no pipeline to take retries out of; a 429 may be waited out in the delivery');
    return connector;
  };

  const proactive: Connect = async (reference, work) => {
    let result: Awaited<ReturnType<typeof work>> | undefined;
    let failure: unknown;
    const logic = async (context: TurnContext) => {
      try {
        result = await work(withoutRetries(context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorClient));
      } catch (error) {
        // Kept for the caller: thrown here, the adapter would hand it to onTurnError instead.
        failure = error;
      }
    };
    await adapter.continueConversationAsync(appId, reference as never, logic);
    if (failure !== undefined) throw failure;
    return result as Awaited<ReturnType<typeof work>>;
  };

  const inTurn =
    (context: TurnContext): Connect =>
    (reference: StoredReference, work) => {
      const connector = context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorClient | undefined;
      return connector && reference.serviceUrl === context.activity.serviceUrl ? work(connector) : proactive(reference, work);
    };

  const logic = teamsTurn({ directory, handle: options.handle, connect: inTurn, log });

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
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          res.writeHead(400, { 'content-type': 'text/plain' }).end('expected a Bot Framework activity');
          return;
        }
        await adapter.process({ method: 'POST', headers: req.headers, body } as never, expressLike(res) as never, logic);
      })
      .catch((error: unknown) => {
        log.warn({ err: error instanceof SyntaxError ? 'not JSON' : error }, 'teams request could not be read');
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' }).end('expected a Bot Framework activity');
      });
  };

  return {
    routes,
    logic,
    chatFor: async (tenant) => delivering(new TeamsChat(tenant, directory, proactive)),
  };
}
