import { sql } from 'kysely';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';

// The kysely row types in src/db/schema.ts are erased at run time, so they are read here with the
// TypeScript compiler and set beside a migrated database's own description of its columns: a
// migration that adds, drops or loosens a column without schema.ts (or the reverse) fails here.

const SCHEMA_FILE = fileURLToPath(new URL('../../src/db/schema.ts', import.meta.url));
/** Kysely's own bookkeeping, not part of the data model. */
const MIGRATOR_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
/** Columns with no default that a BEFORE INSERT trigger fills in (migrations 0015 and 0021). */
const FILLED_BY_TRIGGERS = new Set(['goals.number', 'calendar.number']);

interface Column {
  /** `table.column` */
  name: string;
  /** null when the declared type (`unknown`, `any`) says nothing either way. */
  nullable: boolean | null;
  /** May be left out of an insert: a default, an identity, or a value a trigger fills in. */
  defaulted: boolean;
}

/** Every column of every table of the `Database` interface, as schema.ts declares it. */
function declaredColumns(): Column[] {
  const program = ts.createProgram([SCHEMA_FILE], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (problems.length) throw new Error(`src/db/schema.ts does not compile: ${problems.join('; ')}`);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SCHEMA_FILE);
  const module = source && checker.getSymbolAtLocation(source);
  const database = module && checker.getExportsOfModule(module).find((symbol) => symbol.name === 'Database');
  if (!database) throw new Error('src/db/schema.ts exports no Database interface');
  const has = (type: ts.Type, flag: ts.TypeFlags) =>
    (type.isUnion() ? type.types : [type]).some((t) => (t.flags & flag) !== 0);
  const columns: Column[] = [];
  for (const table of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(database))) {
    for (const column of checker.getPropertiesOfType(checker.getTypeOfSymbol(table))) {
      const type = checker.getTypeOfSymbol(column);
      // ColumnType<Select, Insert, Update> (and Generated<T>) carry their parts as phantom properties.
      const part = (name: string) => {
        const property = type.getProperty(name);
        return property ? checker.getTypeOfSymbol(property) : type;
      };
      const selected = part('__select__');
      columns.push({
        name: `${table.name}.${column.name}`,
        nullable: has(selected, ts.TypeFlags.Unknown | ts.TypeFlags.Any) ? null : has(selected, ts.TypeFlags.Null),
        defaulted: has(part('__insert__'), ts.TypeFlags.Undefined),
      });
    }
  }
  return columns;
}

/** Every column of the schema in use, as the migrated database describes it. */
async function storedColumns(database: OpenDatabase): Promise<Column[]> {
  const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: string; defaulted: boolean }>`
    select c.table_name, c.column_name, c.is_nullable, (c.column_default is not null or c.is_identity = 'YES') as defaulted
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(database.db);
  return rows
    .filter((row) => !MIGRATOR_TABLES.has(row.table_name))
    .map((row) => {
      const name = `${row.table_name}.${row.column_name}`;
      return { name, nullable: row.is_nullable === 'YES', defaulted: row.defaulted || FILLED_BY_TRIGGERS.has(name) };
    });
}

const names = (columns: Column[]) => columns.map((c) => c.name).sort();
const tables = (columns: Column[]) => [...new Set(columns.map((c) => c.name.split('.')[0]))].sort();
const described = (columns: Column[], describe: (c: Column) => string) =>
  columns.map((c) => `${c.name} ${describe(c)}`).sort();

let declared: Column[];
beforeAll(() => {
  declared = declaredColumns();
});

describe.each(testDatabaseKinds)('schema.ts and the migrated database on %s', (kind) => {
  let stored: Column[];
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    stored = await storedColumns(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('name the same tables', () => {
    expect(tables(declared)).toEqual(tables(stored));
  });

  it('name the same columns in each table', () => {
    expect(names(declared)).toEqual(names(stored));
  });

  it('agree on which columns may be null', () => {
    const known = new Set(names(stored));
    // `unknown` (jsonb read as it comes) says nothing of null, so those columns are left out.
    const typed = declared.filter((c) => c.nullable !== null && known.has(c.name));
    const byName = new Map(stored.map((c) => [c.name, c]));
    const nullability = (c: Column) => (c.nullable ? 'null' : 'not null');
    expect(described(typed, nullability)).toEqual(
      described(
        typed.map((c) => byName.get(c.name) ?? c),
        nullability,
      ),
    );
  });

  it('fill in the trigger-numbered columns on insert', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select distinct event_object_table as table_name from information_schema.triggers
      where event_object_schema = current_schema() and event_manipulation = 'INSERT' and action_timing = 'BEFORE'`.execute(
      database.db,
    );
    const triggered = new Set(rows.map((row) => row.table_name));
    expect([...FILLED_BY_TRIGGERS].filter((name) => !triggered.has(name.split('.')[0] ?? ''))).toEqual([]);
  });

  it('agree on which columns an insert may leave out', () => {
    const known = new Set(names(stored));
    const byName = new Map(stored.map((c) => [c.name, c]));
    const both = declared.filter((c) => known.has(c.name));
    const defaulted = (c: Column) => (c.defaulted ? 'has a default' : 'no default');
    expect(described(both, defaulted)).toEqual(
      described(
        both.map((c) => byName.get(c.name) ?? c),
        defaulted,
      ),
    );
  });
});
