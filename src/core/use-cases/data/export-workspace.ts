import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { buildWorkspaceExport } from '../../export/workspace-export.js';
import { exportCovers, firstWeekWithCircle } from '../../export/export-weeks.js';
import { lastFullWeek, weeksBefore } from '../../digest/week.js';
import { weekAsStored } from '../digest/count-week.js';
import { requireAdmin } from '../digest/require-admin.js';
import { zoneOf } from '../../time/zone-of.js';

/** A school term or so of full weeks, newest last. */
const EXPORTED_WEEKS = 12;

/** Why the week under way is not in the file, and when it will be. */
const THIS_WEEK = "This week's figures appear after Sunday, once the week is complete.";

/**
 * `export workspace`: the school's stored weeks as a CSV file, to the asking admin only. The last
 * full week is counted and stored first if no one has asked for it yet (it is the digest that is
 * sent for it); earlier weeks are read as stored, and a week no digest counted is left out rather
 * than counted now with today's members and rows. Weeks that ended before the first circle began
 * are left out too: a row of "fewer than 3" for a circle that did not exist yet says nothing.
 */
export async function exportWorkspace(ctx: Context): Promise<void> {
  requireAdmin(ctx, "export the school's figures");
  const { chat, store, now } = ctx.deps;
  if (!chat.sendFiles)
    throw new DomainError('NotAvailableYet', '`export workspace` is not available on this platform yet.');
  const zone = zoneOf(ctx.member, ctx.workspace);
  const last = lastFullWeek(now, zone);
  const { communities } = await store.digests.communities(ctx.workspace.id, {
    minMembers: 1,
    heldFrom: now,
    heldTo: now,
  });
  const first = firstWeekWithCircle(communities, zone);
  if (!first || first > last.startDate) {
    await ctx.tellPrivately({
      text: first
        ? `There is no complete week with a circle yet: the first began in the week of ${first}. ${THIS_WEEK}`
        : 'There are no circles yet, so there are no figures to export. `setup` in a channel starts one.',
    });
    return;
  }
  const newest = await weekAsStored({ store, workspace: ctx.workspace, week: last, now });
  const earlier = weeksBefore(newest.weekStart, EXPORTED_WEEKS - 1).filter((start) => start >= first);
  const weeks = [...(await store.digests.storedWeeks({ workspaceId: ctx.workspace.id, weekStarts: earlier })), newest];
  const names = await store.digests.names(ctx.workspace.id);
  await chat.sendFiles(
    { workspace: ctx.here.workspace, user: ctx.member.externalId },
    [buildWorkspaceExport(weeks, names, now)],
    {
      text: `The school's Mentor Circle figures for ${exportCovers({ weeks: earlier.length + 1, first, sinceFirst: (earlier[0] ?? newest.weekStart) === first })}, one row per circle and week.`,
      sections: [
        'Counts only, each week exactly as its digest showed it: "fewer than" where a figure comes from too few people, smaller circles only together, and no teacher named. A week no digest counted is left out.',
        THIS_WEEK,
      ],
    },
  );
  await store.dataRights.audit({
    workspaceId: ctx.workspace.id,
    actorMemberId: ctx.member.id,
    action: 'workspace figures exported',
    at: now,
  });
  if (!ctx.incoming.channel.isDirect)
    await ctx.tellPrivately({ text: 'I have sent the figures to you in a direct message.' });
}
