import { DEFAULT_MIGRATION_TABLE, Migrator, sql, type Kysely } from 'kysely';
import { migrations } from '../../migrations/index.js';

/**
 * Brings the schema up to date; returns the names of the migrations it applied. The migrator's own
 * tables are pinned to the schema in use (by default the connection's current one): unpinned, it
 * finds them in any schema of the database but queries the first one on the search path.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const current =
    schema ?? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
  if (current && (await appliedExactly(db, current))) return [];
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(current ? { migrationTableSchema: current } : {}),
  });
  let { error, results = [] } = await migrator.migrateToLatest();
  // The migrator looks for its tables through every schema of the database. A schema someone else
  // drops in that moment (another test's, another tenant's) fails the look with "schema (or
  // relation) does not exist" although ours is fine: that look is tried again (up to ten times in all).
  for (let tries = 1; tries < 10 && isOtherSchemaGone(error, current); tries++)
    ({ error, results = [] } = await migrator.migrateToLatest());
  const failed = results.find((result) => result.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/**
 * An object of another schema that was dropped while the migrator looked through every schema:
 * PostgreSQL's "schema does not exist" (3F000) or "relation does not exist" (42P01) naming a schema
 * other than ours, or a dropped table's column met while reading its serial sequence (42703 from
 * pg_get_serial_sequence), which names no schema but cannot be ours: ours is read, never dropped.
 */
function isOtherSchemaGone(error: unknown, schema: string | undefined): boolean {
  const failure = error as { code?: unknown; message?: unknown; routine?: unknown } | undefined;
  if (typeof failure?.message !== 'string') return false;
  if (failure.code === '42703') return failure.routine === 'pg_get_serial_sequence';
  return (
    (failure.code === '3F000' || failure.code === '42P01') &&
    (schema === undefined || !failure.message.includes(`"${schema}"`))
  );
}

/**
 * True when the database has applied exactly the migrations this version knows: the usual restart,
 * answered by two small queries instead of the migrator's round of table checks and locking (about
 * 0.7 s on the embedded database). Anything else, a missing migration or one this version does not
 * know, goes through the migrator, which applies or refuses as it always has.
 */
async function appliedExactly(db: Kysely<any>, schema: string): Promise<boolean> {
  const { rows } = await sql<{
    found: string | null;
  }>`select to_regclass(quote_ident(${schema}) || '.' || ${DEFAULT_MIGRATION_TABLE}) as found`.execute(db);
  if (!rows[0]?.found) return false;
  const applied = await sql<{ name: string }>`select name from ${sql.id(schema, DEFAULT_MIGRATION_TABLE)}`.execute(db);
  const known = new Set(Object.keys(migrations));
  return applied.rows.length === known.size && applied.rows.every((row) => known.has(row.name));
}
