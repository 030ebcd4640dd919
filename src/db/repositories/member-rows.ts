import type { Member, Workspace } from '../../core/model.js';
import type { Executor } from './executor.js';

// Member rows as the core sees them, shared by the repositories that read members.

/** Members joined to their workspace, with the columns both need. */
export function withWorkspaceRows(db: Executor) {
  return db
    .selectFrom('members')
    .innerJoin('workspaces', 'workspaces.id', 'members.workspace_id')
    .select([
      'members.id',
      'members.workspace_id',
      'members.external_id',
      'members.display_name',
      'members.time_zone',
      'members.is_admin',
      'workspaces.platform',
      'workspaces.external_id as workspace_external_id',
      'workspaces.name as workspace_name',
      'workspaces.time_zone as workspace_time_zone',
    ]);
}

export function toMemberWithWorkspace(row: {
  id: number;
  workspace_id: number;
  external_id: string;
  display_name: string;
  time_zone: string | null;
  time_zone_chosen?: boolean;
  is_admin: boolean;
  platform: Workspace['platform'];
  workspace_external_id: string;
  workspace_name: string | null;
  workspace_time_zone: string | null;
}): { member: Member; workspace: Workspace } {
  return {
    member: toMember(row),
    workspace: {
      id: row.workspace_id,
      platform: row.platform,
      externalId: row.workspace_external_id,
      name: row.workspace_name,
      timeZone: row.workspace_time_zone,
    },
  };
}

export function toMember(row: {
  id: number;
  workspace_id: number;
  external_id: string;
  display_name: string;
  time_zone: string | null;
  time_zone_chosen?: boolean;
  is_admin: boolean;
}): Member {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    externalId: row.external_id,
    name: row.display_name,
    timeZone: row.time_zone,
    ...(row.time_zone_chosen ? { timeZoneChosen: true } : {}),
    isAdmin: row.is_admin,
  };
}
