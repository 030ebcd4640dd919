import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { buildWorkspaceExport } from '../../export/workspace-export.js';
import { lastFullWeek, weeksBefore } from '../../digest/week.js';
import { weekAsStored } from '../digest/count-week.js';
import { requireAdmin } from '../digest/require-admin.js';
import { zoneOf } from '../nudges/set-nudges.js';

/** A school term or so of full weeks, newest last. */
export const EXPORTED_WEEKS = 12;

/**
 * `export workspace`: the school's stored weeks as a CSV file, to the asking admin only. The last
 * full week is counted and stored first if no one has asked for it yet (it is the digest that is
 * sent for it); earlier weeks are read as stored, and a week no digest counted is left out rather
 * than counted now with today's members and rows.
 */
export async function exportWorkspace(ctx: Context): Promise<void> {
  requireAdmin(ctx, "export the school's figures");
  const { chat, store, now } = ctx.deps;
  if (!chat.sendFiles) throw new DomainError('NotAvailableYet', '`export workspace` is not available on this platform yet.');
  const last = lastFullWeek(now, zoneOf(ctx.member, ctx.workspace));
  const newest = await weekAsStored({ store, workspace: ctx.workspace, week: last, now });
  const earlier = await store.digests.storedWeeks({ workspaceId: ctx.workspace.id, weekStarts: weeksBefore(newest.weekStart, EXPORTED_WEEKS - 1) });
  const weeks = [...earlier, newest];
  const names = await store.digests.names(ctx.workspace.id);
  await chat.sendFiles({ workspace: ctx.here.workspace, user: ctx.member.externalId }, [buildWorkspaceExport(weeks, names, now)], {
    text: `The school's Mentor Circle figures for the last ${EXPORTED_WEEKS} full weeks, one row per circle and week.`,
    sections: [
      'Counts only, each week exactly as its digest showed it: "fewer than" where a figure comes from too few people, smaller circles only together, and no teacher named. A week no digest counted is left out.',
    ],
  });
  await store.dataRights.audit({ workspaceId: ctx.workspace.id, actorMemberId: ctx.member.id, action: 'workspace figures exported', at: now });
  if (!ctx.incoming.channel.isDirect) await ctx.tellPrivately({ text: 'I have sent the figures to you in a direct message.' });
}
