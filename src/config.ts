import { resolve } from 'node:path';
import { z } from 'zod';

// The environment, read and checked once at start. Every problem is collected and reported together,
// each naming its variable and what to do; no message ever repeats a secret's value.

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(problems.map((problem) => `- ${problem}`).join('\n'));
  }
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

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

export interface Config {
  mode: 'console' | 'platforms';
  database: { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };
  port: number | null;
  host: string;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel?: LogLevel;
  dryRun: boolean;
  testClockFile: string | null;
  publicUrl: string | null;
  encryptionKey: Buffer | null;
  /**
   * Who may read GET /metrics: with `token`, only requests bearing it; with `port`, only that port
   * serves it (never the public one). Neither: /metrics is not served.
   */
  metrics: { token: string | null; port: number | null };
  slack: SlackConfig | null;
  teams: TeamsConfig | null;
}

const optional = z.string().optional();

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'should be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce
    .number()
    .int('should be a whole number')
    .min(1)
    .max(65535, 'should be a port from 1 to 65535')
    .optional(),
  HOST: z.string().default('0.0.0.0'),
  NODE_ENV: z
    .enum(['development', 'production', 'test'], 'should be development, production or test')
    .default('development'),
  LOG_LEVEL: z
    .enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'should be one of fatal, error, warn, info, debug, trace, silent',
    )
    .optional(),
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'should be a bot token starting with xoxb-').optional(),
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'should be an app-level token starting with xapp-').optional(),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: 'should be an http(s) URL' })
    .refine((url) => url.endsWith('/api/'), 'should end with /api/, like https://slack.com/api/')
    .default('https://slack.com/api/'),
  MICROSOFT_APP_ID: optional,
  MICROSOFT_APP_PASSWORD: optional,
  MICROSOFT_APP_TYPE: z
    .enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI'], 'should be SingleTenant, MultiTenant or UserAssignedMSI')
    .default('SingleTenant'),
  MICROSOFT_APP_TENANT_ID: optional,
  TEAMS_ALLOW_ANONYMOUS: z.stringbool({ error: 'should be true or false' }).default(false),
  ENCRYPTION_KEY: optional,
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'should be an http(s) URL' }).optional(),
  DRY_RUN: z.stringbool({ error: 'should be true or false' }).default(false),
  TEST_CLOCK_FILE: optional,
  METRICS_TOKEN: z
    .string()
    .min(16, 'should be at least 16 characters; make one with `openssl rand -hex 32`')
    .optional(),
  METRICS_PORT: z.coerce
    .number()
    .int('should be a whole number')
    .min(1)
    .max(65535, 'should be a port from 1 to 65535')
    .optional(),
});

type Env = z.infer<typeof schema>;

/** Empty strings count as unset, as they do in most shells' `FOO= npm start`. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
}

function decodeKey(value: string | undefined, problems: string[]): Buffer | null {
  if (value === undefined) return null;
  const key = Buffer.from(value, 'base64');
  // Buffer.from ignores characters that are not base64, so check that the text round-trips.
  if (key.length !== 32 || key.toString('base64') !== value.trim()) {
    problems.push(
      'ENCRYPTION_KEY should be 32 random bytes in base64 (44 characters); make one with `openssl rand -base64 32`.',
    );
    return null;
  }
  return key;
}

function slackConfig(env: Env, encryptionKey: Buffer | null, problems: string[]): SlackConfig | null {
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

function teamsConfig(env: Env, problems: string[]): TeamsConfig | null {
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

export function loadConfig(rawEnv: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(withoutEmpty(rawEnv));
  if (!parsed.success) {
    // zod's messages here are ours and never echo the value.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  const encryptionKey = decodeKey(env.ENCRYPTION_KEY, problems);
  const slack = slackConfig(env, encryptionKey, problems);
  const teams = teamsConfig(env, problems);
  if (env.TEST_CLOCK_FILE && env.NODE_ENV === 'production') {
    problems.push('TEST_CLOCK_FILE is for tests only and is refused with NODE_ENV=production; unset it.');
  }
  const platforms = slack !== null || teams !== null;
  const port = env.PORT ?? (platforms ? 3000 : null);
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT === port) {
    problems.push(
      `METRICS_PORT is the same as PORT (${port}): give the metrics a port of their own, or unset METRICS_PORT and set METRICS_TOKEN.`,
    );
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    mode: platforms ? 'platforms' : 'console',
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'embedded', dataDir: resolve(env.DATA_DIR) },
    port,
    host: env.HOST,
    nodeEnv: env.NODE_ENV,
    ...(env.LOG_LEVEL ? { logLevel: env.LOG_LEVEL } : {}),
    dryRun: env.DRY_RUN,
    testClockFile: env.TEST_CLOCK_FILE ?? null,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    encryptionKey,
    metrics: { token: env.METRICS_TOKEN ?? null, port: env.METRICS_PORT ?? null },
    slack,
    teams,
  };
}

/** What start-up logs about the configuration: no secrets, and no password from the database URL. */
export function describeConfig(config: Config): Record<string, unknown> {
  let database: string;
  if (config.database.kind === 'postgres') {
    try {
      const url = new URL(config.database.url);
      database = `postgres ${url.hostname || 'socket'}${url.port ? `:${url.port}` : ''}${url.pathname}`;
    } catch {
      database = 'postgres';
    }
  } else {
    database = `embedded ${config.database.dataDir}`;
  }
  return {
    mode: config.mode,
    database,
    port: config.port,
    host: config.host,
    nodeEnv: config.nodeEnv,
    slack: config.slack
      ? `${config.slack.install.mode}${config.slack.socketModeAppToken ? ', socket mode' : ''}`
      : 'off',
    teams: config.teams?.mode ?? 'off',
    dryRun: config.dryRun,
    testClock: config.testClockFile !== null,
    encryptionKey: config.encryptionKey !== null,
    metrics:
      config.metrics.port !== null
        ? `port ${config.metrics.port}${config.metrics.token ? ', token' : ''}`
        : config.metrics.token
          ? 'token'
          : 'off',
  };
}
