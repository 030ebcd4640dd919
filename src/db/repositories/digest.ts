import type { AdminToPlan, DigestRepo } from '../../core/ports/digest.js';
import { DEFAULT_THRESHOLD } from '../../core/digest/privacy.js';
import { movePlannedTime } from './compare-and-set.js';
import { digestCircleCounts } from './digest-circles.js';
import { digestMentoring } from './digest-mentoring.js';
import { digestWeeks } from './digest-weeks.js';
import type { Executor } from './executor.js';
import { toMemberWithWorkspace, withWorkspaceRows } from './member-rows.js';

// The digest's settings and its admins' planned sends; its figures and stored weeks are counted in
// digest-circles.ts, digest-mentoring.ts and digest-weeks.ts.

export function digestRepo(db: Executor): DigestRepo {
  const admins = () =>
    withWorkspaceRows(db)
      .select(['members.next_digest_at', 'workspaces.digest_day', 'workspaces.digest_minute'])
      .where('members.is_admin', '=', true)
      .where('workspaces.uninstalled_at', 'is', null);
  const toAdmin = (
    row: Parameters<typeof toMemberWithWorkspace>[0] & { digest_day: number; digest_minute: number },
  ): AdminToPlan => ({
    ...toMemberWithWorkspace(row),
    time: { day: row.digest_day, minute: row.digest_minute },
  });

  return {
    ...digestCircleCounts(db),
    ...digestMentoring(db),
    ...digestWeeks(db),

    async time(workspaceId) {
      const row = await db
        .selectFrom('workspaces')
        .select(['digest_day', 'digest_minute'])
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      return { day: row.digest_day, minute: row.digest_minute };
    },

    async setTime(workspaceId, time) {
      await db
        .updateTable('workspaces')
        .set({ digest_day: time.day, digest_minute: time.minute })
        .where('id', '=', workspaceId)
        .execute();
    },

    async names(workspaceId) {
      const rows = await db
        .selectFrom('communities')
        .select(['id', 'name'])
        .where('workspace_id', '=', workspaceId)
        .execute();
      return new Map(rows.map((row) => [Number(row.id), row.name]));
    },

    async threshold(workspaceId) {
      const row = await db
        .selectFrom('workspaces')
        .select('privacy_threshold')
        .where('id', '=', workspaceId)
        .executeTakeFirst();
      return row?.privacy_threshold ?? DEFAULT_THRESHOLD;
    },

    async setThreshold(workspaceId, threshold) {
      await db.updateTable('workspaces').set({ privacy_threshold: threshold }).where('id', '=', workspaceId).execute();
    },

    setNextDigest: (memberId, expected, next) =>
      movePlannedTime(db, { table: 'members', column: 'next_digest_at', id: memberId }, expected, next),

    async admins(workspaceId, only) {
      let query = admins().where('members.workspace_id', '=', workspaceId);
      if (only !== undefined) query = query.where('members.id', '=', only);
      const rows = await query.orderBy('members.id').forUpdate('members').execute();
      return rows.map((row) => ({ ...toAdmin(row), next: row.next_digest_at }));
    },

    async unplanned(limit) {
      const rows = await admins()
        .where('members.next_digest_at', 'is', null)
        .orderBy('members.id')
        .limit(limit)
        .execute();
      return rows.map(toAdmin);
    },

    async due(now, limit) {
      const rows = await admins()
        .where('members.next_digest_at', '<=', now)
        .orderBy('members.next_digest_at')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ ...toAdmin(row), slot: row.next_digest_at ?? now }));
    },
  };
}
