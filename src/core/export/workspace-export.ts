import { MENTORING_METRICS, METRICS, type Metric, type ShownRow, type StoredWeek } from '../digest/figures.js';
import { poolShown } from '../digest/privacy.js';
import { GONE, MENTORING_LABELS, say } from '../digest/render-parts.js';
import type { OutgoingFile } from '../messages.js';
import { csvCell } from './member-export.js';

// `export workspace`: the weeks the digest stored, as a CSV file for admins. Each cell is what the
// digest showed for that week, read back as stored, never recounted: later deletions, membership
// changes or a new threshold do not change a week already counted. No texts, no names of teachers.

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

/**
 * Mentoring is counted for the whole school only: its cells are filled on the school's row, and left
 * empty on a circle's, and on weeks counted before mentoring was or in a school that had not taken it up.
 */
function mentoringCells(week: StoredWeek, school: boolean): string[] {
  const shown = school ? week.mentoring : null;
  return MENTORING_METRICS.map((metric) => (shown ? say(shown[metric], week.threshold) : ''));
}

function row(week: StoredWeek, circle: string, shown: ShownRow, school = false): string {
  return [
    week.weekStart,
    circle,
    shown.sessionsHeld,
    shown.sessionsMissed,
    ...METRICS.map((metric) => say(shown.figures[metric], week.threshold)),
    ...mentoringCells(week, school),
  ]
    .map(csvCell)
    .join(',');
}

/** Stored weeks, oldest first: a row per circle shown on its own, the smaller circles when shown, the school. */
export function workspaceCsv(weeks: readonly StoredWeek[], names: ReadonlyMap<number, string>): string {
  const lines = [
    [
      'week starting',
      'circle',
      'sessions held',
      'scheduled sessions missed',
      ...METRICS.map((m) => LABELS[m]),
      ...MENTORING_METRICS.map((m) => MENTORING_LABELS[m]),
    ]
      .map(csvCell)
      .join(','),
  ];
  for (const week of weeks) {
    const circles = week.circles
      .map((circle) => ({ circle, name: names.get(circle.communityId) ?? GONE }))
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const { circle, name } of circles) lines.push(row(week, name, circle));
    if (week.pool && poolShown(week.pool, week.threshold))
      lines.push(row(week, `smaller circles (${week.pool.circles})`, week.pool));
    lines.push(row(week, 'whole school', week.total, true));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function buildWorkspaceExport(
  weeks: readonly StoredWeek[],
  names: ReadonlyMap<number, string>,
  now: Date,
): OutgoingFile {
  return {
    name: `mentor-circle-school-figures-${now.toISOString().slice(0, 10)}.csv`,
    mimeType: 'text/csv',
    content: workspaceCsv(weeks, names),
  };
}
