import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from '../../migrations/index.js';

/**
 * Brings the schema up to date; returns the names of the migrations it applied. The migrator's own
 * tables are pinned to the schema in use (by default the connection's current one): unpinned, it
 * finds them in any schema of the database but queries the first one on the search path.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const current = schema ?? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(current ? { migrationTableSchema: current } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
