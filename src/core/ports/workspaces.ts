import type { Platform, Workspace } from '../model.js';

export interface WorkspaceRepo {
  /** Finds or creates the workspace; a zone given here is kept only if none is set yet. */
  ensure(input: { platform: Platform; externalId: string; name?: string }): Promise<Workspace>;
  /** True when the zone was unset and is now this one. */
  setTimeZoneIfUnset(workspaceId: number, timeZone: string): Promise<boolean>;
  setTimeZone(workspaceId: number, timeZone: string): Promise<void>;
  /** How many months texts are kept (1..120). */
  setRetention(workspaceId: number, months: number): Promise<void>;
  retentionMonths(workspaceId: number): Promise<number>;
  byId(workspaceId: number): Promise<Workspace | null>;
}
