import type { Member, Workspace } from '../model.js';

/** The zone a member's own times are read in: theirs, else their workspace's, else UTC. */
export const zoneOf = (member: Member, workspace: Workspace): string => member.timeZone ?? workspace.timeZone ?? 'UTC';

/** The zone of what belongs to the whole workspace (its calendar, its mentors' terms): its own, else UTC. */
export const workspaceZone = (workspace: Workspace): string => workspace.timeZone ?? 'UTC';
