import type { StoredWeek } from '../digest/figures.js';
import type { OutgoingFile } from '../messages.js';
import { workspaceCsv } from './workspace-export.js';

/**
 * The table a larger school's digest leaves out of the message: one row per circle shown on its own,
 * the smaller circles together when they may be shown, and the school, each exactly as the week was
 * stored. It is the week's part of `export workspace`, so both read the same cells.
 */
export function digestTable(week: StoredWeek, names: ReadonlyMap<number, string>): OutgoingFile {
  return {
    name: `mentor-circle-digest-${week.weekStart}.csv`,
    mimeType: 'text/csv',
    content: workspaceCsv([week], names),
  };
}
