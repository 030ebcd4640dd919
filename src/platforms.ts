import type { RequestListener } from 'node:http';
import type { InstallationVault } from '../adapters/slack/installations.js';
import type { SlackAdapter, SlackInstall } from '../adapters/slack/slack-app.js';
import type { TeamsDirectory } from '../adapters/teams/references.js';
import type { TeamsAdapter } from '../adapters/teams/teams-app.js';
import { TEAMS_PATH } from '../adapters/teams/teams-path.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { createExportLinks, type ExportLinks } from './http/export-links.js';
import { exportLinkRepo } from './db/repositories/export-links.js';
import type { InteractionHandler, InteractionReceiver } from './core/handle.js';
import type { Store } from './core/ports/store.js';
import { recordMembership, rosterChanged } from './core/membership.js';
import { appInstalled } from './core/use-cases/install-app.js';
import { memberSeen } from './core/use-cases/member-seen.js';
import { profileChanged } from './core/use-cases/profile-changed.js';
import type { OpenDatabase } from './db/database.js';
import { conversationRefRepo } from './db/repositories/conversation-refs.js';
import { personalChatRefusalRepo } from './db/repositories/personal-chat-refusals.js';
import { installationRepo } from './db/repositories/installations.js';
import type { Logger } from './log.js';
import { createSealer } from './secrets.js';

// The platform adapters as the configuration asks for them. Each is imported only when configured:
// @slack/bolt and botbuilder take about a second and 50 MB to load, which a bot without them never pays.

/** What this version cannot run, said plainly instead of half-starting. */
export function unsupported(config: Config): string | null {
  if (config.slack?.socketModeAppToken && config.slack.install.mode === 'oauth') {
    return 'Socket Mode (SLACK_APP_TOKEN) works with one workspace: use SLACK_BOT_TOKEN instead of the OAuth variables, or unset SLACK_APP_TOKEN.';
  }
  return null;
}

/** Slack installations, sealed with ENCRYPTION_KEY on their way into the database. */
function slackVault(database: OpenDatabase, key: Buffer, clock: Clock): InstallationVault {
  const sealer = createSealer(key);
  const installations = installationRepo(database.db);
  const boundTo = (teamId: string) => `slack:${teamId}`;
  return {
    save: (team, installation) =>
      installations.save({
        platform: 'slack',
        externalId: team.id,
        name: team.name,
        sealed: sealer.seal(installation, boundTo(team.id)),
        at: clock(),
      }),
    load: async (teamId) => {
      const sealed = await installations.load('slack', teamId);
      return sealed === null ? null : sealer.open(sealed, boundTo(teamId));
    },
    remove: (teamId) => installations.uninstall('slack', teamId, clock()),
  };
}

export async function startSlack(
  config: Config,
  database: OpenDatabase,
  store: Store,
  clock: Clock,
  interactions: { handle: InteractionHandler; receive: InteractionReceiver },
  log: Logger,
): Promise<SlackAdapter | undefined> {
  const slack = config.slack;
  if (!slack) return undefined;
  let install: SlackInstall;
  if (slack.install.mode === 'single') {
    install = { mode: 'single', botToken: slack.install.botToken };
  } else {
    // The config refuses OAuth without a key; checked again here so the types say so too.
    if (!config.encryptionKey) throw new Error('ENCRYPTION_KEY is required to store Slack installations');
    install = {
      mode: 'oauth',
      clientId: slack.install.clientId,
      clientSecret: slack.install.clientSecret,
      stateSecret: slack.install.stateSecret,
      vault: slackVault(database, config.encryptionKey, clock),
      ...(config.publicUrl ? { redirectUri: `${config.publicUrl}/slack/oauth_redirect` } : {}),
    };
  }
  const installations = installationRepo(database.db);
  const { createSlackAdapter } = await import('../adapters/slack/slack-app.js');
  return createSlackAdapter({
    signingSecret: slack.signingSecret,
    install,
    uninstalled: (teamId) => installations.uninstall('slack', teamId, clock()),
    membership: ({ teamId, channel, user, present }) =>
      recordMembership({ store, now: clock() }, { platform: 'slack', workspace: teamId, channel, user, present }),
    profileChanged: async ({ teamId, ...change }) => {
      await profileChanged({ store, now: clock() }, { platform: 'slack', workspace: teamId, ...change });
    },
    apiUrl: slack.apiUrl,
    ...(slack.socketModeAppToken ? { socketModeAppToken: slack.socketModeAppToken } : {}),
    ...interactions,
    log,
  });
}

/** Counts personal chats refused: `recorded` when Teams first answers 403, `skipped` for each send not tried because of one. */
export type RefusalCounter = (event: 'recorded' | 'skipped') => void;

