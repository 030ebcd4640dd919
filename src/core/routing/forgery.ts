import type { Context } from '../context.js';
import { DomainError, FORGED } from '../errors.js';
import { isInChannel } from '../membership.js';
import type { Session } from '../model.js';
import type { Interaction } from './interaction.js';

// Buttons and forms come back from the platform as data anyone could forge: what they name is looked
// up again on the server, and must be the sender's to act on.

/** Refusals of a button or form that mean it named something not the sender's to act on. */
const FORGERY_CODES = new Set(['NoSuchGoal', 'NotFacilitator', 'NoSuchAsk', 'NoSuchVisit']);

/**
 * A refusal worth an operator's eye: a button or form that names what is not the presser's (another
 * person's goal, another workspace's session, a facilitator's button). Ordinary refusals are not.
 */
export function looksForged(error: DomainError, kind: Interaction['kind']): boolean {
  return error.code === 'BadPayload' || (FORGERY_CODES.has(error.code) && (kind === 'action' || kind === 'form'));
}

/**
 * The session a button or form names, resolved by the server: it must be of this workspace; pressed
 * in a community's channel, of that community; and the presser must be someone the platform says is
 * in the community's channel. The context moves to that community, wherever the press came from.
 */
export async function namedSession(ctx: Context, sessionId: number): Promise<{ ctx: Context; session: Session }> {
  const { store } = ctx.deps;
  const session = await store.sessions.find(ctx.workspace.id, sessionId);
  if (!session) throw new DomainError('BadPayload', FORGED);
  if (ctx.community && session.communityId !== ctx.community.id) throw new DomainError('BadPayload', FORGED);
  const community = ctx.community ?? (await store.communities.find(ctx.workspace.id, session.communityId));
  if (!community || !(await isInChannel(ctx.deps, ctx.workspace, community.channelId, ctx.incoming.user.externalId))) {
    throw new DomainError('BadPayload', FORGED);
  }
  return { ctx: { ...ctx, community, here: { workspace: ctx.here.workspace, channel: community.channelId } }, session };
}

/**
 * The community a goal form or button was drawn in, when it is answered outside that community's
 * channel (a Teams card in the personal chat): the goal is linked to it only if the platform says the
 * person is in its channel. Answered in a channel, the goal belongs to that channel's community.
 */
export async function drawnIn(ctx: Context, communityId: number | undefined): Promise<Context> {
  if (ctx.community || communityId === undefined || !ctx.incoming.channel.isDirect) return ctx;
  const community = await ctx.deps.store.communities.find(ctx.workspace.id, communityId);
  if (!community || !(await isInChannel(ctx.deps, ctx.workspace, community.channelId, ctx.incoming.user.externalId))) {
    throw new DomainError('BadPayload', FORGED);
  }
  return { ...ctx, community };
}
