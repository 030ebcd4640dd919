import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../../src/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const SIGNING = 'signing-SECRET-1234';
const BOT = 'xoxb-BOT-TOKEN-5678';
const CLIENT_SECRET = 'client-SECRET-9012';
const STATE = 'state-SECRET-3456';
const PASSWORD = 'ms-PASSWORD-7890';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('runs the console on the embedded database with no settings at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'console',
      database: { kind: 'embedded', dataDir: resolve('.data') },
      port: null,
      host: '0.0.0.0',
      nodeEnv: 'development',
      dryRun: false,
      testClockFile: null,
      slack: null,
      teams: null,
      encryptionKey: null,
    });
    expect(config.logLevel).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ', SLACK_BOT_TOKEN: '' }).mode).toBe('console');
  });

  it('reads the database URL, port, data directory and flags', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:pw@db.internal:5432/circle',
      PORT: '8080',
      DATA_DIR: '/var/lib/circle',
      DRY_RUN: 'true',
      LOG_LEVEL: 'debug',
      PUBLIC_URL: 'https://circle.example.org/',
      TEST_CLOCK_FILE: '/tmp/now',
    });
    expect(config).toMatchObject({
      database: { kind: 'postgres', url: 'postgres://app:pw@db.internal:5432/circle' },
      port: 8080,
      dryRun: true,
      logLevel: 'debug',
      publicUrl: 'https://circle.example.org',
      testClockFile: '/tmp/now',
    });
  });

  it('reads false as false for boolean variables', () => {
    expect(loadConfig({ DRY_RUN: 'false' }).dryRun).toBe(false);
    expect(loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'false' }).teams).toBeNull();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DRY_RUN: 'maybe' }, 'DRY_RUN'],
    [{ SLACK_API_URL: 'http://127.0.0.1:4000/' }, 'SLACK_API_URL'],
    [{ ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }, 'ENCRYPTION_KEY'],
    [{ ENCRYPTION_KEY: 'not base64 at all!!' }, 'ENCRYPTION_KEY'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(problems(env).join('\n')).toContain(name);
  });

  it('lists every problem at once', () => {
    expect(problems({ PORT: 'abc', NODE_ENV: 'staging', LOG_LEVEL: 'loud' })).toHaveLength(3);
  });

  it('configures one Slack workspace from a bot token and its signing secret', () => {
    const config = loadConfig({
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_BOT_TOKEN: BOT,
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
    });
    expect(config.mode).toBe('platforms');
    expect(config.port).toBe(3000);
    expect(config.slack).toEqual({
      signingSecret: SIGNING,
      apiUrl: 'http://127.0.0.1:4000/api/',
      install: { mode: 'single', botToken: BOT },
    });
  });

  it('configures many Slack workspaces through OAuth, with an encryption key and Socket Mode', () => {
    const config = loadConfig({
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACK_STATE_SECRET: STATE,
      SLACK_APP_TOKEN: 'xapp-1-abc',
      ENCRYPTION_KEY: KEY,
    });
    expect(config.slack).toMatchObject({
      apiUrl: 'https://slack.com/api/',
      socketModeAppToken: 'xapp-1-abc',
      install: { mode: 'oauth', clientId: '123.456', clientSecret: CLIENT_SECRET, stateSecret: STATE },
    });
    expect(config.encryptionKey).toEqual(Buffer.alloc(32, 7));
  });

  it.each([
    [{ SLACK_BOT_TOKEN: BOT }, /SLACK_SIGNING_SECRET is missing/],
    [{ SLACK_SIGNING_SECRET: SIGNING }, /SLACK_BOT_TOKEN is missing/],
    [{ SLACK_SIGNING_SECRET: SIGNING, SLACK_CLIENT_ID: '1' }, /SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are missing/],
    [
      { SLACK_SIGNING_SECRET: SIGNING, SLACK_BOT_TOKEN: BOT, SLACK_CLIENT_ID: '1' },
      /SLACK_BOT_TOKEN conflicts with SLACK_CLIENT_ID/,
    ],
    [
      {
        SLACK_SIGNING_SECRET: SIGNING,
        SLACK_CLIENT_ID: '1',
        SLACK_CLIENT_SECRET: CLIENT_SECRET,
        SLACK_STATE_SECRET: STATE,
      },
      /ENCRYPTION_KEY is missing/,
    ],
    [{ SLACK_SIGNING_SECRET: SIGNING, SLACK_BOT_TOKEN: 'xoxp-user' }, /SLACK_BOT_TOKEN should be a bot token/],
    [{ MICROSOFT_APP_ID: 'app' }, /MICROSOFT_APP_PASSWORD is missing/],
    [{ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: PASSWORD }, /MICROSOFT_APP_TENANT_ID is missing/],
    [{ MICROSOFT_APP_PASSWORD: PASSWORD }, /MICROSOFT_APP_ID is missing/],
    [{ TEAMS_ALLOW_ANONYMOUS: 'true', NODE_ENV: 'production' }, /refused with NODE_ENV=production/],
    [
      {
        TEAMS_ALLOW_ANONYMOUS: 'true',
        MICROSOFT_APP_ID: 'app',
        MICROSOFT_APP_PASSWORD: PASSWORD,
        MICROSOFT_APP_TENANT_ID: 't',
      },
      /conflicts with MICROSOFT_APP_ID/,
    ],
    [{ TEST_CLOCK_FILE: '/tmp/now', NODE_ENV: 'production' }, /TEST_CLOCK_FILE is for tests only/],
  ])('refuses a partial or conflicting platform set %j', (env, message) => {
    expect(problems(env).join('\n')).toMatch(message);
  });

  it('configures Teams with credentials or in anonymous development mode', () => {
    expect(
      loadConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: PASSWORD, MICROSOFT_APP_TENANT_ID: 'tenant' })
        .teams,
    ).toEqual({
      mode: 'authenticated',
      appId: 'app',
      appPassword: PASSWORD,
      appType: 'SingleTenant',
      tenantId: 'tenant',
    });
    expect(
      loadConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: PASSWORD, MICROSOFT_APP_TYPE: 'MultiTenant' })
        .teams,
    ).toMatchObject({
      appType: 'MultiTenant',
    });
    expect(loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true' }).teams).toEqual({ mode: 'anonymous' });
  });

  it('never repeats a secret in a problem or in what it logs', () => {
    const secrets = [SIGNING, BOT, CLIENT_SECRET, STATE, PASSWORD, 'pw-in-url'];
    const refused = problems({
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_BOT_TOKEN: BOT,
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACK_STATE_SECRET: STATE,
      MICROSOFT_APP_PASSWORD: PASSWORD,
    }).join('\n');
    expect(refused.length).toBeGreaterThan(0);
    const described = JSON.stringify(
      describeConfig(
        loadConfig({
          DATABASE_URL: 'postgres://app:pw-in-url@db:5432/circle',
          SLACK_SIGNING_SECRET: SIGNING,
          SLACK_BOT_TOKEN: BOT,
          MICROSOFT_APP_ID: 'app',
          MICROSOFT_APP_PASSWORD: PASSWORD,
          MICROSOFT_APP_TENANT_ID: 'tenant',
          ENCRYPTION_KEY: KEY,
          METRICS_TOKEN: 'metrics-token-never-logged',
        }),
      ),
    );
    expect(described).toContain('postgres db:5432/circle');
    expect(described).toContain('"metrics":"token"');
    for (const secret of [...secrets, KEY, 'metrics-token-never-logged']) {
      expect(refused).not.toContain(secret);
      expect(described).not.toContain(secret);
    }
  });

  it('serves /metrics to a bearer of METRICS_TOKEN or on METRICS_PORT, and not at all by default', () => {
    const platform = { TEAMS_ALLOW_ANONYMOUS: 'true' };
    expect(loadConfig(platform).metrics).toEqual({ token: null, port: null });
    expect(loadConfig({ ...platform, METRICS_TOKEN: 'a-long-enough-token' }).metrics).toEqual({
      token: 'a-long-enough-token',
      port: null,
    });
    expect(loadConfig({ ...platform, METRICS_PORT: '9464' }).metrics).toEqual({ token: null, port: 9464 });
    expect(problems({ ...platform, METRICS_TOKEN: 'short' })).toEqual([
      expect.stringMatching(/^METRICS_TOKEN should be at least 16 characters/),
    ]);
    expect(problems({ ...platform, METRICS_PORT: '3000' })).toEqual([
      expect.stringMatching(/^METRICS_PORT is the same as PORT \(3000\)/),
    ]);
  });
});
