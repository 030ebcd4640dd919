import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileClock, systemClock, type Clock } from './clock.js';
import { ConfigError, describeConfig, loadConfig, type Config } from './config.js';
import { handle, receive, type InteractionHandler, type InteractionReceiver } from './core/handle.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { openDatabase, type OpenDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { checkEncryptionKey, EncryptionKeyMismatchError } from './db/key-check.js';
import { createStore } from './db/store.js';
import { startHttpServer, type RunningHttpServer } from './http/server.js';
import { createLogger, type Logger } from './log.js';
import type { ChatPort } from './core/chat-port.js';
import type { Platform } from './core/model.js';
import { DeliveryError } from './core/outbox.js';
import { countedSends, createMetrics } from './metrics.js';
import { exportLinksFor, platformRoutes, startSlack, startTeams, unsupported, withExportLinks } from './platforms.js';
import { createWorkQueue } from './work-queue.js';
import { startTimedWork } from './scheduler/start-timed-work.js';
import { timedChat } from './scheduler/timed-chat.js';
import { pace, workspaceBucketFor } from './scheduler/pacer.js';
import { outboxRepo } from './db/repositories/outbox.js';
import { paceBudgetRepo } from './db/repositories/pace-budgets.js';

// Composition root: config -> database -> migrations -> adapters -> HTTP server. The only place that
// knows every part; each part gets what it needs as arguments.

/**
 * Interactions handled at once, a hard cap. Past this they wait their turn in memory (each is already
 * stored before its acknowledgement, and replayed if the process stops first), so a burst leaves the
 * database and the event loop free for the acknowledgements that must go out within Slack's 3
 * seconds. In the command benchmark 4 kept acknowledgements faster than 8 did.
 */
const HANDLING_CONCURRENCY = 4;

