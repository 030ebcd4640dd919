import type { Platform, Workspace } from '../model.js';

export interface WorkspaceRepo {
  /**
   * Finds or creates the workspace. A name given here replaces the stored one; none given leaves it.
   * The zone is never set here: only `setTimeZone` and `setTimeZoneIfUnset` set it.
   */
  ensure(input: { platform: Platform; externalId: string; name?: string }): Promise<Workspace>;
  /** True when the zone was unset and is now this one. */
  setTimeZoneIfUnset(workspaceId: number, timeZone: string): Promise<boolean>;
  setTimeZone(workspaceId: number, timeZone: string): Promise<void>;
  /** How many months texts are kept (1..120). */
  setRetention(workspaceId: number, months: number): Promise<void>;
  retentionMonths(workspaceId: number): Promise<number>;
  byId(workspaceId: number): Promise<Workspace | null>;
}
