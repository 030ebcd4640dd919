import { resolve } from 'node:path';
import { envSchema, withoutEmpty } from './env-schema.js';
import { slackConfig, teamsConfig, type SlackConfig, type TeamsConfig } from './platform-config.js';

// The environment, read and checked once at start. Every problem is collected and reported together,
// each naming its variable and what to do; no message ever repeats a secret's value.

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(problems.map((problem) => `- ${problem}`).join('\n'));
  }
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

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

export function loadConfig(rawEnv: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(withoutEmpty(rawEnv));
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
