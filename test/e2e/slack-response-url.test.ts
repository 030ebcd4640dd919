import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postToResponseUrl } from '../../adapters/slack/response-url.js';
import { readBody } from '../helpers/read-body.js';

// A response URL on loopback that answers as the test path says: 200, 404, or nothing at all.
describe('posting to a response URL', () => {
  const received: { path: string; type: string | undefined; body: unknown }[] = [];
  const connections = new Set<string>();
  let server: Server;
  let base: string;
  // `/flaky` drops the first request that comes on a connection already used, as a server does
  // that closes an idle kept-alive connection just as the client sends on it.
  const usedSockets = new WeakSet<object>();
  let dropped = 0;
  // What the server itself failed on: answered 500, and it fails the test it happened in.
  const serverErrors: unknown[] = [];

  async function answer(req: IncomingMessage, res: ServerResponse) {
    connections.add(`${req.socket.remotePort}`);
    const reused = usedSockets.has(req.socket);
    usedSockets.add(req.socket);
    const body = await readBody(req);
    if (req.url === '/flaky' && reused && dropped === 0) {
      dropped++;
      req.socket.destroy();
      return;
    }
    received.push({ path: req.url ?? '', type: req.headers['content-type'], body: JSON.parse(body) });
    if (req.url === '/silent') return;
    res.writeHead(req.url === '/gone' ? 404 : 200).end(req.url === '/gone' ? 'expired_url' : 'ok');
  }

  beforeAll(async () => {
    server = createServer((req, res) => {
      answer(req, res).catch((error: unknown) => {
        serverErrors.push(error);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    expect(serverErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('posts the message as JSON and resolves on a 2xx, reusing its connection', async () => {
    await postToResponseUrl(`${base}/ok`, { text: 'one' });
    await postToResponseUrl(`${base}/ok`, { text: 'two' });
    expect(received.filter((r) => r.path === '/ok')).toEqual([
      { path: '/ok', type: 'application/json', body: { text: 'one' } },
      { path: '/ok', type: 'application/json', body: { text: 'two' } },
    ]);
    expect(connections.size).toBe(1);
  });

  it('sends once more on a new connection when a kept-alive one was closed under it', async () => {
    await postToResponseUrl(`${base}/flaky`, { text: 'first' });
    await postToResponseUrl(`${base}/flaky`, { text: 'second' });
    expect(dropped).toBe(1);
    expect(received.filter((r) => r.path === '/flaky').map((r) => r.body)).toEqual([
      { text: 'first' },
      { text: 'second' },
    ]);
  });

  it('rejects with the status when the URL no longer takes answers', async () => {
    await expect(postToResponseUrl(`${base}/gone`, { text: 'late' })).rejects.toThrow('answered 404');
  });

  it('rejects when nothing answers in time', async () => {
    await expect(postToResponseUrl(`${base}/silent`, { text: 'anyone?' }, 200)).rejects.toThrow(
      'did not answer in time',
    );
  });

  it('rejects what is not an http address', async () => {
    await expect(postToResponseUrl('file:///etc/passwd', { text: 'no' })).rejects.toThrow('http or https');
    expect(received.some((r) => r.path.includes('passwd'))).toBe(false);
  });
});
