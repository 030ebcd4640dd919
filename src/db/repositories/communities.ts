import type { Community, Platform, Workspace } from '../../core/model.js';
import type { SessionSchedule } from '../../core/schedules/schedule.js';
import type { CommunityPlan, CommunityRepo } from '../../core/ports/communities.js';
import { toMember } from './member-rows.js';
import { movePlannedTime } from './compare-and-set.js';
import type { Executor } from './executor.js';

export const communityColumns = ['id', 'workspace_id', 'channel_id', 'name', 'time_zone'] as const;
const columns = communityColumns;

/** The workspace of each circle a due query finds, selected beside the circle's columns. */
export const dueWorkspaceColumns = [
  'workspaces.platform',
  'workspaces.external_id as workspace_external_id',
  'workspaces.name as workspace_name',
  'workspaces.time_zone as workspace_time_zone',
] as const;

export function toDueWorkspace(row: {
  workspace_id: number;
  platform: Platform;
  workspace_external_id: string;
  workspace_name: string | null;
  workspace_time_zone: string | null;
}): Workspace {
  return {
    id: row.workspace_id,
    platform: row.platform,
    externalId: row.workspace_external_id,
    name: row.workspace_name,
    timeZone: row.workspace_time_zone,
  };
}
const scheduleColumns = [
  'schedule_cadence',
  'schedule_day',
  'schedule_minute',
  'schedule_length_minutes',
  'schedule_anchor',
  'reminder',
] as const;

export function toSchedule(row: {
  schedule_cadence: SessionSchedule['cadence'] | null;
  schedule_day: number | null;
  schedule_minute: number | null;
  schedule_length_minutes: number;
  schedule_anchor: string | null;
  reminder: 'day-before' | 'off';
}): SessionSchedule | null {
  if (!row.schedule_cadence || row.schedule_day === null || row.schedule_minute === null || !row.schedule_anchor)
    return null;
  return {
    cadence: row.schedule_cadence,
    day: row.schedule_day,
    minute: row.schedule_minute,
    lengthMinutes: row.schedule_length_minutes,
    anchor: row.schedule_anchor,
    remind: row.reminder === 'day-before',
  };
}

export function communityRepo(db: Executor): CommunityRepo {
  return {
    async findByChannel(workspaceId, channelId) {
      const row = await db
        .selectFrom('communities')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      return row ? toCommunity(row) : null;
    },

    async create({ workspaceId, channelId, name, timeZone, createdBy, at }) {
      const row = await db
        .insertInto('communities')
        .values({
          workspace_id: workspaceId,
          channel_id: channelId,
          name,
          time_zone: timeZone,
          created_by: createdBy,
          ...(at ? { created_at: at } : {}),
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'channel_id']).doNothing())
        .returning(columns)
        .executeTakeFirst();
      return row ? toCommunity(row) : null;
    },

    async join(communityId, memberId) {
      await db
        .insertInto('community_members')
        .values({ community_id: communityId, member_id: memberId })
        .onConflict((oc) => oc.columns(['community_id', 'member_id']).doNothing())
        .execute();
    },

    async leave(communityId, memberId) {
      await db
        .deleteFrom('community_members')
        .where('community_id', '=', communityId)
        .where('member_id', '=', memberId)
        .execute();
    },

    async setFacilitator(communityId, memberId, isFacilitator) {
      await db
        .insertInto('community_members')
        .values({ community_id: communityId, member_id: memberId, is_facilitator: isFacilitator })
        .onConflict((oc) => oc.columns(['community_id', 'member_id']).doUpdateSet({ is_facilitator: isFacilitator }))
        .execute();
    },

    async isFacilitator(communityId, memberId) {
      const row = await db
        .selectFrom('community_members')
        .select('is_facilitator')
        .where('community_id', '=', communityId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return row?.is_facilitator === true;
    },

    async setTimeZone(communityId, timeZone) {
      await db.updateTable('communities').set({ time_zone: timeZone }).where('id', '=', communityId).execute();
    },

    async rename(communityId, name) {
      await db.updateTable('communities').set({ name }).where('id', '=', communityId).execute();
    },

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

    async inWorkspace(workspaceId) {
      const rows = await db
        .selectFrom('communities')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .orderBy('id')
        .execute();
      return rows.map(toCommunity);
    },

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

    async countFacilitators(communityId) {
      const row = await db
        .selectFrom('community_members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('community_id', '=', communityId)
        .where('is_facilitator', '=', true)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async facilitators(communityId) {
      const rows = await db
        .selectFrom('community_members')
        .innerJoin('members', 'members.id', 'community_members.member_id')
        .select([
          'members.id',
          'members.workspace_id',
          'members.external_id',
          'members.display_name',
          'members.time_zone',
          'members.is_admin',
        ])
        .where('community_members.community_id', '=', communityId)
        .where('community_members.is_facilitator', '=', true)
        .orderBy('members.display_name')
        .orderBy('members.id')
        .execute();
      return rows.map(toMember);
    },

    async removeFacilitator(communityId, memberId) {
      // The community's row is the lock: two removals at once are decided one after the other, and the
      // second counts the facilitators the first one left.
      await db.selectFrom('communities').select('id').where('id', '=', communityId).forUpdate().executeTakeFirst();
      const facilitators = await db
        .selectFrom('community_members')
        .select('member_id')
        .where('community_id', '=', communityId)
        .where('is_facilitator', '=', true)
        .execute();
      if (!facilitators.some((row) => row.member_id === memberId)) return 'not-facilitator';
      if (facilitators.length <= 1) return 'last';
      await db
        .updateTable('community_members')
        .set({ is_facilitator: false })
        .where('community_id', '=', communityId)
        .where('member_id', '=', memberId)
        .execute();
      return 'removed';
    },

    async isMember(communityId, memberId) {
      const row = await db
        .selectFrom('community_members')
        .select('member_id')
        .where('community_id', '=', communityId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async find(workspaceId, communityId) {
      const row = await db
        .selectFrom('communities')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', communityId)
        .executeTakeFirst();
      return row ? toCommunity(row) : null;
    },

    async findById(communityId) {
      const row = await db.selectFrom('communities').select(columns).where('id', '=', communityId).executeTakeFirst();
      return row ? toCommunity(row) : null;
    },

    async listForMember(memberId) {
      const rows = await db
        .selectFrom('community_members')
        .innerJoin('communities', 'communities.id', 'community_members.community_id')
        .select([
          'communities.id',
          'communities.workspace_id',
          'communities.channel_id',
          'communities.name',
          'communities.time_zone',
          'community_members.is_facilitator',
        ])
        .where('community_members.member_id', '=', memberId)
        .orderBy('communities.name')
        .execute();
      return rows.map((row) => ({ community: toCommunity(row), isFacilitator: row.is_facilitator }));
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

export function toCommunity(row: {
  id: number;
  workspace_id: number;
  channel_id: string;
  name: string;
  time_zone: string;
}): Community {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    name: row.name,
    timeZone: row.time_zone,
  };
}