/** How long stopping waits for interactions already under way. */
const SHUTDOWN_GRACE_MS = 10_000;

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
  const refusal = unsupported(config);
  if (refusal) fail(`Mentor Circle cannot start: ${refusal}`);

  const clock: Clock = config.testClockFile ? fileClock(config.testClockFile) : systemClock;
  const database = await openStorage(config, log);
  if (config.encryptionKey) {
    const key = config.encryptionKey;
    await checkEncryptionKey(database.db, key, clock()).then(
      (outcome) => log.info({ outcome }, 'ENCRYPTION_KEY checked'),
      async (error: unknown) => {
        await database.close();
        if (error instanceof EncryptionKeyMismatchError) fail(`Mentor Circle cannot start: ${error.message}`);
        throw error;
      },
    );
  }
  const store = createStore(database.db);
  const metrics = createMetrics();
  // Handling goes on after a platform was acknowledged; stopping waits for it before closing the database.
  const inFlight = new Set<Promise<void>>();
  const handling = createWorkQueue(HANDLING_CONCURRENCY);
  const budget = paceBudgetRepo(database.db);
  metrics.watchHandling(() => handling.waiting);
  const handleInteraction: InteractionHandler = (chat, incoming, interaction, options) => {
    const labels = { platform: incoming.platform, kind: interaction.kind };
    const timer = metrics.interactionSeconds.startTimer(labels);
    // Every line about one interaction carries its id, so an operator can follow it through the log.
    const reqLog = log.child({ reqId: incoming.eventId ?? randomUUID(), ...labels });
    const work = handling
      .run(() => {
        // Session posts and prompts a command writes are sent at once, paced like timed sends.
        const outboxChat = timedChat(chat, {
          platform: incoming.platform,
          workspace: incoming.workspace.externalId,
          budget,
        });
        return handle({ store, chat, outboxChat, now: clock(), clock, log: reqLog }, incoming, interaction, options);
      })
      .then((outcome) => {
        timer();
        metrics.interactions.inc({ ...labels, outcome });
      })
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
    return work;
  };
  const intake = createStore(database.intake);
  const storeOnArrival: InteractionReceiver = (incoming, interaction, replay) =>
    receive({ store: intake, now: clock() }, incoming, interaction, replay);

  const slack = await startSlack(
    config,
    database,
    intake,
    clock,
    { handle: handleInteraction, receive: storeOnArrival },
    log,
  ).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const exportLinks = exportLinksFor(config, database, clock);
  const teams = await startTeams(
    config,
    database,
    store,
    clock,
    { handle: handleInteraction, receive: storeOnArrival },
    log,
    {
      ...(exportLinks ? { exportLinks } : {}),
      countRefusal: (event) => metrics.personalChatsRefused.inc({ event }),
      // Opening a chat is a request like a send: it draws on the tenant's budget, not on any chat's.
      paceOpening: (tenant) => pace(workspaceBucketFor('teams', tenant), { budget }),
    },
  );
  const routes = withExportLinks(exportLinks, platformRoutes(slack?.routes, teams?.routes));

  // Timed work goes through whichever adapter the workspace is on.
  // The console's chat exists once the console has started, after the scheduler; timed work that
  // comes due before then (a test clock plans at once) waits for it instead of failing.
  let consoleStarted: (chat: ChatPort) => void = () => {};
  const consoleChat = config.mode === 'console' ? new Promise<ChatPort>((done) => (consoleStarted = done)) : undefined;
  const adapterFor = async (platform: Platform, workspace: string): Promise<ChatPort> => {
    if (platform === 'slack' && slack) return slack.chatFor(workspace);
    if (platform === 'teams' && teams) return teams.chatFor(workspace);
    if (platform === 'console' && consoleChat) return consoleChat;
    // Another replica may serve that platform; until one does, the work waits.
    throw new DeliveryError(`no ${platform} adapter runs in this process`);
  };
  const chatFor = async (platform: Platform, workspace: string): Promise<ChatPort> =>
    countedSends(await adapterFor(platform, workspace), (result) => metrics.sends.inc({ platform, result }));
  const scheduler = startTimedWork({
    database,
    store,
    outbox: outboxRepo(database.db),
    clock,
    chatFor,
    replayerFor: (platform) =>
      platform === 'slack' ? slack?.replay : platform === 'teams' ? teams?.replay : undefined,
    dryRun: config.dryRun,
    testClock: config.testClockFile !== null,
    metrics,
    log,
  });
  // GET /metrics: on a port of its own (METRICS_PORT), or on the public one for a bearer of
  // METRICS_TOKEN; never open on the public port.
  const metricsAccess = {
    read: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    ...(config.metrics.token ? { token: config.metrics.token } : {}),
  };
  const metricsOnPublicPort = config.metrics.port === null && config.metrics.token !== null;
  if (config.metrics.port === null && config.metrics.token === null) {
    log.info(
      'GET /metrics is off: set METRICS_TOKEN (scrapes send it as a bearer token) or METRICS_PORT (a port of its own) to serve it',
    );
  }
  const http: RunningHttpServer | null =
    config.port === null
      ? null
      : await startHttpServer({
          port: config.port,
          host: config.host,
          health: () => database.ping(),
          ...(metricsOnPublicPort ? { metrics: metricsAccess } : {}),
          log,
          ...(routes ? { routes } : {}),
        });
  const metricsHttp: RunningHttpServer | null =
    config.metrics.port === null
      ? null
      : await startHttpServer({
          port: config.metrics.port,
          host: config.host,
          health: () => database.ping(),
          metrics: metricsAccess,
          log,
        });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ inFlight: inFlight.size }, 'stopping');
    await scheduler.stop();
    await slack?.stop().catch((error: unknown) => log.warn({ err: error }, 'slack did not stop cleanly'));
    await http?.close();
    await metricsHttp?.close();
    await Promise.race([Promise.allSettled([...inFlight]), new Promise((done) => setTimeout(done, SHUTDOWN_GRACE_MS))]);
    await database.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  if (config.mode === 'platforms') {
    log.info({ port: http?.port, slack: slack !== undefined, teams: teams !== undefined }, 'ready');
    return;
  }
  const { runConsole } = await import('../adapters/console/run-console.js');
  await runConsole({
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    handle: handleInteraction,
    exportDir: join(config.database.kind === 'embedded' ? config.database.dataDir : resolve('.data'), 'exports'),
    onChat: consoleStarted,
  });
  await stop(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`Mentor Circle stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
