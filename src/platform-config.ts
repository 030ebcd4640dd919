import type { Env } from './env-schema.js';

// Which platforms the environment sets up, and how: each variable alone is checked in env-schema.ts,
// here the ones that only make sense together.

export interface SlackConfig {
  signingSecret: string;
  /** Base URL of the Web API, with its trailing `/api/`. */
  apiUrl: string;
  socketModeAppToken?: string;
  install:
    | { mode: 'single'; botToken: string }
    | { mode: 'oauth'; clientId: string; clientSecret: string; stateSecret: string };
}

export type TeamsConfig =
  | {
      mode: 'authenticated';
      appId: string;
      appPassword?: string;
      appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
      tenantId?: string;
    }
  | { mode: 'anonymous' };

export function slackConfig(env: Env, encryptionKey: Buffer | null, problems: string[]): SlackConfig | null {
  const oauth = {
    SLACK_CLIENT_ID: env.SLACK_CLIENT_ID,
    SLACK_CLIENT_SECRET: env.SLACK_CLIENT_SECRET,
    SLACK_STATE_SECRET: env.SLACK_STATE_SECRET,
  };
  const oauthSet = Object.entries(oauth).filter(([, value]) => value !== undefined);
  const configured = env.SLACK_SIGNING_SECRET || env.SLACK_BOT_TOKEN || env.SLACK_APP_TOKEN || oauthSet.length > 0;
  if (!configured) return null;

  const before = problems.length;
  if (!env.SLACK_SIGNING_SECRET) {
    problems.push(
      "SLACK_SIGNING_SECRET is missing: Slack needs it to check requests; copy it from your Slack app's Basic Information page.",
    );
  }
  if (env.SLACK_BOT_TOKEN && oauthSet.length > 0) {
    problems.push(
      `SLACK_BOT_TOKEN conflicts with ${oauthSet.map(([name]) => name).join(', ')}: use the bot token for one workspace, or the OAuth variables for many, not both.`,
    );
  } else if (oauthSet.length > 0 && oauthSet.length < 3) {
    const missing = Object.entries(oauth)
      .filter(([, value]) => value === undefined)
      .map(([name]) => name);
    problems.push(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: installing in many workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET.`,
    );
  } else if (!env.SLACK_BOT_TOKEN && oauthSet.length === 0) {
    problems.push(
      'SLACK_BOT_TOKEN is missing: set it for one workspace (OAuth & Permissions page), or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for many.',
    );
  }
  if (oauthSet.length === 3 && !env.SLACK_BOT_TOKEN && !encryptionKey && env.ENCRYPTION_KEY === undefined) {
    problems.push(
      'ENCRYPTION_KEY is missing: installing in many workspaces stores their tokens, encrypted with it; make one with `openssl rand -base64 32`.',
    );
  }
  if (problems.length > before || !env.SLACK_SIGNING_SECRET) return null;

  const install: SlackConfig['install'] = env.SLACK_BOT_TOKEN
    ? { mode: 'single', botToken: env.SLACK_BOT_TOKEN }
    : {
        mode: 'oauth',
        clientId: env.SLACK_CLIENT_ID ?? '',
        clientSecret: env.SLACK_CLIENT_SECRET ?? '',
        stateSecret: env.SLACK_STATE_SECRET ?? '',
      };
  return {
    signingSecret: env.SLACK_SIGNING_SECRET,
    apiUrl: env.SLACK_API_URL,
    ...(env.SLACK_APP_TOKEN ? { socketModeAppToken: env.SLACK_APP_TOKEN } : {}),
    install,
  };
}

export function teamsConfig(env: Env, problems: string[]): TeamsConfig | null {
  const appType = env.MICROSOFT_APP_TYPE;
  if (env.TEAMS_ALLOW_ANONYMOUS) {
    if (env.NODE_ENV === 'production') {
      problems.push(
        'TEAMS_ALLOW_ANONYMOUS=true is refused with NODE_ENV=production: anonymous mode accepts any token. Set MICROSOFT_APP_ID and its password instead.',
      );
    }
    if (env.MICROSOFT_APP_ID)
      problems.push(
        'TEAMS_ALLOW_ANONYMOUS conflicts with MICROSOFT_APP_ID: use the app credentials, or anonymous mode for local testing, not both.',
      );
    return problems.length ? null : { mode: 'anonymous' };
  }
  if (!env.MICROSOFT_APP_ID) {
    const stray = ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID'].filter(
      (name) => env[name as keyof Env] !== undefined,
    );
    if (stray.length)
      problems.push(
        `MICROSOFT_APP_ID is missing: ${stray.join(' and ')} ${stray.length > 1 ? 'are' : 'is'} set without it.`,
      );
    return null;
  }
  const before = problems.length;
  if (appType !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD) {
    problems.push("MICROSOFT_APP_PASSWORD is missing: copy the client secret of your bot's app registration.");
  }
  if (appType !== 'MultiTenant' && !env.MICROSOFT_APP_TENANT_ID) {
    problems.push(`MICROSOFT_APP_TENANT_ID is missing: a ${appType} bot needs the id of its Microsoft Entra tenant.`);
  }
  if (problems.length > before) return null;
  return {
    mode: 'authenticated',
    appId: env.MICROSOFT_APP_ID,
    appType,
    ...(env.MICROSOFT_APP_PASSWORD ? { appPassword: env.MICROSOFT_APP_PASSWORD } : {}),
    ...(env.MICROSOFT_APP_TENANT_ID ? { tenantId: env.MICROSOFT_APP_TENANT_ID } : {}),
  };
}
