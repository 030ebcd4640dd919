import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './executor.js';

/** The planned-time columns, by table: each moved by people re-planning and by the planner. */
interface PlannedColumns {
  communities: 'next_step_at' | 'next_midweek_prompt_at' | 'next_pairs_at';
  members: 'next_nudge_at' | 'next_digest_at';
}

/**
 * The planned-time column still holds `expected`: the condition of a compare-and-set write. Compared
 * to the millisecond, the precision a JavaScript date carries, so a value read back from either
 * driver matches the one stored; null matches null.
 */
function stillHolds(column: string, expected: Date | null): RawBuilder<boolean> {
  if (expected === null) return sql<boolean>`${sql.ref(column)} is null`;
  const ms = expected.getTime();
  return sql<boolean>`(${sql.ref(column)} > ${new Date(ms - 1)} and ${sql.ref(column)} < ${new Date(ms + 1)})`;
}

/** Sets a row's planned time to `next` only if it still holds `expected`; false when it did not. */
export async function movePlannedTime<T extends keyof PlannedColumns>(
  db: Executor,
  target: { table: T; column: PlannedColumns[T]; id: number },
  expected: Date | null,
  next: Date | null,
): Promise<boolean> {
  const { table, column, id } = target;
  const result =
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${next} where id = ${id} and ${stillHolds(column, expected)}`.execute(
      db,
    );
  return (result.numAffectedRows ?? 0n) > 0n;
}
