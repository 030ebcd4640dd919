import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { replanCommunity } from '../plans/community.js';
import { replanWorkspace } from '../plans/workspace.js';
import { requireFacilitator } from '../session-flow.js';

/**
 * `timezone <zone>`: in a community's channel, a facilitator sets the community's (its sessions and
 * schedule); in a direct message, an admin sets the workspace's (its school calendar). What was
 * planned in the old zone is planned again in the new one, in the same transaction.
 */
export async function setTimeZone(ctx: Context, zone: string): Promise<void> {
  const { store, now } = ctx.deps;
  if (ctx.community) {
    await requireFacilitator(ctx, ctx.community, 'change its time zone');
    const communityId = ctx.community.id;
    await store.transaction(async (repos) => {
      await repos.communities.setTimeZone(communityId, zone);
      await replanCommunity(repos, { communityId, workspace: ctx.workspace, now });
    });
    await ctx.tellPrivately({ text: `${ctx.community.name} now runs on ${zone} time.` });
    return;
  }
  if (!ctx.incoming.channel.isDirect) {
    throw new DomainError('NotACommunity', "This channel isn't a community yet. Run `setup` here first, or send `timezone` to me directly to set the workspace's.");
  }
  if (!ctx.member.isAdmin) {
    throw new DomainError('NotAdmin', "Only Mentor Circle admins set the workspace's time zone. In a community channel, its facilitators set the community's.");
  }
  // Calendar dates are the workspace's, and members and admins without a zone of their own keep its.
  await store.transaction(async (repos) => {
    await repos.workspaces.setTimeZone(ctx.workspace.id, zone);
    await replanWorkspace(repos, { workspace: { ...ctx.workspace, timeZone: zone }, now, digests: true });
  });
  await ctx.tellPrivately({ text: `The workspace calendar now runs on ${zone} time.` });
}
