import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { Logger, Store } from '../../ports.js';

// Texts are kept for the workspace's retention period (default 24 months: two school years); each
// night their words go and their counts stay. The same nightly job purges workspaces uninstalled
// for longer than the grace period, the words stored with platform events once handled, and exports
// whose download link has expired.

/** Handled events keep their ids (a platform retry is still recognised) but lose their words after this. */
export const EVENT_WORDS_KEPT_MS = 24 * 60 * 60 * 1000;

/** The nightly clean-up; the scheduler runs it at 03:00 UTC on one replica. */
export async function runMaintenance(deps: { store: Store; now: Date; log: Logger }): Promise<void> {
  const { store, now, log } = deps;
  const cleared = await store.dataRights.applyRetention(now);
  const purged = await store.dataRights.purgeUninstalled(now);
  const pruned = await store.dataRights.pruneEventPayloads(new Date(now.getTime() - EVENT_WORDS_KEPT_MS));
  const exports = await store.dataRights.deleteExpiredExports(now);
  log.info({ cleared, purgedWorkspaces: purged, prunedEvents: pruned, expiredExports: exports }, 'nightly data clean-up done');
}

/** `retention <months>`: admins set how long texts are kept. */
export async function setRetention(ctx: Context, months: number): Promise<void> {
  if (!ctx.member.isAdmin) throw new DomainError('NotAdmin', 'Only Mentor Circle admins set how long texts are kept.');
  await ctx.deps.store.workspaces.setRetention(ctx.workspace.id, months);
  await ctx.tellPrivately({
    text: `Texts are now kept for ${months} ${months === 1 ? 'month' : 'months'}.`,
    sections: [
      'Each night, check-ins, reflections, goals and progress notes older than that lose their words; their counts stay, so past figures do not change. Anyone can delete their own data sooner with `forget-me`.',
    ],
  });
}
