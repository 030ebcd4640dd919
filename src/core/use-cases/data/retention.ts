import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { Logger } from '../../ports/logger.js';
import type { Store } from '../../ports/store.js';

// Texts are kept for the workspace's retention period (default 24 months: two school years); each
// night their words go and their counts stay. The same nightly job purges workspaces uninstalled
// for longer than the grace period, the words stored with platform events a day on, receipts and
// finished outbox items a month on, and exports whose download link has expired.

/**
 * Events keep their ids (a platform retry is still recognised) but lose their words this long after
 * they were settled, or received: one never settled was given up on long before (replays stop after
 * 25 minutes), so its words, failed or not, go too.
 */
const EVENT_WORDS_KEPT_MS = 24 * 60 * 60 * 1000;
/**
 * Receipts, and outbox items sent or given up on, are deleted whole after this: platforms retry for
 * minutes, not weeks, and every outbox key names its own day, week or event.
 */
const DELIVERIES_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

/** The nightly clean-up; the scheduler runs it at 03:00 UTC on one replica. */
export async function runMaintenance(deps: { store: Store; now: Date; log: Logger }): Promise<void> {
  const { store, now, log } = deps;
  const cleared = await store.dataRights.applyRetention(now);
  const purged = await store.dataRights.purgeUninstalled(now);
  const pruned = await store.dataRights.pruneEventPayloads(new Date(now.getTime() - EVENT_WORDS_KEPT_MS));
  const deleted = await store.dataRights.deleteOldDeliveries(new Date(now.getTime() - DELIVERIES_KEPT_MS));
  const exports = await store.dataRights.deleteExpiredExports(now);
  log.info(
    {
      cleared,
      purgedWorkspaces: purged,
      prunedEvents: pruned,
      deletedReceipts: deleted.receipts,
      deletedOutbox: deleted.outbox,
      expiredExports: exports,
    },
    'nightly data clean-up done',
  );
}

/** `retention <months>`: admins set how long texts are kept. */
export async function setRetention(ctx: Context, months: number): Promise<void> {
  if (!ctx.member.isAdmin) throw new DomainError('NotAdmin', 'Only Mentor Circle admins set how long texts are kept.');
  await ctx.deps.store.workspaces.setRetention(ctx.workspace.id, months);
  await ctx.tellPrivately({
    text: `Texts are now kept for ${months} ${months === 1 ? 'month' : 'months'}.`,
    sections: [
      'Each night, check-ins, reflections, goals, progress notes, asks for a mentor and classroom visit notes older than that lose their words; their counts stay, so past figures do not change. Anyone can delete their own data sooner with `forget-me`.',
    ],
  });
}
