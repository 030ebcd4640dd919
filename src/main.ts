import { runConsole } from '../adapters/console/run-console.js';
import { fileClock, systemClock, type Clock } from './clock.js';
import { ConfigError, describeConfig, loadConfig, type Config } from './config.js';
import { handle } from './core/handle.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { openDatabase, type OpenDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createStore } from './db/store.js';
import { startHttpServer, type RunningHttpServer } from './http/server.js';
import { createLogger, type Logger } from './log.js';

// Composition root: config -> database -> migrations -> adapters -> HTTP server. The only place that
// knows every part; each part gets what it needs as arguments.

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(`Mentor Circle cannot start:\n${error.message}`);
    throw error;
  }
}

async function openStorage(config: Config, log: Logger): Promise<OpenDatabase> {
  const target =
    config.database.kind === 'postgres'
      ? ({ kind: 'postgres', url: config.database.url } as const)
      : ({ kind: 'embedded', dataDir: config.database.dataDir } as const);
  try {
    const database = await openDatabase(target);
    const applied = await migrateToLatest(database.db);
    if (applied.length) log.info({ applied }, 'database migrated');
    return database;
  } catch (error) {
    if (error instanceof DataDirLockedError) fail(error.message);
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.logLevel ?? (config.mode === 'console' ? 'warn' : 'info'));
  log.info(describeConfig(config), 'starting');

  if (config.mode === 'platforms') {
    fail(
      'Slack and Teams settings were found, but this version of Mentor Circle runs only the console. ' +
        'Unset the SLACK_* and MICROSOFT_* / TEAMS_* variables to try it in the terminal.',
    );
  }

  const clock: Clock = config.testClockFile ? fileClock(config.testClockFile) : systemClock;
  const database = await openStorage(config, log);
  const store = createStore(database.db);
  const http: RunningHttpServer | null =
    config.port === null ? null : await startHttpServer({ port: config.port, host: config.host, health: () => database.ping(), log });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await http?.close();
    await database.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  await runConsole({
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    handle: (chat, incoming, interaction) => handle({ store, chat, now: clock(), log }, incoming, interaction),
  });
  await stop(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`Mentor Circle stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
