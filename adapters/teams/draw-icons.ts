import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { APP_PACKAGE_DIR } from './app-package.js';

// Draws the two icons of the Teams app package: a circle of three people. The colour icon is
// 192x192 on the accent colour; the outline icon is 32x32, white on transparent, as Teams asks.
// `npx tsx adapters/teams/draw-icons.ts` writes them; the PNGs are committed.

type Rgba = [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG: each row starts with filter 0 (none), then 4 bytes a pixel. */
export function encodePng(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** How much of the pixel the shape covers, sampled 4x4, so edges are smooth. */
function coverage(x: number, y: number, size: number, inside: (u: number, v: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) if (inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

/** A ring with three people on it, in unit coordinates. */
function circleOfPeople(u: number, v: number): boolean {
  const r = Math.hypot(u - 0.5, v - 0.5);
  const ring = r > 0.3 && r < 0.345;
  const people = [90, 210, 330].some((degrees) => {
    const a = (degrees * Math.PI) / 180;
    return Math.hypot(u - (0.5 + 0.3225 * Math.cos(a)), v - (0.5 - 0.3225 * Math.sin(a))) < 0.11;
  });
  return ring || people;
}

const ACCENT: Rgba = [0x2e, 0x7d, 0x6b, 255];

export function colorIcon(): Buffer {
  return encodePng(192, (x, y) => {
    const c = coverage(x, y, 192, circleOfPeople);
    return [
      Math.round(ACCENT[0] + (255 - ACCENT[0]) * c),
      Math.round(ACCENT[1] + (255 - ACCENT[1]) * c),
      Math.round(ACCENT[2] + (255 - ACCENT[2]) * c),
      255,
    ];
  });
}

export function outlineIcon(): Buffer {
  return encodePng(32, (x, y) => [255, 255, 255, Math.round(255 * coverage(x, y, 32, circleOfPeople))]);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(join(APP_PACKAGE_DIR, 'color.png'), colorIcon());
  writeFileSync(join(APP_PACKAGE_DIR, 'outline.png'), outlineIcon());
  process.stdout.write(`Wrote color.png and outline.png in ${APP_PACKAGE_DIR}\n`);
}
