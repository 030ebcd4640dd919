import type { Member, Workspace } from '../model.js';
import type { Repositories } from '../ports/store.js';
import { scheduleNextNudge } from '../use-cases/nudges/set-nudges.js';
import { replanCommunity } from './community.js';
import { replanDigests } from './digests.js';

/**
 * After a change to the school calendar or to the workspace's zone: every community's sessions and
 * mid-week prompt and every planned nudge, all of which skip breaks, planned afresh in the caller's
 * transaction; with `digests`, also the digests of admins who keep the workspace's zone.
 */
export async function replanWorkspace(
  repos: Repositories,
  input: { workspace: Workspace; now: Date; digests: boolean },
): Promise<void> {
  const { workspace, now } = input;
  const closures = await repos.calendar.closures(workspace.id);
  for (const community of await repos.communities.inWorkspace(workspace.id)) {
    await replanCommunity(repos, { communityId: community.id, workspace, now, closures });
  }
  for (const member of await repos.members.withNudgePlanned(workspace.id)) {
    await scheduleNextNudge(repos, member, workspace, now, closures);
  }
  // The default end of mentor terms is read from the calendar, in the workspace's zone.
  await repos.rotation.replan(workspace.id);
  if (input.digests) await replanDigests(repos, { workspace, now, which: (admin) => admin.member.timeZone === null });
}

/**
 * A member's own zone changed (their platform profile says so, or they set it, `chosen`): their
 * nudges and digest move with it.
 */
export async function moveMemberZone(
  repos: Repositories,
  input: { member: Member; workspace: Workspace; zone: string; now: Date; chosen?: boolean },
): Promise<Member> {
  const moved = { ...input.member, timeZone: input.zone, ...(input.chosen ? { timeZoneChosen: true } : {}) };
  await repos.members.setTimeZone(moved.id, input.zone, input.chosen);
  await scheduleNextNudge(repos, moved, input.workspace, input.now);
  // Only this admin's row: locking every admin's here could deadlock with another admin moving at once.
  if (moved.isAdmin) await replanDigests(repos, { workspace: input.workspace, now: input.now, only: moved.id });
  return moved;
}
