import type { CommunityPlan, CommunityRepo } from '../../core/ports/communities.js';
import { movePlannedTime } from './compare-and-set.js';
import {
  communityColumns as columns,
  dueWorkspaceColumns,
  scheduleColumns,
  toCommunity,
  toDueWorkspace,
  toSchedule,
} from './community-rows.js';
import type { Executor } from './executor.js';

/** A community's schedule, mid-week prompt and the planned times the scheduler finds due. */
export function communityPlanQueries(
  db: Executor,
): Pick<
  CommunityRepo,
  | 'schedule'
  | 'setSchedule'
  | 'setReminder'
  | 'setMidweek'
  | 'dueForMidweek'
  | 'setNextStep'
  | 'setNextMidweek'
  | 'plan'
  | 'settings'
  | 'dueForSteps'
> {
  return {
    async schedule(communityId) {
      const row = await db
        .selectFrom('communities')
        .select(scheduleColumns)
        .where('id', '=', communityId)
        .executeTakeFirst();
      return row ? toSchedule(row) : null;
    },

    async setSchedule(communityId, schedule, nextStepAt) {
      await db
        .updateTable('communities')
        .set({
          schedule_cadence: schedule?.cadence ?? null,
          schedule_day: schedule?.day ?? null,
          schedule_minute: schedule?.minute ?? null,
          schedule_length_minutes: schedule?.lengthMinutes ?? 60,
          schedule_anchor: schedule?.anchor ?? null,
          reminder: schedule && !schedule.remind ? 'off' : 'day-before',
          next_step_at: nextStepAt,
        })
        .where('id', '=', communityId)
        .execute();
    },

    async setReminder(communityId, remind) {
      await db
        .updateTable('communities')
        .set({ reminder: remind ? 'day-before' : 'off' })
        .where('id', '=', communityId)
        .execute();
    },

    async setMidweek(communityId, slot, nextAt) {
      await db
        .updateTable('communities')
        .set({
          midweek_prompt_day: slot?.day ?? null,
          midweek_prompt_minute: slot?.minute ?? null,
          next_midweek_prompt_at: nextAt,
        })
        .where('id', '=', communityId)
        .execute();
    },

    async dueForMidweek(now, limit) {
      const rows = await db
        .selectFrom('communities')
        .innerJoin('workspaces', 'workspaces.id', 'communities.workspace_id')
        .select([
          ...columns.map((c) => `communities.${c}` as const),
          'communities.midweek_prompt_day',
          'communities.midweek_prompt_minute',
          'communities.next_midweek_prompt_at',
        ])
        .select(dueWorkspaceColumns)
        .where('communities.next_midweek_prompt_at', '<=', now)
        .where('workspaces.uninstalled_at', 'is', null)
        .orderBy('communities.next_midweek_prompt_at')
        .limit(limit)
        .execute();
      return rows.flatMap((row) =>
        row.midweek_prompt_day === null || row.midweek_prompt_minute === null || !row.next_midweek_prompt_at
          ? []
          : [
              {
                community: toCommunity(row),
                slot: { day: row.midweek_prompt_day, minute: row.midweek_prompt_minute },
                at: row.next_midweek_prompt_at,
                workspace: toDueWorkspace(row),
              },
            ],
      );
    },

    setNextStep: (communityId, expected, next) =>
      movePlannedTime(db, { table: 'communities', column: 'next_step_at', id: communityId }, expected, next),

    setNextMidweek: (communityId, expected, next) =>
      movePlannedTime(db, { table: 'communities', column: 'next_midweek_prompt_at', id: communityId }, expected, next),

    plan: (communityId) => readPlan(db, communityId, true),

    settings: (communityId) => readPlan(db, communityId, false),

    async dueForSteps(now, limit) {
      const rows = await db
        .selectFrom('communities')
        .innerJoin('workspaces', 'workspaces.id', 'communities.workspace_id')
        .select([
          ...columns.map((c) => `communities.${c}` as const),
          ...scheduleColumns.map((c) => `communities.${c}` as const),
          'communities.next_step_at',
        ])
        .select(dueWorkspaceColumns)
        .where('communities.next_step_at', '<=', now)
        .where('workspaces.uninstalled_at', 'is', null)
        .orderBy('communities.next_step_at')
        .limit(limit)
        .execute();
      return rows.flatMap((row) => {
        const schedule = toSchedule(row);
        if (!schedule || !row.next_step_at) return [];
        return [
          {
            community: toCommunity(row),
            schedule,
            stepAt: row.next_step_at,
            workspace: toDueWorkspace(row),
          },
        ];
      });
    },
  };
}

/** A community's schedule and mid-week prompt with their planned times; `lock` holds the row until the transaction ends. */
async function readPlan(db: Executor, communityId: number, lock: boolean): Promise<CommunityPlan | null> {
  const query = db
    .selectFrom('communities')
    .select([
      ...columns,
      ...scheduleColumns,
      'next_step_at',
      'midweek_prompt_day',
      'midweek_prompt_minute',
      'next_midweek_prompt_at',
    ])
    .where('id', '=', communityId);
  const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (!row) return null;
  return {
    community: toCommunity(row),
    schedule: toSchedule(row),
    nextStepAt: row.next_step_at,
    midweek:
      row.midweek_prompt_day === null || row.midweek_prompt_minute === null
        ? null
        : { day: row.midweek_prompt_day, minute: row.midweek_prompt_minute },
    nextMidweekAt: row.next_midweek_prompt_at,
  };
}
