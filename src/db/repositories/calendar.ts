import type { CalendarRepo } from '../../core/ports.js';
import type { Executor } from './executor.js';

export function calendarRepo(db: Executor): CalendarRepo {
  return {
    async closures(workspaceId) {
      const rows = await db.selectFrom('calendar').select(['starts_on', 'ends_on']).where('workspace_id', '=', workspaceId).execute();
      return rows.map((row) => ({ from: row.starts_on, to: row.ends_on }));
    },

    async add({ workspaceId, from, to, label, createdBy }) {
      await db.insertInto('calendar').values({ workspace_id: workspaceId, starts_on: from, ends_on: to, label, created_by: createdBy }).execute();
    },

    async upcoming(workspaceId, from) {
      const rows = await db
        .selectFrom('calendar')
        .select(['starts_on', 'ends_on', 'label'])
        .where('workspace_id', '=', workspaceId)
        .where('ends_on', '>=', from)
        .orderBy('starts_on')
        .limit(20)
        .execute();
      return rows.map((row) => ({ from: row.starts_on, to: row.ends_on, label: row.label }));
    },
  };
}
