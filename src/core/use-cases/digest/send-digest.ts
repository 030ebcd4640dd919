import { weekStarting } from '../../digest/week.js';
import type { SystemDeps } from '../close-left-open.js';
import { zoneOf } from '../nudges/set-nudges.js';
import { buildDigest } from './build-digest.js';

/**
 * The planned digest: the week as stored (counted now if no one asked for it before; a retry, or a
 * second admin, reads the same figures) sent to the admin as a direct message, and the send noted.
 * Someone who is no longer an admin gets nothing.
 */
export async function sendDigest(deps: SystemDeps, input: { memberId: number; weekStart: string }): Promise<void> {
  const found = await deps.store.members.withWorkspace(input.memberId);
  if (!found || !found.member.isAdmin) return;
  const { member, workspace } = found;
  const timeZone = zoneOf(member, workspace);
  const { message, stored } = await buildDigest({ store: deps.store, workspace, week: weekStarting(input.weekStart, timeZone), now: deps.now, preview: false });
  await deps.store.digests.recordSent({ workspaceId: workspace.id, adminMemberId: member.id, week: stored, at: deps.now });
  const chat = await deps.chatFor(workspace.platform, workspace.externalId);
  await chat.dm({ workspace: workspace.externalId, user: member.externalId }, message);
  deps.log.info({ memberId: member.id, weekStart: input.weekStart }, 'digest sent');
}
