import { communityName } from '../community-name.js';
import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { zoneOf } from '../time/zone-of.js';

/** `setup [name]`: this channel becomes a community and whoever ran it its first facilitator. */
export async function setupCommunity(ctx: Context, name: string | undefined): Promise<void> {
  const { store, chat } = ctx.deps;
  if (ctx.incoming.channel.isDirect) {
    throw new DomainError('SetupNeedsChannel', 'Run `setup` in the channel you want to turn into a community.');
  }
  if (ctx.community) {
    throw new DomainError('AlreadyACommunity', `This channel is already the community ${ctx.community.name}.`);
  }
  // Refused rather than cut when too long; a channel's own name is within the limit on every platform.
  const chosen = communityName(name ?? ctx.incoming.channel.name ?? ctx.incoming.channel.id, 'setup');
  const community = await store.communities.create({
    workspaceId: ctx.workspace.id,
    channelId: ctx.incoming.channel.id,
    name: chosen,
    // The creator's zone; the workspace's, or UTC, when the platform did not say.
    timeZone: zoneOf(ctx.member, ctx.workspace),
    createdBy: ctx.member.id,
    // The digest and `export workspace` start at the week a circle began: the interaction's time, so a test clock holds.
    at: ctx.deps.now,
  });
  if (!community) {
    throw new DomainError(
      'AlreadyACommunity',
      'This channel has just become a community; run `help` to see what to do next.',
    );
  }
  await store.communities.setFacilitator(community.id, ctx.member.id, true);
  await chat.post(ctx.here, {
    text:
      `${community.name} is now a Mentor Circle community, facilitated by ${ctx.member.name}. ` +
      'Each session opens and closes with what is working, with a reflection in between.',
    sections: [
      'Facilitators: `start [topic]` opens a session. Everyone: reply in the session thread, or use `checkin`.',
    ],
  });
}