/** Teams addresses and installs, on the database: the tenant is the workspace. */
export function teamsDirectory(
  database: OpenDatabase,
  store: Store,
  clock: Clock,
  exportLinks?: ExportLinks,
  countRefusal: RefusalCounter = () => {},
): TeamsDirectory {
  const refs = conversationRefRepo(database.db);
  const refusals = personalChatRefusalRepo(database.db);
  const installations = installationRepo(database.db);
  const workspace = (tenant: string) => store.workspaces.ensure({ platform: 'teams', externalId: tenant });
  return {
    ...(exportLinks
      ? { fileLinks: { publish: (to, files) => exportLinks.publish({ platform: 'teams', ...to }, files) } }
      : {}),
    async saveReference(key, reference) {
      await workspace(key.tenant);
      await refs.save({ ...key, reference: reference, at: clock() });
    },
    findReference: (key) => refs.find(key),
    serviceReference: (tenant) => refs.serviceReference(tenant),
    async keepPersonal(tenant, user, reference) {
      await workspace(tenant);
      return (
        (await refs.keep({
          tenant,
          kind: 'personal',
          key: user,
          reference: reference,
          at: clock(),
        })) ?? reference
      );
    },
    async refusedPersonalChat(tenant, user) {
      const refused = await refusals.refused((await workspace(tenant)).id, user);
      if (refused) countRefusal('skipped');
      return refused;
    },
    async personalChatRefused(tenant, user) {
      if (await refusals.record((await workspace(tenant)).id, user, clock())) countRefusal('recorded');
    },
    async wroteToBot(tenant, user) {
      await refusals.clear((await workspace(tenant)).id, user);
    },
    async removeReference(key) {
      const team = key.kind === 'channel' ? (await refs.find(key))?.teamId : undefined;
      await refs.remove(key);
      if (typeof team === 'string') await refs.removeTeam(key.tenant, team);
      // Removed from the last team it was in: the tenant's data is purged after the grace period,
      // unless the app comes back first (as for a Slack uninstall).
      if (key.kind === 'channel' && (await refs.channels(key.tenant)) === 0)
        await installations.uninstall('teams', key.tenant, clock());
    },
    installed: (tenant, installer, scope) =>
      appInstalled({ store, installations }, { platform: 'teams', workspace: tenant, installer, scope }),
    rosterChanged: (tenant, user) => rosterChanged({ store }, { platform: 'teams', workspace: tenant, user }),
    memberSeen: (tenant, member) => memberSeen({ store }, { platform: 'teams', workspace: tenant, member }),
  };
}

export async function startTeams(
  config: Config,
  database: OpenDatabase,
  store: Store,
  clock: Clock,
  interactions: { handle: InteractionHandler; receive: InteractionReceiver },
  log: Logger,
  extras: {
    exportLinks?: ExportLinks;
    countRefusal?: RefusalCounter;
    /** Waits for room in the tenant's pacing budget before a timed send opens a personal chat (one more request to Teams). */
    paceOpening?: (tenant: string) => Promise<void>;
  } = {},
): Promise<TeamsAdapter | undefined> {
  const teams = config.teams;
  if (!teams) return undefined;
  const { createTeamsAdapter } = await import('../adapters/teams/teams-app.js');
  return createTeamsAdapter({
    auth:
      teams.mode === 'anonymous'
        ? { mode: 'anonymous' }
        : {
            mode: 'authenticated',
            appId: teams.appId,
            appType: teams.appType,
            ...(teams.appPassword ? { appPassword: teams.appPassword } : {}),
            ...(teams.tenantId ? { tenantId: teams.tenantId } : {}),
          },
    directory: teamsDirectory(database, store, clock, extras.exportLinks, extras.countRefusal),
    ...(extras.paceOpening ? { paceOpening: extras.paceOpening } : {}),
    ...interactions,
    log,
  });
}

/** Both platforms on one port: Teams takes `/api/messages`, Slack everything else it serves. */
export function platformRoutes(
  slack: RequestListener | undefined,
  teams: RequestListener | undefined,
): RequestListener | undefined {
  if (!slack || !teams) return slack ?? teams;
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    (path === TEAMS_PATH ? teams : slack)(req, res);
  };
}

/** Signed export links, when the bot has a public address and a key to sign with. */
export function exportLinksFor(config: Config, database: OpenDatabase, clock: Clock): ExportLinks | undefined {
  if (!config.encryptionKey || !config.publicUrl) return undefined;
  return createExportLinks({
    repo: exportLinkRepo(database.db),
    key: config.encryptionKey,
    publicUrl: config.publicUrl,
    clock,
  });
}

/** Export links first, then the platforms' own routes. */
export function withExportLinks(
  links: ExportLinks | undefined,
  routes: RequestListener | undefined,
): RequestListener | undefined {
  if (!links) return routes;
  return (req, res) => {
    void links.serve(req, res).then(
      (served) => {
        if (served) return;
        if (routes) routes(req, res);
        else res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
      },
      () => {
        if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/plain' }).end('Please try again in a moment.');
      },
    );
  };
}
