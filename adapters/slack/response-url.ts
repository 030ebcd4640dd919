import http from 'node:http';
import https from 'node:https';

// A command's answers go to its response URL, often many a second. Node's own client on kept-alive
// connections costs a fraction of what fetch does per request, and that time is taken from the
// acknowledgements waiting on the same event loop.

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
};

const TIMEOUT_MS = 10_000;

/** Posts a message to a response URL; rejects unless Slack answers 2xx in time (ten seconds). */
export async function postToResponseUrl(responseUrl: string, message: object, timeoutMs = TIMEOUT_MS): Promise<void> {
  const url = new URL(responseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('a response URL must be http or https');
  const body = Buffer.from(JSON.stringify(message));
  try {
    await post(url, body, timeoutMs);
  } catch (error) {
    // A kept-alive connection the server closed while idle fails before anything was read; Node's
    // own advice is to send once more, on a new connection.
    if (!(error instanceof StaleConnection)) throw error;
    await post(url, body, timeoutMs);
  }
}

class StaleConnection extends Error {}

function post(url: URL, body: Buffer, timeoutMs: number): Promise<void> {
  const secure = url.protocol === 'https:';
  const send = secure ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        timeout: timeoutMs,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (response) => {
        // The body is read to its end so the connection can carry the next answer.
        response.resume();
        response.once('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`the response URL answered ${status}`));
        });
        response.once('error', reject);
      },
    );
    request.once('timeout', () => request.destroy(new Error('the response URL did not answer in time')));
    request.once('error', (error: NodeJS.ErrnoException) => {
      reject(request.reusedSocket && error.code === 'ECONNRESET' ? new StaleConnection(error.message) : error);
    });
    request.end(body);
  });
}
