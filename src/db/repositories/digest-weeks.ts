import { sql } from 'kysely';
import { z } from 'zod';
import { MENTORING_METRICS, METRICS, type Metric } from '../../core/digest/figures.js';
import type { DigestRepo } from '../../core/ports/digest.js';
import type { Executor } from './executor.js';

// Weeks as first counted and shown, kept so a week reads the same each time it is sent.

const shownSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), count: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('too-few') }),
  z.object({ kind: z.literal('withheld') }),
]);
const shownRowSchema = z.object({
  sessionsHeld: z.number().int().nonnegative(),
  sessionsMissed: z.number().int().nonnegative(),
  figures: z.object(Object.fromEntries(METRICS.map((m) => [m, shownSchema])) as Record<Metric, typeof shownSchema>),
});
// `scheduled` and `weeks` came later: weeks stored before them are read without.
const suggestionSchema = z.object({
  kind: z.enum(['quiet', 'no-facilitator']),
  communityId: z.number().int(),
  scheduled: z.boolean().optional(),
  weeks: z.number().int().positive().optional(),
});
/** Stored weeks are read back through this, so a week stored in another shape fails loudly, not silently. */
const storedWeekSchema = z.object({
  version: z.literal(2),
  weekStart: z.iso.date(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  threshold: z.number().int().min(1),
  circles: z.array(shownRowSchema.extend({ communityId: z.number().int() })),
  pool: shownRowSchema
    .extend({
      circles: z.number().int().nonnegative(),
      members: z.number().int().nonnegative(),
      communityIds: z.array(z.number().int()),
    })
    .nullable(),
  total: shownRowSchema,
  suggestions: z.array(suggestionSchema),
  // Weeks counted before mentoring was have no such field, and are read without it.
  mentoring: z
    .object(
      Object.fromEntries(MENTORING_METRICS.map((m) => [m, shownSchema])) as Record<
        (typeof MENTORING_METRICS)[number],
        typeof shownSchema
      >,
    )
    .nullable()
    .optional(),
});

export function digestWeeks(
  db: Executor,
): Pick<DigestRepo, 'lockWeeks' | 'storedWeek' | 'neighbours' | 'storeWeek' | 'recordSent' | 'storedWeeks'> {
  return {
    async lockWeeks(workspaceId) {
      // NO KEY UPDATE: rows that reference the workspace (goals, check-ins, outbox items) take KEY
      // SHARE locks on it, and must not wait while a week is counted.
      await db.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forNoKeyUpdate().execute();
    },

    async storedWeek(workspaceId, weekStart) {
      const row = await db
        .selectFrom('digest_weeks')
        .select('figures')
        .where('workspace_id', '=', workspaceId)
        .where('week_start', '=', weekStart)
        .executeTakeFirst();
      return row ? storedWeekSchema.parse(row.figures) : null;
    },

    async neighbours(workspaceId, weekStart) {
      const { rows } = await sql<{ before: Date | null; after: Date | null }>`
        select
          (select window_to from digest_weeks where workspace_id = ${workspaceId} and week_start < ${weekStart}::date order by week_start desc limit 1) as before,
          (select window_from from digest_weeks where workspace_id = ${workspaceId} and week_start > ${weekStart}::date order by week_start limit 1) as after`.execute(
        db,
      );
      const row = rows[0];
      return { before: row?.before ? new Date(row.before) : null, after: row?.after ? new Date(row.after) : null };
    },

    async storeWeek({ workspaceId, week, at }) {
      await db
        .insertInto('digest_weeks')
        .values({
          workspace_id: workspaceId,
          week_start: week.weekStart,
          window_from: new Date(week.from),
          window_to: new Date(week.to),
          figures: JSON.stringify(week),
          counted_at: at,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'week_start']).doNothing())
        .execute();
    },

    async recordSent({ workspaceId, adminMemberId, week, at }) {
      await db
        .insertInto('digests_sent')
        .values({
          workspace_id: workspaceId,
          admin_member_id: adminMemberId,
          week_start: week.weekStart,
          figures: JSON.stringify(week),
          sent_at: at,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'admin_member_id', 'week_start']).doNothing())
        .execute();
    },

    async storedWeeks({ workspaceId, weekStarts }) {
      if (weekStarts.length === 0) return [];
      const { rows } = await sql<{ figures: unknown }>`
        select figures
        from digest_weeks
        where workspace_id = ${workspaceId} and week_start in (select (jsonb_array_elements_text(${JSON.stringify(weekStarts)}::jsonb))::date)
        order by week_start`.execute(db);
      return rows.map((row) => storedWeekSchema.parse(row.figures));
    },
  };
}
