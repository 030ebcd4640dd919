import { sql } from 'kysely';
import type { MemberRepo } from '../../core/ports/members.js';
import { movePlannedTime } from './compare-and-set.js';
import type { Executor } from './executor.js';
import { toMember, toMemberWithWorkspace, withWorkspaceRows } from './member-rows.js';

// A member's goal nudges: their preferences and the planned send the scheduler's tick reads.

type Nudges = Pick<
  MemberRepo,
  'nudgePrefs' | 'setNudgePrefs' | 'nudgePlan' | 'setNextNudge' | 'dueForNudge' | 'dueSlotCounts' | 'withNudgePlanned'
>;

export function memberNudges(db: Executor): Nudges {
  return {
    async nudgePrefs(memberId) {
      const row = await db
        .selectFrom('members')
        .select(['nudges_enabled', 'nudge_day', 'nudge_minute'])
        .where('id', '=', memberId)
        .executeTakeFirstOrThrow();
      return { enabled: row.nudges_enabled, day: row.nudge_day, minute: row.nudge_minute };
    },

    async setNudgePrefs(memberId, prefs) {
      await db
        .updateTable('members')
        .set({ nudges_enabled: prefs.enabled, nudge_day: prefs.day, nudge_minute: prefs.minute })
        .where('id', '=', memberId)
        .execute();
    },

    async nudgePlan(memberId) {
      const row = await db
        .selectFrom('members')
        .select(['nudges_enabled', 'nudge_day', 'nudge_minute', 'next_nudge_at'])
        .where('id', '=', memberId)
        .forUpdate()
        .executeTakeFirst();
      return row
        ? {
            prefs: { enabled: row.nudges_enabled, day: row.nudge_day, minute: row.nudge_minute },
            next: row.next_nudge_at,
          }
        : null;
    },

    setNextNudge: (memberId, expected, next) =>
      movePlannedTime(db, { table: 'members', column: 'next_nudge_at', id: memberId }, expected, next),

    async dueForNudge(now, limit) {
      // One indexed range on next_nudge_at: the due set is found in SQL, never by scanning in JS.
      const rows = await withWorkspaceRows(db)
        .select(['members.nudges_enabled', 'members.nudge_day', 'members.nudge_minute', 'members.next_nudge_at'])
        .where('members.next_nudge_at', '<=', now)
        .where('workspaces.uninstalled_at', 'is', null)
        .orderBy('members.next_nudge_at')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        ...toMemberWithWorkspace(row),
        prefs: { enabled: row.nudges_enabled, day: row.nudge_day, minute: row.nudge_minute },
        slot: row.next_nudge_at ?? now,
      }));
    },

    async dueSlotCounts(now) {
      // The same indexed range as dueForNudge, counted instead of read.
      const rows = await db
        .selectFrom('members')
        .select(['workspace_id', 'next_nudge_at', sql<number>`count(*)::int`.as('count')])
        .where('next_nudge_at', '<=', now)
        .groupBy(['workspace_id', 'next_nudge_at'])
        .execute();
      return rows.map((row) => ({
        workspaceId: row.workspace_id,
        slot: row.next_nudge_at ?? now,
        count: Number(row.count),
      }));
    },

    async withNudgePlanned(workspaceId) {
      const rows = await db
        .selectFrom('members')
        .select(['id', 'workspace_id', 'external_id', 'display_name', 'time_zone', 'is_admin'])
        .where('workspace_id', '=', workspaceId)
        .where('next_nudge_at', 'is not', null)
        .orderBy('id')
        .execute();
      return rows.map(toMember);
    },
  };
}
