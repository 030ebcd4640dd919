import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { lockDataDir } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';
import { typeParsers } from './type-parsers.js';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; /** tests isolate themselves in a schema of their own */ schema?: string }
  /**
   * `dataDir` null keeps the embedded database in memory (tests), which may start from the tarball of
   * a data directory dumped earlier instead of running initdb.
   */
  | { kind: 'embedded'; dataDir: string | null; loadDataDir?: Blob };

export interface OpenDatabase {
  db: Kysely<Database>;
  /**
   * Where slash commands are stored before Slack is acknowledged. On PostgreSQL it is a small pool of
   * its own, kept open, so an acknowledgement never queues behind the queries of handling already
   * under way, nor waits for a new connection after a quiet spell. Embedded, it is `db`.
   */
  intake: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  /** The schema a PostgreSQL target was confined to, if any. */
  schema?: string;
  /** True when the database answers `select 1` within the time given. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

interface PoolSize {
  max: number;
  /** Connections kept open however idle the bot is. */
  min: number;
  idleTimeoutMillis: number;
}

/** Handling: grows under load and shrinks back after a minute without work. */
const HANDLING_POOL: PoolSize = { max: 10, min: 2, idleTimeoutMillis: 60_000 };
/** Intake: one insert per slash command, so a few connections that stay open are enough. */
const INTAKE_POOL: PoolSize = { max: 3, min: 3, idleTimeoutMillis: 0 };

// Each database's driver is imported only when that database is the target: a bot on PostgreSQL never
// loads the embedded engine, nor an embedded one `pg`.

async function openPostgres(url: string, schema: string | undefined, size: PoolSize): Promise<Kysely<Database>> {
  const [{ default: pg }, { PreparingClient }] = await Promise.all([import('pg'), import('./prepared-statements.js')]);
  const pgTypes = {
    getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
      // pg-types declares its parsers as returning any.
      return typeParsers[oid] ?? (pg.types.getTypeParser(oid, format) as (value: string) => unknown);
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    Client: PreparingClient,
    ...size,
    // A server that does not answer fails the request within seconds, so the person hears "try again".
    connectionTimeoutMillis: 5000,
    types: pgTypes,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A client losing its server must not crash the process: the pool only listens on idle clients, and
  // a client that is checked out when the server goes emits 'error' too. The query in flight, and
  // the next one, report the outage to their callers.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function openEmbedded(
  dataDir: string | null,
  loadDataDir: Blob | undefined,
): Promise<{ db: Kysely<Database>; unlock: () => void }> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = dataDir
      ? await PGlite.create(join(dataDir, 'pglite'), { parsers: typeParsers })
      : await PGlite.create({ parsers: typeParsers, ...(loadDataDir ? { loadDataDir } : {}) });
    return { db: new Kysely<Database>({ dialect: new PGliteDialect(pglite) }), unlock };
  } catch (error) {
    unlock();
    throw error;
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  const { db, intake, unlock } =
    target.kind === 'postgres'
      ? {
          db: await openPostgres(target.url, target.schema, HANDLING_POOL),
          intake: await openPostgres(target.url, target.schema, INTAKE_POOL),
          unlock: () => {},
        }
      : await openEmbedded(target.dataDir, target.loadDataDir).then((embedded) => ({
          ...embedded,
          intake: embedded.db,
        }));
  return {
    db,
    intake,
    kind: target.kind,
    ...(target.kind === 'postgres' && target.schema ? { schema: target.schema } : {}),
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const answer = sql`select 1 as ok`
        .execute(db)
        .then(() => true)
        .catch(() => false);
      try {
        return await Promise.race([answer, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      try {
        if (intake !== db) await intake.destroy();
        await db.destroy();
      } finally {
        unlock();
      }
    },
  };
}
