import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { requireFacilitator } from '../session-flow.js';

/**
 * `timezone <zone>`: in a community's channel, a facilitator sets the community's (its sessions and
 * schedule); in a direct message, an admin sets the workspace's (its school calendar).
 */
export async function setTimeZone(ctx: Context, zone: string): Promise<void> {
  const { store } = ctx.deps;
  if (ctx.community) {
    await requireFacilitator(ctx, ctx.community, 'change its time zone');
    await store.communities.setTimeZone(ctx.community.id, zone);
    await ctx.tellPrivately({ text: `${ctx.community.name} now runs on ${zone} time.` });
    return;
  }
  if (!ctx.incoming.channel.isDirect) {
    throw new DomainError('NotACommunity', "This channel isn't a community yet. Run `setup` here first, or send `timezone` to me directly to set the workspace's.");
  }
  if (!ctx.member.isAdmin) {
    throw new DomainError('NotAdmin', "Only Mentor Circle admins set the workspace's time zone. In a community channel, its facilitators set the community's.");
  }
  await store.workspaces.setTimeZone(ctx.workspace.id, zone);
  await ctx.tellPrivately({ text: `The workspace calendar now runs on ${zone} time.` });
}
