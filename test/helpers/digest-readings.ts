import { METRICS, type Metric } from '../../src/core/digest/figures.js';

// What an admin reads, turned back into figures: each digest line "Name: sessions held: 1 · taking
// part: 5 · …" and each CSV row of `export workspace` becomes one figure per metric, as printed.

export interface Reading {
  /** Where it was read: "digest 3", "export 5". */
  source: string;
  weekStart: string;
  /** A circle's name, "smaller circles" or "whole school". */
  row: string;
  metric: Metric;
  /** As printed: a number, "fewer than N" or "kept back". */
  shown: string;
}

const DIGEST_LABELS: Record<string, Metric> = {
  'taking part': 'participants',
  'opening check-ins': 'opening',
  'closing check-ins': 'closing',
  reflections: 'reflections',
  'new goals': 'goalsNew',
  'goals under way': 'goalsActive',
  achieved: 'goalsAchieved',
  reworked: 'goalsReworked',
  'set aside': 'goalsDropped',
};

/** Every figure of a digest message (sent or previewed) for the week starting `weekStart`. */
export function digestReadings(source: string, weekStart: string, text: string): Reading[] {
  return text.split('\n').flatMap((line) => {
    const at = line.indexOf(': sessions held: ');
    if (at < 0) return [];
    const head = line.slice(0, at);
    const row =
      head === 'Across the school' ? 'whole school' : head.startsWith('Smaller circles (') ? 'smaller circles' : head;
    return line
      .slice(at + 2)
      .split(' · ')
      .flatMap((cell) => {
        const metric = DIGEST_LABELS[cell.slice(0, cell.lastIndexOf(': '))];
        return metric ? [{ source, weekStart, row, metric, shown: cell.slice(cell.lastIndexOf(': ') + 2) }] : [];
      });
  });
}

/** Every figure of an `export workspace` CSV. */
export function csvReadings(source: string, csv: string): Reading[] {
  return csv
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .flatMap((line) => {
      const cells = line.split(',');
      const circle = cells[1] ?? '';
      const row = circle.startsWith('smaller circles') ? 'smaller circles' : circle;
      return METRICS.map((metric, i) => ({
        source,
        weekStart: cells[0] ?? '',
        row,
        metric,
        shown: cells[4 + i] ?? '',
      }));
    });
}
