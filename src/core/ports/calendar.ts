import type { Closure } from '../time/closure.js';

/** A break or holiday as `calendar` lists it: `number` is the entry's for life, never reused. */
export type CalendarEntry = Closure & { number: number; label: string };

export interface CalendarRepo {
  /** The workspace's breaks and holidays, in its own calendar dates. */
  closures(workspaceId: number): Promise<Closure[]>;
  /** Returns the number the new entry was given: the workspace's next, never one used before. */
  add(input: { workspaceId: number; from: string; to: string; label: string; createdBy: number }): Promise<number>;
  /** Breaks and holidays that end on or after `from`, soonest first. */
  upcoming(workspaceId: number, from: string): Promise<CalendarEntry[]>;
  /** The entries that cover `date` (from <= date <= to), by number. */
  covering(workspaceId: number, date: string): Promise<CalendarEntry[]>;
  /** Removes the entry with this number; null when there is none. */
  remove(workspaceId: number, number: number): Promise<CalendarEntry | null>;
}
