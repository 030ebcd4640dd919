import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { replanCommunity } from '../plans/community.js';
import { moveMemberZone, replanWorkspace } from '../plans/workspace.js';
import { zoneOf } from '../time/zone-of.js';
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
    throw new DomainError(
      'NotACommunity',
      "This channel isn't a community yet. Run `setup` here first, or send `timezone` to me directly to set the workspace's.",
    );
  }
  if (!ctx.member.isAdmin) {
    throw new DomainError(
      'NotAdmin',
      "Only Mentor Circle admins set the workspace's time zone. In a community channel, its facilitators set the community's.",
    );
  }
  // Calendar dates are the workspace's, and members and admins without a zone of their own keep its.
  await store.transaction(async (repos) => {
    await repos.workspaces.setTimeZone(ctx.workspace.id, zone);
    await replanWorkspace(repos, { workspace: { ...ctx.workspace, timeZone: zone }, now, digests: true });
  });
  await ctx.tellPrivately({ text: `The workspace calendar now runs on ${zone} time.` });
}

/**
 * `my timezone [zone]`: anyone's own zone, for their nudges and their digest. Without a zone it shows
 * the one in use and where it comes from. Set, it is kept over what the platform reports, and the
 * person's nudges (and digest, for an admin) are planned again in the same transaction.
 */
export async function setMyTimeZone(ctx: Context, zone?: string): Promise<void> {
  const { store, now } = ctx.deps;
  if (zone === undefined) {
    const inUse = zoneOf(ctx.member, ctx.workspace);
    const from = ctx.member.timeZoneChosen
      ? 'you set it'
      : ctx.member.timeZone
        ? 'from your profile'
        : ctx.workspace.timeZone
          ? "the workspace's"
          : 'no zone is known for you yet';
    await ctx.tellPrivately({
      text: `Your time zone is ${inUse} (${from}). Change it with \`my timezone <city or zone>\`, for example \`my timezone London\`.`,
    });
    return;
  }
  const member = ctx.member;
  await store.transaction((repos) =>
    moveMemberZone(repos, { member, workspace: ctx.workspace, zone, now, chosen: true }),
  );
  await ctx.tellPrivately({
    text: `Your time zone is now ${zone}: your nudges come on your school days at your time there.`,
  });
}
