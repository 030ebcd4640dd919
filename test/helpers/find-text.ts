import { sql } from 'kysely';
import type { OpenDatabase } from '../../src/db/database.js';

/**
 * Every place a marker still appears, searched in every text and JSON column of every table (not a
 * chosen few): `table.column` -> rows.
 */
export async function whereItAppears(database: OpenDatabase, marker: string): Promise<Record<string, number>> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'jsonb', 'json')`.execute(database.db);
  // The data model has dozens of such columns; finding few means the search itself is broken.
  if (columns.rows.length < 30) throw new Error(`only ${columns.rows.length} text columns found`);
  const found: Record<string, number> = {};
  for (const { table_name, column_name } of columns.rows) {
    const rows = await sql
      .raw<{ n: number }>(
        `select count(*)::int as n from "${table_name}" where "${column_name}"::text ilike '%${marker.replaceAll("'", "''")}%'`,
      )
      .execute(database.db);
    const n = rows.rows[0]?.n ?? 0;
    if (n > 0) found[`${table_name}.${column_name}`] = n;
  }
  return found;
}
