import type { Workspace } from '../model.js';
import type { AdminToPlan } from '../ports/digest.js';
import type { Repositories } from '../ports/store.js';
import { planAdminDigest } from '../digest/plan-digest.js';
import { zoneOf } from '../time/zone-of.js';
import { replanFrom } from './replan-from.js';

/**
 * Plans afresh the next digest of the workspace's admins (or of one), those that `which` picks, from
 * the digest time and each admin's zone as they are now, in the caller's transaction (the admins'
 * rows are locked first).
 */
export async function replanDigests(
  repos: Repositories,
  input: { workspace: Workspace; now: Date; only?: number; which?: (admin: AdminToPlan) => boolean },
): Promise<void> {
  const { workspace, now } = input;
  for (const admin of await repos.digests.admins(workspace.id, input.only)) {
    if (input.which && !input.which(admin)) continue;
    const { member, time } = admin;
    const after = replanFrom(admin.next, now);
    const plan = planAdminDigest({
      workspaceId: workspace.id,
      memberId: member.id,
      time,
      timeZone: zoneOf(member, admin.workspace),
      slot: null,
      now: after,
    });
    await repos.digests.setNextDigest(member.id, admin.next, plan.next);
  }
}
