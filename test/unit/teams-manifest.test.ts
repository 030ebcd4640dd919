import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  APP_PACKAGE_DIR,
  buildManifest,
  buildPackage,
  manifestSchema,
  PackageError,
} from '../../adapters/teams/app-package.js';
import { colorIcon, outlineIcon } from '../../adapters/teams/draw-icons.js';
import { parseCommand } from '../../src/core/commands/parse.js';

// The Teams app package: the manifest Teams checks on upload, the icons it insists on, and the zip
// `npm run teams:package` writes.

const settings = { appId: '3F2504E0-4F89-41D3-9A0C-0305E82C3301', publicUrl: 'https://circle.example.org/' };

/** Width, height, colour type and pixels of an 8-bit RGBA PNG without interlacing. */
function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const colourType = png[25];
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('ascii') === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixel = (x: number, y: number) => [
    ...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 5 + x * 4),
  ];
  return { width, height, colourType, pixel };
}

describe('the Teams app package', () => {
  it('fills in the ids and address, and meets what Teams requires', () => {
    const manifest = buildManifest(settings);
    expect(manifestSchema.safeParse(manifest).success).toBe(true);
    expect(manifest.id).toBe('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    expect(manifest.bots[0]?.botId).toBe(manifest.id);
    expect(manifest.webApplicationInfo.id).toBe(manifest.id);
    expect(manifest.validDomains).toEqual(['circle.example.org']);
    expect(manifest.developer.privacyUrl).toBe('https://circle.example.org/privacy');
    expect(manifest.authorization.permissions.resourceSpecific).toContainEqual({
      name: 'ChannelMessage.Read.Group',
      type: 'Application',
    });
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('lists at most 10 commands per scope, each a command the parser knows', () => {
    const lists = buildManifest(settings).bots[0]?.commandLists ?? [];
    expect(lists.map((list) => list.scopes)).toEqual([['team'], ['personal']]);
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      // A title alone may need more words (a usage hint), but is never an unknown command.
      for (const { title } of list.commands) {
        const parsed = parseCommand(title);
        expect(parsed.ok ? 'ok' : parsed.error.kind, title).not.toBe('unknown');
      }
    }
  });

  it('refuses to package without a valid app id or an https address, saying what to set', () => {
    expect(() => buildManifest({ ...settings, appId: 'my-bot' })).toThrow(/MICROSOFT_APP_ID should be a GUID/);
    expect(() => buildManifest({ ...settings, publicUrl: 'http://circle.example.org' })).toThrow(PackageError);
    const tooMany = readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8').replace(
      '"commands": [',
      '"commands": [' + '{ "title": "x", "description": "y" },'.repeat(10),
    );
    expect(() => buildManifest(settings, tooMany)).toThrow(/commandLists\.0\.commands/);
  });

  it('has a 192x192 colour icon and a 32x32 outline icon, white on transparent, drawn by its script', () => {
    const color = readFileSync(join(APP_PACKAGE_DIR, 'color.png'));
    const outline = readFileSync(join(APP_PACKAGE_DIR, 'outline.png'));
    const c = readPng(color);
    const o = readPng(outline);
    expect([c.width, c.height]).toEqual([192, 192]);
    expect([o.width, o.height, o.colourType]).toEqual([32, 32, 6]);
    for (let y = 0; y < 32; y++)
      for (let x = 0; x < 32; x++) expect(o.pixel(x, y).slice(0, 3)).toEqual([255, 255, 255]);
    expect(o.pixel(0, 0)[3]).toBe(0);
    expect(c.pixel(0, 0)).toEqual([0x2e, 0x7d, 0x6b, 255]);
    expect(color.equals(colorIcon())).toBe(true);
    expect(outline.equals(outlineIcon())).toBe(true);
  });

  it('writes the zip with npm run teams:package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-package-'));
    try {
      const target = join(dir, 'app.zip');
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/teams/package-cli.ts', target], {
        cwd: resolve(import.meta.dirname, '../..'),
        env: { PATH: process.env.PATH, MICROSOFT_APP_ID: settings.appId, PUBLIC_URL: settings.publicUrl },
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      const files = unzipSync(readFileSync(target));
      expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      expect(JSON.parse(new TextDecoder().decode(files['manifest.json']))).toEqual(buildManifest(settings));
      expect(Object.keys(unzipSync(buildPackage(settings)))).toHaveLength(3);

      const refused = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/teams/package-cli.ts', target], {
        cwd: resolve(import.meta.dirname, '../..'),
        env: { PATH: process.env.PATH },
        encoding: 'utf8',
      });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/MICROSOFT_APP_ID should be a GUID/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
