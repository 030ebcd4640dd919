import { describe, expect, it } from 'vitest';
import { checkEncryptionKey, EncryptionKeyMismatchError } from '../../src/db/key-check.js';
import { installationRepo } from '../../src/db/repositories/installations.js';
import { createSealer } from '../../src/secrets.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';

// The start-up check of ENCRYPTION_KEY against a value sealed with it on first use.

const KEY = Buffer.alloc(32, 1);
const OTHER = Buffer.alloc(32, 2);
const at = new Date('2026-12-03T06:00:00Z');

describe.each(testDatabaseKinds)('the encryption key check on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('stores a check value on first use, then accepts the same key and refuses another', async () => {
    const db = database().db;
    expect(await checkEncryptionKey(db, KEY, at)).toBe('stored');
    expect(await checkEncryptionKey(db, KEY, at)).toBe('matches');
    await expect(checkEncryptionKey(db, OTHER, at)).rejects.toThrow(EncryptionKeyMismatchError);
    await expect(checkEncryptionKey(db, OTHER, at)).rejects.toThrow(
      /^ENCRYPTION_KEY is not the key this database was set up with/,
    );
  });

  it('checks a database set up before the check existed against an installation it sealed', async () => {
    const db = database().db;
    await installationRepo(db).save({
      platform: 'slack',
      externalId: 'T1',
      name: 'School',
      sealed: createSealer(KEY).seal('{"bot":{}}', 'slack:T1'),
      at,
    });
    await expect(checkEncryptionKey(db, OTHER, at)).rejects.toThrow(EncryptionKeyMismatchError);
    expect(await checkEncryptionKey(db, KEY, at)).toBe('stored');
    await expect(checkEncryptionKey(db, OTHER, at)).rejects.toThrow(EncryptionKeyMismatchError);
  });
});
