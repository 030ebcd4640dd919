import type { InstallationVault } from '../adapters/slack/installations.js';
import { createSlackAdapter, type SlackAdapter, type SlackInstall } from '../adapters/slack/slack-app.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { InteractionHandler, InteractionReceiver } from './core/handle.js';
import type { OpenDatabase } from './db/database.js';
import { installationRepo } from './db/repositories/installations.js';
import type { Logger } from './log.js';
import { createSealer } from './secrets.js';

// The platform adapters as the configuration asks for them. Teams joins here when it lands.

/** What this version cannot run yet, said plainly instead of half-starting. */
export function unsupported(config: Config): string | null {
  if (config.teams) return 'Microsoft Teams is not part of this version yet; unset MICROSOFT_APP_ID and TEAMS_ALLOW_ANONYMOUS.';
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
      installations.save({ platform: 'slack', externalId: team.id, name: team.name, sealed: sealer.seal(installation, boundTo(team.id)), at: clock() }),
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
  clock: Clock,
  core: { handle: InteractionHandler; receive: InteractionReceiver },
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
  return createSlackAdapter({
    signingSecret: slack.signingSecret,
    install,
    uninstalled: (teamId) => installations.uninstall('slack', teamId, clock()),
    apiUrl: slack.apiUrl,
    ...(slack.socketModeAppToken ? { socketModeAppToken: slack.socketModeAppToken } : {}),
    ...core,
    log,
  });
}

