import type { AwayStatus } from '../away.js';
import type { Deps } from '../context.js';
import type { Platform } from '../model.js';
import { moveMemberZone } from '../plans/workspace.js';
import { validZone } from '../time/local-time.js';

/** What the platform says of a person after they changed their profile or status (an event of its own, not an interaction). */
export interface ProfileChange {
  platform: Platform;
  workspace: string;
  user: string;
  /** The platform's id of the event, so that a retry of it changes nothing. */
  eventId: string;
  status: AwayStatus;
  /** When the platform says the profile last changed, on its own clock: an older change never overwrites a newer one. */
  changedAt?: Date;
  name?: string;
  timeZone?: string;
}

/**
 * Keeps a member's status (and name, and zone unless they chose their own) as the platform says it
 * now. People the bot has not met are left alone: a district workspace tells of everyone's changes,
 * and none of them is kept, nor any receipt for it. For a member, the event's receipt and the change
 * are written in one transaction, so a retried event is recognised and applied once.
 */
export async function profileChanged(
  deps: Pick<Deps, 'store' | 'now'>,
  change: ProfileChange,
): Promise<'applied' | 'retry' | 'unknown' | 'outdated'> {
  const found = await deps.store.members.findByPlatformIds(change.platform, change.workspace, change.user);
  if (!found) return 'unknown';
  const { member, workspace } = found;
  // A zone that is not a valid IANA name is ignored: the stored one stays.
  const zone = change.timeZone && validZone(change.timeZone) === change.timeZone ? change.timeZone : undefined;
  return deps.store.transaction(async (repos) => {
    if (!(await repos.receipts.claim(change.platform, change.eventId, deps.now))) return 'retry';
    if (!(await repos.members.recordAway(member.id, change.status, deps.now, change.changedAt))) {
      // A newer change was kept already: this older one, delivered late, says nothing new.
      await repos.receipts.settle(change.platform, change.eventId, 'handled', deps.now);
      return 'outdated';
    }
    if (change.name && change.name !== member.name) await repos.members.rename(member.id, change.name);
    // Their nudges and digest move with a new zone, as when an interaction reports one.
    if (zone && !member.timeZoneChosen && member.timeZone !== zone)
      await moveMemberZone(repos, { member, workspace, zone, now: deps.now });
    // Handled with its receipt: there is nothing left to replay.
    await repos.receipts.settle(change.platform, change.eventId, 'handled', deps.now);
    return 'applied';
  });
}
