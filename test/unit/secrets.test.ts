import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../../src/secrets.js';

describe('sealed secrets', () => {
  const key = randomBytes(32);
  const sealer = createSealer(key);
  const token = '{"bot":{"token":"xoxb-very-secret"}}';

  it('opens what it sealed, and never shows the plain text', () => {
    const sealed = sealer.seal(token, 'slack:T1');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('xoxb');
    expect(sealer.open(sealed, 'slack:T1')).toBe(token);
    expect(sealer.seal(token, 'slack:T1')).not.toBe(sealed);
  });

  it('refuses a value moved to another workspace, altered, or sealed with another key', () => {
    const sealed = sealer.seal(token, 'slack:T1');
    expect(() => sealer.open(sealed, 'slack:T2')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => sealer.open(`v1:${raw.toString('base64')}`, 'slack:T1')).toThrow();
    expect(() => createSealer(randomBytes(32)).open(sealed, 'slack:T1')).toThrow();
    expect(() => sealer.open('plain text', 'slack:T1')).toThrow(/known version/);
  });

  it('needs a 32-byte key', () => {
    expect(() => createSealer(randomBytes(16))).toThrow(/32 bytes/);
  });
});
