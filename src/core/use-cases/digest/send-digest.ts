import { weekStarting } from '../../digest/week.js';
import type { SystemDeps } from '../close-left-open.js';
import { zoneOf } from '../nudges/set-nudges.js';
import { buildDigest } from './build-digest.js';

/**
 * The planned digest: the week's figures stored (once per admin and week; a retry reuses them) and
 * sent to the admin as a direct message. Someone who is no longer an admin gets nothing.
 */
export async function sendDigest(deps: SystemDeps, input: { memberId: number; weekStart: string }): Promise<void> {
  const found = await deps.store.members.withWorkspace(input.memberId);
  if (!found || !found.member.isAdmin) return;
  const { member, workspace } = found;
  const timeZone = zoneOf(member, workspace);
  const { message } = await buildDigest({
    store: deps.store,
    workspace,
    adminMemberId: member.id,
    week: weekStarting(input.weekStart, timeZone),
    timeZone,
    preview: false,
    record: (week) => deps.store.digests.record({ workspaceId: workspace.id, adminMemberId: member.id, week, at: deps.now }),
  });
  const chat = await deps.chatFor(workspace.platform, workspace.externalId);
  await chat.dm({ workspace: workspace.externalId, user: member.externalId }, message);
  deps.log.info({ memberId: member.id, weekStart: input.weekStart }, 'digest sent');
}
