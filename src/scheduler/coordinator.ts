import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** node-cron's election hook: the first replica to record a slot's key runs that slot. */
export interface RunCoordinator {
  shouldRun(key: string, ttlMs: number): Promise<boolean>;
}

const KEEP_KEYS_MS = 24 * 60 * 60 * 1000;

export function databaseRunCoordinator(db: Kysely<Database>, worker: string, now: () => Date): RunCoordinator {
  return {
    async shouldRun(key) {
      const at = now();
      const won = await db
        .insertInto('scheduler_runs')
        .values({ key, claimed_by: worker, claimed_at: at })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      // Old slots are of no use once they are a day old; whoever wins a slot tidies up.
      if (won)
        await db
          .deleteFrom('scheduler_runs')
          .where('claimed_at', '<', new Date(at.getTime() - KEEP_KEYS_MS))
          .execute();
      return won !== undefined;
    },
  };
}
