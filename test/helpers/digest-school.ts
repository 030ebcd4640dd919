import { beforeEach } from 'vitest';
import type { Message } from '../../src/core/messages.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import type { Store } from '../../src/core/ports/store.js';
import { useTestDatabase, type TestDatabaseKind } from './databases.js';
import { seedSchool, type SeededSchool } from './digest-seed.js';

/** A digest message as the admin reads it: its headline and every section. */
export const wholeText = (message: Message) => [message.text, ...(message.sections ?? [])].join('\n');

/**
 * The seeded school of the digest tests (console, admin "lee") on the test database of the enclosing
 * `describe`, seeded afresh before each test.
 */
export function useDigestSchool(kind: TestDatabaseKind): {
  database: () => OpenDatabase;
  store: () => Store;
  school: () => SeededSchool;
} {
  const database = useTestDatabase(kind);
  let school: SeededSchool | undefined;
  beforeEach(async () => {
    school = await seedSchool(database().db, { platform: 'console', adminExternalId: 'lee' });
  });
  return {
    database,
    store: () => createStore(database().db),
    school: () => {
      if (!school) throw new Error('the school is not seeded yet');
      return school;
    },
  };
}
