import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';

describe.each(testDatabaseKinds)('GET /healthz on %s', (kind) => {
  it('answers 200 while the database answers and 503 once it does not', async () => {
    const database = await openTestDatabase(kind);
    const http = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      health: () => database.ping(500),
      log: createLogger('silent'),
    });
    try {
      const url = `http://127.0.0.1:${http.port}/healthz`;
      const up = await fetch(url);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ status: 'ok' });

      await database.close();
      const down = await fetch(url);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'database unavailable' });

      expect((await fetch(`http://127.0.0.1:${http.port}/nowhere`)).status).toBe(404);
    } finally {
      await http.close();
    }
  });
});
