import type { Context } from '../context.js';
import { advance, closeOrFinish, requireCommunity, requireFacilitator, requireOpenSession } from '../session-flow.js';
import type { OpenPhase } from '../session-messages.js';
import { DomainError } from '../errors.js';
import { moveProtocolOn } from './protocols/run-protocol.js';

// `next` and `close`, by command or by button. A button passes the phase it was drawn for, so a stale
// press (a double click, two facilitators) changes nothing.

// A protocol session moves through its own steps: `next` to the next step, `close` to its end.

export async function moveSessionOn(ctx: Context, drawnFor?: OpenPhase, drawnForStep?: number): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'move sessions on');
  const session = await requireOpenSession(ctx, community);
  const run = await ctx.deps.store.protocols.find(session.id);
  if (run) return moveProtocolOn(ctx, session, run, drawnForStep === undefined ? {} : { drawnFor: drawnForStep });
  if (drawnForStep !== undefined)
    throw new DomainError('SessionMovedOn', 'This session has moved on already, so nothing was changed.');
  await advance(ctx, community, session, drawnFor);
}

export async function closeSession(ctx: Context, drawnFor?: OpenPhase): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'close sessions');
  const session = await requireOpenSession(ctx, community);
  const run = await ctx.deps.store.protocols.find(session.id);
  if (run) return moveProtocolOn(ctx, session, run, { finish: true });
  await closeOrFinish(ctx, community, session, drawnFor);
}
