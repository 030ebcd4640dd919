import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { buildWorkspaceExport } from '../../export/workspace-export.js';
import { lastFullWeek, weeksBefore, weekStarting } from '../../digest/week.js';
import { weekFigures } from '../digest/build-digest.js';
import { requireAdmin } from '../digest/require-admin.js';
import { zoneOf } from '../nudges/set-nudges.js';

/** A school term or so of full weeks, newest last. */
export const EXPORTED_WEEKS = 12;

/** `export workspace`: the school's weekly figures as a CSV file, to the asking admin only. */
export async function exportWorkspace(ctx: Context): Promise<void> {
  requireAdmin(ctx, "export the school's figures");
  const { chat, store, now } = ctx.deps;
  if (!chat.sendFiles) throw new DomainError('NotAvailableYet', '`export workspace` is not available on this platform yet.');
  const timeZone = zoneOf(ctx.member, ctx.workspace);
  const last = lastFullWeek(now, timeZone);
  const starts = [...weeksBefore(last.startDate, EXPORTED_WEEKS - 1), last.startDate];
  const weeks = [];
  // One week at a time: each is a handful of aggregate queries, and the database is shared.
  for (const start of starts) {
    const { composed, overview, pooledIds } = await weekFigures({ store, workspace: ctx.workspace, week: weekStarting(start, timeZone) });
    weeks.push({ week: composed, names: new Map(overview.communities.map((c) => [c.id, c.name])), pooledIds: new Set(pooledIds) });
  }
  await chat.sendFiles({ workspace: ctx.here.workspace, user: ctx.member.externalId }, [buildWorkspaceExport(weeks, now)], {
    text: `The school's Mentor Circle figures for the last ${EXPORTED_WEEKS} full weeks, one row per circle and week.`,
    sections: ['Counts only, with the digest\'s rules: "fewer than 3" where a figure comes from fewer than 3 people, smaller circles only together, and no teacher named.'],
  });
  await store.dataRights.audit({ workspaceId: ctx.workspace.id, actorMemberId: ctx.member.id, action: 'workspace figures exported', at: now });
  if (!ctx.incoming.channel.isDirect) await ctx.tellPrivately({ text: 'I have sent the figures to you in a direct message.' });
}
