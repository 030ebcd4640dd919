import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock.js';
import type { OutgoingFile } from '../core/messages.js';
import type { Platform } from '../core/model.js';
import type { ExportLinkRepo } from '../db/repositories/export-links.js';

// Where a platform cannot hand a file to one person privately (Teams), an export is kept for a day
// and fetched from our own server through a link signed with ENCRYPTION_KEY: `/exports/<token>/<n>`.
// The token names the export and when it expires; without the key it cannot be made or altered.

const EXPORT_PATH = '/exports/';
const EXPORT_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface ExportLinks {
  /** Keeps the files and returns one link for each. */
  publish(
    to: { platform: Platform; workspace: string; user: string },
    files: OutgoingFile[],
  ): Promise<{ name: string; url: string }[]>;
  /** Serves a link; false when the path is not an export link at all. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export function createExportLinks(options: {
  repo: ExportLinkRepo;
  key: Buffer;
  publicUrl: string;
  clock: Clock;
}): ExportLinks {
  const { repo, clock } = options;
  // A key of its own for links, derived from ENCRYPTION_KEY, so a link signature is never a token seal.
  const linkKey = createHmac('sha256', options.key).update('mentor-circle export links').digest();
  const sign = (id: number, expires: number) =>
    createHmac('sha256', linkKey).update(`${id}.${expires}`).digest('base64url');

  function verify(token: string): { id: number; expires: number } | null {
    const match = /^(\d{1,15})\.(\d{1,13})\.([\w-]{43})$/.exec(token);
    if (!match) return null;
    const id = Number(match[1]);
    const expires = Number(match[2]);
    const given = Buffer.from(match[3] ?? '', 'base64url');
    const expected = Buffer.from(sign(id, expires), 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? { id, expires } : null;
  }

  const answer = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
  };

  return {
    async publish(to, files) {
      const now = clock();
      const expires = now.getTime() + EXPORT_LINK_LIFETIME_MS;
      const id = await repo.save({ ...to, files, at: now, expiresAt: new Date(expires) });
      if (id === null) throw new Error('the member to export for is not known');
      const token = `${id}.${expires}.${sign(id, expires)}`;
      return files.map((file, index) => ({
        name: file.name,
        url: `${options.publicUrl}${EXPORT_PATH}${token}/${index + 1}`,
      }));
    },

    async serve(req, res) {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!path.startsWith(EXPORT_PATH)) return false;
      if (req.method !== 'GET') {
        answer(res, 405, 'Export links are fetched with GET.');
        return true;
      }
      const [token = '', index = ''] = path.slice(EXPORT_PATH.length).split('/');
      const link = verify(token);
      if (!link) {
        answer(res, 404, 'This export link is not valid.');
        return true;
      }
      if (link.expires <= clock().getTime()) {
        answer(res, 410, 'This export link has expired. Say `export` to Mentor Circle for a new one.');
        return true;
      }
      const files = await repo.load(link.id, clock());
      const file = files?.[Number(index) - 1];
      if (!file) {
        answer(
          res,
          files ? 404 : 410,
          files
            ? 'There is no such file in this export.'
            : 'This export is no longer kept. Say `export` to Mentor Circle for a new one.',
        );
        return true;
      }
      res.writeHead(200, {
        'content-type': `${file.mimeType}; charset=utf-8`,
        'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(file.content);
      return true;
    },
  };
}
