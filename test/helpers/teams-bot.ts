import { createTeamsAdapter, type TeamsAuth } from '../../adapters/teams/teams-app.js';
import { handle, receive, type InteractionReceiver } from '../../src/core/handle.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { startHttpServer } from '../../src/http/server.js';
import { createLogger, type Logger } from '../../src/log.js';
import { teamsDirectory, withExportLinks, type RefusalCounter } from '../../src/platforms.js';
import { createExportLinks } from '../../src/http/export-links.js';
import { exportLinkRepo } from '../../src/db/repositories/export-links.js';
import type { RequestListener } from 'node:http';
import { afterAll, beforeEach, expect } from 'vitest';
import { FakeTeams, type SentActivity } from './fake-teams.js';
import { activities, type TeamsUser } from './teams-activities.js';

/** The Teams side of the bot as main.ts wires it, on loopback, against a fake Bot Connector. */
export async function startTeamsBot(
  database: OpenDatabase,
  options: {
    now?: () => Date;
    auth?: TeamsAuth;
    exportKey?: Buffer;
    receive?: InteractionReceiver;
    log?: Logger;
    countRefusal?: RefusalCounter;
    paceOpening?: (tenant: string) => Promise<void>;
  } = {},
) {
  const fake = new FakeTeams();
  await fake.start();
  const log = options.log ?? createLogger((process.env.TEST_LOG_LEVEL as 'debug' | undefined) ?? 'silent');
  const store = createStore(database.db);
  const now = options.now ?? (() => new Date());
  // The server starts first: its address is the public address export links point to.
  let routes: RequestListener = (_req, res) => void res.writeHead(503).end();
  const http = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    health: () => database.ping(),
    log,
    routes: (req, res) => routes(req, res),
  });
  const baseUrl = `http://127.0.0.1:${http.port}`;
  const links = options.exportKey
    ? createExportLinks({ repo: exportLinkRepo(database.db), key: options.exportKey, publicUrl: baseUrl, clock: now })
    : undefined;
  const teams = createTeamsAdapter({
    auth: options.auth ?? { mode: 'anonymous' },
    directory: teamsDirectory(database, store, now, links, options.countRefusal),
    ...(options.paceOpening ? { paceOpening: options.paceOpening } : {}),
    handle: (chat, incoming, interaction, handling) =>
      handle({ store, chat, now: now(), log }, incoming, interaction, handling),
    receive:
      options.receive ??
      ((incoming, interaction, replay) => receive({ store, now: now() }, incoming, interaction, replay)),
    log,
  });
  routes = withExportLinks(links, teams.routes) ?? teams.routes;
  return {
    fake,
    baseUrl,
    chatFor: (tenant: string) => teams.chatFor(tenant),
    replay: teams.replay,
    /** Posts an activity as the Bot Framework would; the bot answers once it has handled it. */
    async send(activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
      const response = await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
      return { status: response.status, text: await response.text() };
    },
    async close() {
      await http.close();
      await fake.stop();
    },
  };
}

/**
 * A Teams bot on a test database for the enclosing `describe`: a fresh bot (and fake Bot Connector)
 * before each test, closed after them all.
 */
export function useTeamsBot(database: () => OpenDatabase) {
  let bot: Awaited<ReturnType<typeof startTeamsBot>> | undefined;
  let say: ReturnType<typeof activities> | undefined;
  beforeEach(async () => {
    await bot?.close();
    bot = await startTeamsBot(database());
    say = activities(bot.fake.serviceUrl);
  });
  afterAll(() => bot?.close());
  const running = () => {
    if (!bot || !say) throw new Error('the Teams bot is not running yet');
    return { bot, say };
  };
  return {
    bot: () => running().bot,
    say: () => running().say,
    /** Posts an activity and expects the 200 Teams gets once it is handled. */
    send: async (activity: unknown) => {
      const response = await running().bot.send(activity);
      expect(response.status, response.text).toBe(200);
    },
  };
}

/** What people see in their personal chats with the bot, and the buttons on its cards there. */
export function personalChats(bot: () => Awaited<ReturnType<typeof startTeamsBot>>) {
  const personalChat = (user: TeamsUser) => `a:personal-${user.id.slice(3)}`;
  const inChat = (user: TeamsUser): SentActivity[] =>
    bot()
      .fake.messages()
      .filter((s) => s.conversation === personalChat(user));
  return {
    personalChat,
    inChat,
    texts: (user: TeamsUser) => inChat(user).map((s) => FakeTeams.textOf(s)),
    /** The data of the newest button with this title in the person's chat, to submit as Teams would. */
    button: (user: TeamsUser, title: string) => {
      const card = inChat(user).findLast((s) => FakeTeams.buttons(s).some((b) => b.title === title));
      const found = card ? FakeTeams.buttons(card).find((b) => b.title === title) : undefined;
      if (!found) throw new Error(`no ${title} button for ${user.name}`);
      return found.data;
    },
    /** Posts an activity and expects the 200 Teams gets once it is handled. */
    send: async (activity: unknown) => {
      const response = await bot().send(activity);
      expect(response.status, response.text).toBe(200);
    },
  };
}
