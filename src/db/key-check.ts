import { createSealer } from '../secrets.js';
import type { Executor } from './repositories/executor.js';

// ENCRYPTION_KEY is checked at start-up against a value sealed with it the first time it was used,
// so a process started with another key (a typo, a rotated secret store) refuses to start, naming
// the variable, rather than starting "ready" and failing every installed workspace.

const PURPOSE = 'encryption-key';
const PLAIN = 'Mentor Circle checks its ENCRYPTION_KEY with this value';

export class EncryptionKeyMismatchError extends Error {
  override readonly name = 'EncryptionKeyMismatchError';
  constructor() {
    super(
      'ENCRYPTION_KEY is not the key this database was set up with: the installations and links sealed with the earlier key cannot be opened with it. ' +
        'Set ENCRYPTION_KEY back to the key used before (never rotate it by changing the variable alone).',
    );
  }
}

/** Checks the key, storing the check value on first use; throws EncryptionKeyMismatchError when it is another key. */
export async function checkEncryptionKey(db: Executor, key: Buffer, at: Date): Promise<'stored' | 'matches'> {
  const sealer = createSealer(key);
  const opens = (sealed: string, boundTo: string) => {
    try {
      return sealer.open(sealed, boundTo);
    } catch {
      return null;
    }
  };
  let stored = await storedCheck(db);
  let outcome: 'stored' | 'matches' = 'matches';
  if (stored === null) {
    // First use of a check value: a database that already holds installations (sealed before there
    // was a check) must open one of them with this key.
    const installed = await db
      .selectFrom('workspaces')
      .select(['platform', 'external_id', 'install_data'])
      .where('install_data', 'is not', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (
      installed?.install_data &&
      opens(installed.install_data, `${installed.platform}:${installed.external_id}`) === null
    )
      throw new EncryptionKeyMismatchError();
    // Another replica starting at the same moment may store first: whichever value is stored is checked.
    await db
      .insertInto('key_checks')
      .values({ purpose: PURPOSE, sealed: sealer.seal(PLAIN, PURPOSE), created_at: at })
      .onConflict((oc) => oc.column('purpose').doNothing())
      .execute();
    stored = await storedCheck(db);
    outcome = 'stored';
  }
  if (stored === null || opens(stored, PURPOSE) !== PLAIN) throw new EncryptionKeyMismatchError();
  return outcome;
}

async function storedCheck(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('key_checks').select('sealed').where('purpose', '=', PURPOSE).executeTakeFirst();
  return row?.sealed ?? null;
}
