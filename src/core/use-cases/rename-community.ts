import { communityName } from '../community-name.js';
import type { Context } from '../context.js';
import { requireCommunity, requireFacilitator } from '../session-flow.js';

/** `rename <name>`: a facilitator gives their community, in its channel, a new name. */
export async function renameCommunity(ctx: Context, written: string): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'rename it');
  const name = communityName(written, 'rename');
  await ctx.deps.store.communities.rename(community.id, name);
  await ctx.tellPrivately({ text: `${community.name} is now called ${name}.` });
}
