import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../log.js';

export interface HttpOptions {
  port: number;
  host: string;
  /** True when the database answers. */
  health: () => Promise<boolean>;
  log: Logger;
  /** Prometheus text for GET /metrics, for requests bearing `token` when one is given. */
  metrics?: { read: () => Promise<{ contentType: string; body: string }>; token?: string };
  /** Serves every other path: the platform adapters' routes (`/slack/events`, `/api/messages`). */
  routes?: RequestListener;
}

export interface RunningHttpServer {
  server: Server;
  /** The port actually bound (useful when 0 asked for any free one). */
  port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** `Authorization: Bearer <token>`, compared in constant time. */
function bears(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(String(req.headers.authorization ?? ''), 'utf8');
  const expected = Buffer.from(`Bearer ${token}`, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function route(req: IncomingMessage, res: ServerResponse, options: HttpOptions): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
    const healthy = await options.health();
    send(res, healthy ? 200 : 503, { status: healthy ? 'ok' : 'database unavailable' });
    return;
  }
  if (path === '/metrics' && req.method === 'GET' && options.metrics) {
    if (options.metrics.token !== undefined && !bears(req, options.metrics.token)) {
      res
        .writeHead(401, {
          'content-type': 'text/plain',
          'www-authenticate': 'Bearer realm="metrics"',
          'cache-control': 'no-store',
        })
        .end('unauthorized');
      return;
    }
    const { contentType, body } = await options.metrics.read();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
    return;
  }
  if (options.routes) {
    options.routes(req, res);
    return;
  }
  send(res, 404, { error: 'not found' });
}

export async function startHttpServer(options: HttpOptions): Promise<RunningHttpServer> {
  const server = createServer((req, res) => {
    route(req, res, options).catch((error: unknown) => {
      options.log.error({ err: error, path: req.url }, 'http request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.log.info({ port, host: options.host }, 'http server listening');
  return {
    server,
    port,
    // Stops taking connections; idle keep-alive ones close now, busy ones get a few seconds to finish.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5000).unref();
      }),
  };
}
