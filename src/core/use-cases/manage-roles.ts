import type { UserMention } from '../commands/command.js';
import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import type { Member } from '../model.js';
import { isInChannel } from '../membership.js';
import { requireCommunity, requireFacilitator } from '../session-flow.js';

// Roles as DESIGN decides: admins are workspace-wide, facilitators per community. Nobody is left
// without one: a workspace keeps an admin and a community a facilitator.

/**
 * The person named: known already, or met here for the first time, under their platform id until
 * their own first message brings their name. (Looked up first, so a known name is not overwritten.)
 */
async function named(ctx: Context, mention: UserMention): Promise<Member> {
  const known = await ctx.deps.store.members.find(ctx.workspace.id, mention.userId);
  return known ?? ctx.deps.store.members.ensure(ctx.workspace.id, { externalId: mention.userId, name: mention.userId });
}

export async function changeAdmin(ctx: Context, change: 'add' | 'remove', mention: UserMention): Promise<void> {
  const { store } = ctx.deps;
  if (!ctx.member.isAdmin) throw new DomainError('NotAdmin', 'Only Mentor Circle admins name other admins.');
  const member = await named(ctx, mention);
  if (change === 'add') {
    await store.members.setAdmin(member.id, true);
    await ctx.tellPrivately({ text: `${member.name} is now a Mentor Circle admin: they receive the weekly digest and keep the school calendar.` });
    return;
  }
  if (await store.members.isPlatformAdmin(member.id)) {
    throw new DomainError('NotAdmin', `${member.name} is an admin or owner of this workspace, and so always a Mentor Circle admin.`);
  }
  if (member.isAdmin && (await store.members.countAdmins(ctx.workspace.id)) <= 1) {
    throw new DomainError('NotAdmin', `${member.name} is the only admin. Name another admin first.`);
  }
  await store.members.setAdmin(member.id, false);
  await ctx.tellPrivately({ text: `${member.name} is no longer a Mentor Circle admin.` });
}

export async function changeFacilitator(ctx: Context, change: 'add' | 'remove', mention: UserMention): Promise<void> {
  const { store } = ctx.deps;
  const community = requireCommunity(ctx);
  // Facilitators choose their co-facilitators; admins can step in.
  if (!ctx.member.isAdmin) await requireFacilitator(ctx, community, 'name facilitators');
  if (change === 'add') {
    // Only someone the platform says is in the channel: a facilitator is one of the community.
    if (!(await isInChannel(ctx.deps, ctx.workspace, community.channelId, mention.userId))) {
      throw new DomainError('NotInChannel', `That person is not in this channel, so they cannot facilitate ${community.name}. Add them to the channel first.`);
    }
    const member = await named(ctx, mention);
    await store.communities.setFacilitator(community.id, member.id, true);
    await ctx.tellPrivately({ text: `${member.name} now facilitates ${community.name}.` });
    return;
  }
  const member = await named(ctx, mention);
  // Decided under a lock on the community: two removals at once leave one facilitator.
  const removed = await store.transaction((repos) => repos.communities.removeFacilitator(community.id, member.id));
  if (removed === 'last') {
    throw new DomainError('NotFacilitator', `${member.name} is the only facilitator of ${community.name}. Add another first.`);
  }
  await ctx.tellPrivately({ text: `${member.name} no longer facilitates ${community.name}.` });
}
