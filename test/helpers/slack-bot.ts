import { afterAll, beforeEach } from 'vitest';
import { createSlackAdapter, type SlackInstall } from '../../adapters/slack/slack-app.js';
import { installationRepo } from '../../src/db/repositories/installations.js';
import { handle, receive, type InteractionReceiver } from '../../src/core/handle.js';
import { recordMembership } from '../../src/core/membership.js';
import { profileChanged } from '../../src/core/use-cases/profile-changed.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { startHttpServer, type RunningHttpServer } from '../../src/http/server.js';
import { createLogger, type Logger } from '../../src/log.js';
import { FakeSlack } from './fake-slack.js';
import { commandBody, postToSlackEndpoint, SIGNING_SECRET } from './slack-requests.js';

/** The Slack side of the bot as main.ts wires it, on loopback, against a fake Web API. */
export async function startSlackBot(
  database: OpenDatabase,
  options: {
    now?: () => Date;
    receive?: InteractionReceiver;
    install?: (fake: FakeSlack) => SlackInstall;
    socketMode?: boolean;
    log?: Logger;
    unhandledRequestTimeoutMs?: number;
  } = {},
) {
  const fake = new FakeSlack();
  await fake.start();
  const log = options.log ?? createLogger((process.env.TEST_LOG_LEVEL as 'debug' | undefined) ?? 'silent');
  const store = createStore(database.db);
  const now = options.now ?? (() => new Date());
  const slack = await createSlackAdapter({
    signingSecret: SIGNING_SECRET,
    install: options.install?.(fake) ?? { mode: 'single', botToken: 'xoxb-test-token' },
    uninstalled: (teamId) => installationRepo(database.db).uninstall('slack', teamId, now()),
    membership: ({ teamId, channel, user, present }) =>
      recordMembership({ store, now: now() }, { platform: 'slack', workspace: teamId, channel, user, present }),
    profileChanged: async ({ teamId, ...change }) => {
      await profileChanged({ store, now: now() }, { platform: 'slack', workspace: teamId, ...change });
    },
    apiUrl: fake.apiUrl,
    ...(options.socketMode ? { socketModeAppToken: 'xapp-test-token' } : {}),
    ...(options.unhandledRequestTimeoutMs ? { unhandledRequestTimeoutMs: options.unhandledRequestTimeoutMs } : {}),
    handle: (chat, incoming, interaction, handling) =>
      handle({ store, chat, now: now(), log }, incoming, interaction, handling),
    receive:
      options.receive ??
      ((incoming, interaction, replay) => receive({ store, now: now() }, incoming, interaction, replay)),
    log,
  });
  const http: RunningHttpServer = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    health: () => database.ping(),
    log,
    ...(slack.routes ? { routes: slack.routes } : {}),
  });
  return {
    fake,
    /** The ChatPort timed sends use for a workspace. */
    chatFor: (teamId: string) => slack.chatFor(teamId),
    replay: slack.replay,
    baseUrl: `http://127.0.0.1:${http.port}`,
    async close() {
      await slack.stop();
      await http.close();
      await fake.stop();
    },
  };
}

/** Polls until `check` passes, for work that goes on after Slack's request was acknowledged. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((done) => setTimeout(done, 20));
    }
  }
}

/**
 * Types `/circle <text>` as `user` in a channel and waits for the private answer Slack would show
 * them through the command's response URL; returns its text. Each call has a response URL of its own.
 */
export function commandsTo(bot: Awaited<ReturnType<typeof startSlackBot>>, channel = 'C1') {
  let count = 0;
  return async (user: string, text: string): Promise<string> => {
    count += 1;
    const id = `${user}-${channel}-${count}`;
    const { status } = await postToSlackEndpoint(
      bot.baseUrl,
      commandBody({ text, user, channel, responseUrl: bot.fake.responseUrl(id) }),
    );
    if (status !== 200) throw new Error(`the command was answered ${status}`);
    const answer = await eventually(() => {
      const found = bot.fake.responses.find((r) => r.path === `/respond/${id}`);
      if (!found) throw new Error(`no answer to ${text} yet`);
      return found;
    });
    return String(answer.body.text);
  };
}

/**
 * A Slack bot on a test database for the enclosing `describe`: a fresh bot (and fake Web API) before
 * each test, closed after them all. `restart` starts a new one on the same database, keeping the
 * fake's users, as a new process (with an empty cache of Slack profiles) would.
 */
export function useSlackBot(database: () => OpenDatabase) {
  let bot: Awaited<ReturnType<typeof startSlackBot>> | undefined;
  const restart = async () => {
    const users = bot?.fake.users;
    await bot?.close();
    bot = await startSlackBot(database());
    for (const [id, user] of users ?? []) bot.fake.users.set(id, user);
  };
  beforeEach(() => {
    // Each test starts with a new fake, knowing nobody.
    bot?.fake.users.clear();
    return restart();
  });
  afterAll(() => bot?.close());
  return {
    bot: () => {
      if (!bot) throw new Error('the Slack bot is not running yet');
      return bot;
    },
    restart,
  };
}
