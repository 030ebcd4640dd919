import type { Member } from '../../core/model.js';
import type { MemberRepo } from '../../core/ports.js';
import type { Executor } from './executor.js';

export function memberRepo(db: Executor): MemberRepo {
  return {
    async ensure(workspaceId, { externalId, name, timeZone }) {
      // Read first: a known member whose name and zone are unchanged costs no write.
      const found = await db
        .selectFrom('members')
        .select(['id', 'workspace_id', 'external_id', 'display_name', 'time_zone', 'is_admin'])
        .where('workspace_id', '=', workspaceId)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      if (found && found.display_name === name && (timeZone === undefined || timeZone === found.time_zone)) return toMember(found);
      const row = await db
        .insertInto('members')
        .values({ workspace_id: workspaceId, external_id: externalId, display_name: name, time_zone: timeZone ?? null })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'external_id']).doUpdateSet((eb) => ({
            display_name: eb.val(name),
            time_zone: timeZone === undefined ? eb.ref('members.time_zone') : eb.val(timeZone),
          })),
        )
        .returning(['id', 'workspace_id', 'external_id', 'display_name', 'time_zone', 'is_admin'])
        .executeTakeFirstOrThrow();
      return toMember(row);
    },

    async hasAdmin(workspaceId) {
      const row = await db
        .selectFrom('members')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('is_admin', '=', true)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async setAdmin(memberId, isAdmin) {
      await db.updateTable('members').set({ is_admin: isAdmin }).where('id', '=', memberId).execute();
    },
  };
}

export function toMember(row: {
  id: number;
  workspace_id: number;
  external_id: string;
  display_name: string;
  time_zone: string | null;
  is_admin: boolean;
}): Member {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    externalId: row.external_id,
    name: row.display_name,
    timeZone: row.time_zone,
    isAdmin: row.is_admin,
  };
}
