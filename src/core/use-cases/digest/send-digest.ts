import type { ChatPort } from '../../chat-port.js';
import type { Member, Workspace } from '../../model.js';
import { weekStarting } from '../../digest/week.js';
import type { SystemDeps } from '../../system-deps.js';
import { zoneOf } from '../../time/zone-of.js';
import { buildDigest } from './build-digest.js';
import { handDigest } from './hand-digest.js';

/**
 * An admin only because the platform said so (a Slack admin or owner) may have been demoted since they
 * last spoke: the platform is asked again before school figures go to them. If it cannot answer, the
 * stored flag stands, as it does for every other use of it.
 */
async function stillAdmin(
  deps: SystemDeps,
  chat: ChatPort,
  found: { member: Member; workspace: Workspace },
): Promise<boolean> {
  const { member, workspace } = found;
  if (!chat.isPlatformAdmin || !(await deps.store.members.isPlatformAdmin(member.id))) return true;
  let now: boolean;
  try {
    now = await chat.isPlatformAdmin({ workspace: workspace.externalId, user: member.externalId });
  } catch (error) {
    deps.log.warn({ err: error }, 'could not ask the platform whether an admin still is one; the stored flag stands');
    return true;
  }
  if (now) return true;
  // Cleared, they stay an admin only if the app made them one.
  await deps.store.members.syncPlatformAdmin(member.id, false);
  return (await deps.store.members.withWorkspace(member.id))?.member.isAdmin === true;
}

/**
 * The planned digest: the week as stored (counted now if no one asked for it before; a retry, or a
 * second admin, reads the same figures) sent to the admin as a direct message (a larger school's
 * with its table as a file, in the same send), and the send noted.
 * Someone who is no longer an admin gets nothing.
 */
export async function sendDigest(deps: SystemDeps, input: { memberId: number; weekStart: string }): Promise<void> {
  const found = await deps.store.members.withWorkspace(input.memberId);
  if (!found || !found.member.isAdmin) return;
  const { member, workspace } = found;
  const chat = await deps.chatFor(workspace.platform, workspace.externalId);
  if (!(await stillAdmin(deps, chat, found))) return;
  const timeZone = zoneOf(member, workspace);
  const digest = await buildDigest({
    store: deps.store,
    workspace,
    week: weekStarting(input.weekStart, timeZone),
    now: deps.now,
    preview: false,
  });
  await deps.store.digests.recordSent({
    workspaceId: workspace.id,
    adminMemberId: member.id,
    week: digest.stored,
    at: deps.now,
  });
  const to = { workspace: workspace.externalId, user: member.externalId };
  const withTable = await handDigest(chat, to, digest, (message) => chat.dm(to, message));
  deps.log.info({ memberId: member.id, weekStart: input.weekStart, withTable }, 'digest sent');
}
