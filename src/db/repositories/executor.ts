import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

/** A database or a transaction on it: repositories work on either, so the caller owns the transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
