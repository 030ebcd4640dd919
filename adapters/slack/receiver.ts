import {
  AuthorizationError,
  ExpressReceiver,
  LogLevel,
  SocketModeReceiver,
  type Logger as BoltLogger,
} from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';
import { installationStore } from './installations.js';
import { isNotStored } from './intake.js';
import { BOT_SCOPES } from './scopes.js';
import type { SlackOptions } from './slack-app.js';

// Where Slack's requests come in: HTTP (`POST /slack/events` and the install pages) or Socket Mode.

/** Bolt's logger interface on top of ours, so Bolt's lines join the same log. */
export function boltLogger(log: PinoLogger): BoltLogger {
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

export function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: string }; code?: string }) ?? {};
  return data.data?.error ?? data.code ?? 'unreachable';
}

/** With OAuth, Bolt serves the install pages and keeps each workspace's installation. */
function oauthOptions({ install, apiUrl }: SlackOptions) {
  if (install.mode !== 'oauth') return {};
  return {
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
      clientOptions: { slackApiUrl: apiUrl },
    },
  };
}

function httpReceiver(options: SlackOptions): ExpressReceiver {
  const { log } = options;
  return new ExpressReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    ...oauthOptions(options),
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
}

export function slackReceiver(options: SlackOptions): ExpressReceiver | SocketModeReceiver {
  if (!options.socketModeAppToken) return httpReceiver(options);
  return new SocketModeReceiver({
    appToken: options.socketModeAppToken,
    logger: boltLogger(options.log),
    // The WebSocket address comes from apps.connections.open on the same Web API.
    installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
  });
}
