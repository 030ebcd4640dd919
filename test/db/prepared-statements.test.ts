import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/databases.js';

// On PostgreSQL each connection prepares the statements it runs with parameters; these check, on
// one connection, that the server holds them, that they answer for each new set of values, and that
// a migration adding a column does not break them.

describe.runIf(process.env.TEST_DATABASE_URL)('prepared statements on PostgreSQL', () => {
  const database = useTestDatabase('postgres');

  it('prepares a parameterised query once per connection and binds new values each time', async () => {
    const db = database().db;
    await db
      .insertInto('workspaces')
      .values([
        { platform: 'slack', external_id: 'T-A', name: 'A' },
        { platform: 'slack', external_id: 'T-B', name: 'B' },
      ])
      .execute();
    await db.connection().execute(async (one) => {
      const find = (externalId: string) =>
        one
          .selectFrom('workspaces')
          .select(['name'])
          .where('platform', '=', 'slack')
          .where('external_id', '=', externalId)
          .executeTakeFirst();
      expect(await find('T-A')).toEqual({ name: 'A' });
      expect(await find('T-B')).toEqual({ name: 'B' });
      expect(await find('T-none')).toBeUndefined();
      const held = await sql<{
        name: string;
        statement: string;
      }>`select name, statement from pg_prepared_statements`.execute(one);
      const ours = held.rows.filter(
        (row) => row.statement.includes('from "workspaces"') && row.statement.includes('"external_id" = $2'),
      );
      expect(ours).toHaveLength(1);
      expect(ours[0]?.name).toMatch(/^mc_\d+$/);
    });
  });

  it('keeps a prepared column list working after a migration adds a column, and never prepares a wildcard', async () => {
    const db = database().db;
    await sql`create table scratch (id int primary key, word text)`.execute(db);
    try {
      await db.connection().execute(async (one) => {
        const scratch = one.withTables<{ scratch: { id: number; word: string; extra?: string | null } }>();
        await scratch.insertInto('scratch').values({ id: 1, word: 'first' }).execute();
        const word = (id: number) =>
          scratch.selectFrom('scratch').select(['word']).where('id', '=', id).executeTakeFirst();
        const everything = (id: number) =>
          scratch.selectFrom('scratch').selectAll().where('id', '=', id).executeTakeFirst();
        expect(await word(1)).toEqual({ word: 'first' });
        expect(await everything(1)).toEqual({ id: 1, word: 'first' });

        await sql`alter table scratch add column extra text`.execute(one);
        expect(await word(1)).toEqual({ word: 'first' });
        expect(await everything(1)).toEqual({ id: 1, word: 'first', extra: null });

        const held = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(one);
        expect(held.rows.some((row) => row.statement.includes('select "word" from "scratch"'))).toBe(true);
        expect(held.rows.some((row) => row.statement.includes('select * from "scratch"'))).toBe(false);
      });
    } finally {
      await sql`drop table scratch`.execute(db);
    }
  });

  it('still runs statements without parameters, several at once, by the simple protocol', async () => {
    const db = database().db;
    await sql
      .raw(
        `insert into workspaces (platform, external_id) values ('slack', 'T-1'); insert into workspaces (platform, external_id) values ('slack', 'T-2')`,
      )
      .execute(db);
    const count = await db
      .selectFrom('workspaces')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});
