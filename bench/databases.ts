import pg from 'pg';

// A database of its own for one benchmark on a PostgreSQL server, dropped afterwards.

const nameFor = (purpose: string) => `mentor_circle_${purpose}_${process.pid}`;

async function onServer(adminUrl: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** Creates the database afresh and returns its URL. */
export async function freshDatabase(adminUrl: string, purpose: string): Promise<string> {
  await onServer(adminUrl, `drop database if exists ${nameFor(purpose)}`);
  await onServer(adminUrl, `create database ${nameFor(purpose)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${nameFor(purpose)}`;
  return url.toString();
}

/** Drops it, even with connections still open; a failure here is not worth failing the benchmark. */
export async function dropDatabase(adminUrl: string, purpose: string): Promise<void> {
  await onServer(adminUrl, `drop database if exists ${nameFor(purpose)} with (force)`).catch(() => undefined);
}
