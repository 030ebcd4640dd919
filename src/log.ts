import pino, { type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * Logs go to stderr, so the console adapter's stdout carries only the conversation. Known secret
 * fields are redacted wherever they appear; message texts are logged only at debug level or below.
 */
export function createLogger(level: LevelWithSilent): Logger {
  return pino(
    {
      level,
      base: { app: 'mentor-circle' },
      redact: {
        paths: ['*.token', '*.botToken', '*.password', '*.secret', '*.authorization', 'headers.authorization', '*.url'],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
