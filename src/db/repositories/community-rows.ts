import type { Community, Platform, Workspace } from '../../core/model.js';
import type { SessionSchedule } from '../../core/schedules/schedule.js';

export const communityColumns = ['id', 'workspace_id', 'channel_id', 'name', 'time_zone'] as const;

/** The workspace of each circle a due query finds, selected beside the circle's columns. */
export const dueWorkspaceColumns = [
  'workspaces.platform',
  'workspaces.external_id as workspace_external_id',
  'workspaces.name as workspace_name',
  'workspaces.time_zone as workspace_time_zone',
] as const;

export function toDueWorkspace(row: {
  workspace_id: number;
  platform: Platform;
  workspace_external_id: string;
  workspace_name: string | null;
  workspace_time_zone: string | null;
}): Workspace {
  return {
    id: row.workspace_id,
    platform: row.platform,
    externalId: row.workspace_external_id,
    name: row.workspace_name,
    timeZone: row.workspace_time_zone,
  };
}

export const scheduleColumns = [
  'schedule_cadence',
  'schedule_day',
  'schedule_minute',
  'schedule_length_minutes',
  'schedule_anchor',
  'reminder',
] as const;

export function toSchedule(row: {
  schedule_cadence: SessionSchedule['cadence'] | null;
  schedule_day: number | null;
  schedule_minute: number | null;
  schedule_length_minutes: number;
  schedule_anchor: string | null;
  reminder: 'day-before' | 'off';
}): SessionSchedule | null {
  if (!row.schedule_cadence || row.schedule_day === null || row.schedule_minute === null || !row.schedule_anchor)
    return null;
  return {
    cadence: row.schedule_cadence,
    day: row.schedule_day,
    minute: row.schedule_minute,
    lengthMinutes: row.schedule_length_minutes,
    anchor: row.schedule_anchor,
    remind: row.reminder === 'day-before',
  };
}

export function toCommunity(row: {
  id: number;
  workspace_id: number;
  channel_id: string;
  name: string;
  time_zone: string;
}): Community {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    name: row.name,
    timeZone: row.time_zone,
  };
}
