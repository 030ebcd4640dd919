import { z } from 'zod';

// The environment's variables, each with the message that names what it should be; the rules that
// span several variables (which platforms are set up, and how) are in platform-config.ts.

const optional = z.string().optional();

export const envSchema = z.object({
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

export type Env = z.infer<typeof envSchema>;

/** Empty strings count as unset, as they do in most shells' `FOO= npm start`. */
export function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
}
