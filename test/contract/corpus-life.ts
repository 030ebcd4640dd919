import type { OpenDatabase } from '../../src/db/database.js';
import type { Store } from '../../src/core/ports/store.js';
import { MAX_ANSWER_LENGTH } from '../../src/core/session-messages.js';
import type { createDriver } from '../helpers/driver.js';

// What each step of a community's life in the corpus works with.

export const monday = new Date('2026-03-02T15:00:00Z');
/** Answers as long as the core takes them. */
export const LONGEST = MAX_ANSWER_LENGTH;
export const PEOPLE = 12;

type Driver = ReturnType<typeof createDriver>;

/** One community's life: the bot driven over the real Store, `take` keeping what it sent at each step. */
export interface Life {
  database: OpenDatabase;
  store: Store;
  bot: Driver;
  label: string;
  text: (max: number) => string;
  take: (step: string) => void;
  ana: ReturnType<Driver['as']>;
  people: ReturnType<Driver['as']>[];
}
