import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Tokens at rest are sealed with AES-256-GCM under ENCRYPTION_KEY. Each sealed value is bound to what
// it belongs to (the associated data, such as `slack:T123`), so a row copied onto another workspace
// does not open there.

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealer {
  seal(plain: string, boundTo: string): string;
  /** Throws when the value was not sealed with this key for `boundTo`, or was altered. */
  open(sealed: string, boundTo: string): string;
}

export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('The encryption key must be 32 bytes');
  return {
    seal(plain, boundTo) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed, boundTo) {
      const [version, encoded] = sealed.split(':', 2);
      if (version !== VERSION || !encoded) throw new Error('Not a sealed value of a known version');
      const raw = Buffer.from(encoded, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
