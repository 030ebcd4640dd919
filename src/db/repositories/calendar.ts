import type { CalendarRepo } from '../../core/ports.js';
import type { Executor } from './executor.js';

export function calendarRepo(db: Executor): CalendarRepo {
  return {
    async closures(workspaceId) {
      const rows = await db.selectFrom('calendar').select(['starts_on', 'ends_on']).where('workspace_id', '=', workspaceId).execute();
      return rows.map((row) => ({ from: row.starts_on, to: row.ends_on }));
    },
  };
}
