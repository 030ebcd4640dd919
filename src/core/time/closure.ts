import type { LocalDate } from './local-time.js';

/** A school break or holiday: inclusive local dates, YYYY-MM-DD. */
export interface Closure {
  from: LocalDate;
  to: LocalDate;
}

/** Whether a break or holiday covers the date (both ends included). */
export const isClosed = (date: LocalDate, closures: readonly Closure[]): boolean =>
  closures.some((c) => c.from <= date && date <= c.to);
