import type { CalendarEntry, CalendarRepo } from '../../core/ports/calendar.js';
import type { Executor } from './executor.js';

const entryColumns = ['number', 'starts_on', 'ends_on', 'label'] as const;
const toEntry = (row: { number: number; starts_on: string; ends_on: string; label: string }): CalendarEntry => ({
  number: row.number,
  from: row.starts_on,
  to: row.ends_on,
  label: row.label,
});

export function calendarRepo(db: Executor): CalendarRepo {
  return {
    async closures(workspaceId) {
      const rows = await db
        .selectFrom('calendar')
        .select(['starts_on', 'ends_on'])
        .where('workspace_id', '=', workspaceId)
        .execute();
      return rows.map((row) => ({ from: row.starts_on, to: row.ends_on }));
    },

    async add({ workspaceId, from, to, label, createdBy }) {
      // The number comes from a trigger (migration 0021), under the workspace row's lock.
      const row = await db
        .insertInto('calendar')
        .values({ workspace_id: workspaceId, starts_on: from, ends_on: to, label, created_by: createdBy })
        .returning('number')
        .executeTakeFirstOrThrow();
      return row.number;
    },

    async upcoming(workspaceId, from) {
      const rows = await db
        .selectFrom('calendar')
        .select(entryColumns)
        .where('workspace_id', '=', workspaceId)
        .where('ends_on', '>=', from)
        .orderBy('starts_on')
        .orderBy('number')
        .limit(20)
        .execute();
      return rows.map(toEntry);
    },

    async covering(workspaceId, date) {
      const rows = await db
        .selectFrom('calendar')
        .select(entryColumns)
        .where('workspace_id', '=', workspaceId)
        .where('starts_on', '<=', date)
        .where('ends_on', '>=', date)
        .orderBy('number')
        .execute();
      return rows.map(toEntry);
    },

    async remove(workspaceId, number) {
      const row = await db
        .deleteFrom('calendar')
        .where('workspace_id', '=', workspaceId)
        .where('number', '=', number)
        .returning(entryColumns)
        .executeTakeFirst();
      return row ? toEntry(row) : null;
    },
  };
}
