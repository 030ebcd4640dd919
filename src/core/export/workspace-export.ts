import { METRICS, noFigures, type Metric, type StoredWeek } from '../digest/figures.js';
import { poolShown, showFigure, showTotal, type Shown } from '../digest/privacy.js';
import { say } from '../digest/render.js';
import type { OutgoingFile } from '../messages.js';
import { csvCell } from './member-export.js';

// `export workspace`: the figures the weekly digest counts, week by week, as a CSV file for admins.
// The digest's privacy rules hold cell by cell: "fewer than 3", smaller circles only together, and
// totals "kept back" where they would reveal one or two people. No texts, no names of teachers.

const LABELS: Record<Metric, string> = {
  participants: 'taking part',
  opening: 'opening check-ins',
  closing: 'closing check-ins',
  reflections: 'reflections',
  goalsNew: 'new goals',
  goalsActive: 'goals under way',
  goalsAchieved: 'goals achieved',
  goalsReworked: 'goals reworked',
  goalsDropped: 'goals set aside',
};

export interface ExportedWeek {
  week: StoredWeek;
  /** Circle names by id, and the ids counted only within the smaller circles. */
  names: ReadonlyMap<number, string>;
  pooledIds: ReadonlySet<number>;
}

function row(week: string, circle: string, sessions: { held: number; missed: number }, show: (metric: Metric) => Shown): string {
  return [week, circle, sessions.held, sessions.missed, ...METRICS.map((metric) => say(show(metric)))].map(csvCell).join(',');
}

export function workspaceCsv(weeks: readonly ExportedWeek[]): string {
  const lines = [['week starting', 'circle', 'sessions held', 'scheduled sessions missed', ...METRICS.map((m) => LABELS[m])].map(csvCell).join(',')];
  for (const { week, names, pooledIds } of weeks) {
    const byId = new Map(week.communities.map((c) => [c.communityId, c]));
    const circles = [...names].filter(([id]) => !pooledIds.has(id)).sort((a, b) => a[1].localeCompare(b[1]));
    for (const [id, name] of circles) {
      const figures = byId.get(id) ?? { sessionsHeld: 0, sessionsMissed: 0, figures: noFigures() };
      lines.push(row(week.weekStart, name, { held: figures.sessionsHeld, missed: figures.sessionsMissed }, (m) => showFigure(figures.figures[m])));
    }
    const pool = week.pool;
    if (pool && poolShown(pool)) {
      lines.push(row(week.weekStart, `smaller circles (${pool.circles})`, { held: pool.sessionsHeld, missed: pool.sessionsMissed }, (m) => showFigure(pool.figures[m])));
    }
    lines.push(row(week.weekStart, 'whole school', { held: week.total.sessionsHeld, missed: week.total.sessionsMissed }, (m) => showTotal(week, m)));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function buildWorkspaceExport(weeks: readonly ExportedWeek[], now: Date): OutgoingFile {
  return { name: `mentor-circle-school-figures-${now.toISOString().slice(0, 10)}.csv`, mimeType: 'text/csv', content: workspaceCsv(weeks) };
}
