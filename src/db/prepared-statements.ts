import pg from 'pg';

// PostgreSQL plans every unnamed statement afresh, and for the short statements an interaction runs
// that planning is most of the server's work (measured: half of its CPU per slash command). Each
// connection therefore prepares a statement the first time it runs it, under a name fixed for its
// text, and afterwards only binds and executes it.

/** Distinct statement texts given a name; past this (varying `in` lists, say) they run unnamed. */
const MAX_NAMED = 500;

/**
 * Names statement texts, one name for each text, so that no connection ever sees one name with two
 * texts. A wildcard column list is never named: if a migration adds a column while a replica runs,
 * its prepared plan would fail with "cached plan must not change result type", where a named column
 * list is simply planned again.
 */
export function statementNamer(max = MAX_NAMED): (text: string) => string | undefined {
  const names = new Map<string, string>();
  return (text) => {
    const known = names.get(text);
    if (known !== undefined) return known;
    if (names.size >= max || /[\s.]\*/.test(text)) return undefined;
    const name = `mc_${names.size + 1}`;
    names.set(text, name);
    return name;
  };
}

const statementName = statementNamer();

/**
 * A pg client that runs each query with parameters as a named, prepared statement. A query without
 * them (begin, commit, a migration's several statements) goes as before, by the simple protocol.
 */
export class PreparingClient extends pg.Client {
  // pg's query has many overloads; only the (text, values) form that kysely uses is changed.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an override must accept and return what every pg overload does
  override query(...args: any[]): any {
    const [text, values, callback] = args as [unknown, unknown, unknown];
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined) {
      const name = statementName(text);
      if (name) return super.query({ name, text, values });
    }
    return (pg.Client.prototype.query as (...rest: unknown[]) => unknown).apply(this, args);
  }
}
