import type { Workspace } from '../../core/model.js';
import type { WorkspaceRepo } from '../../core/ports/workspaces.js';
import type { Executor } from './executor.js';

export function workspaceRepo(db: Executor): WorkspaceRepo {
  return {
    async ensure({ platform, externalId, name }) {
      // Read first: nearly every call finds the workspace, and a read writes nothing.
      const found = await db
        .selectFrom('workspaces')
        .select(['id', 'platform', 'external_id', 'name', 'time_zone'])
        .where('platform', '=', platform)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      if (found && (name === undefined || name === found.name)) return toWorkspace(found);
      // The update on conflict makes RETURNING yield the row whether it was inserted or already there.
      const row = await db
        .insertInto('workspaces')
        .values({ platform, external_id: externalId, name: name ?? null })
        .onConflict((oc) =>
          oc.columns(['platform', 'external_id']).doUpdateSet((eb) => ({
            name: name === undefined ? eb.ref('workspaces.name') : eb.val(name),
          })),
        )
        .returning(['id', 'platform', 'external_id', 'name', 'time_zone'])
        .executeTakeFirstOrThrow();
      return toWorkspace(row);
    },

    async byId(workspaceId) {
      const row = await db
        .selectFrom('workspaces')
        .select(['id', 'platform', 'external_id', 'name', 'time_zone'])
        .where('id', '=', workspaceId)
        .executeTakeFirst();
      return row ? toWorkspace(row) : null;
    },

    async setTimeZone(workspaceId, timeZone) {
      await db.updateTable('workspaces').set({ time_zone: timeZone }).where('id', '=', workspaceId).execute();
    },

    async setRetention(workspaceId, months) {
      await db.updateTable('workspaces').set({ retention_months: months }).where('id', '=', workspaceId).execute();
    },

    async retentionMonths(workspaceId) {
      const row = await db
        .selectFrom('workspaces')
        .select('retention_months')
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      return row.retention_months;
    },

    async setTimeZoneIfUnset(workspaceId, timeZone) {
      const result = await db
        .updateTable('workspaces')
        .set({ time_zone: timeZone })
        .where('id', '=', workspaceId)
        .where('time_zone', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

function toWorkspace(row: {
  id: number;
  platform: Workspace['platform'];
  external_id: string;
  name: string | null;
  time_zone: string | null;
}): Workspace {
  return { id: row.id, platform: row.platform, externalId: row.external_id, name: row.name, timeZone: row.time_zone };
}
