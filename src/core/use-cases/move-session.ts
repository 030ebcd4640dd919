import type { Context } from '../context.js';
import { advance, closeOrFinish, requireCommunity, requireFacilitator, requireOpenSession } from '../session-flow.js';
import type { OpenPhase } from '../session-messages.js';

// `next` and `close`, by command or by button. A button passes the phase it was drawn for, so a stale
// press (a double click, two facilitators) changes nothing.

export async function moveSessionOn(ctx: Context, drawnFor?: OpenPhase): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'move sessions on');
  const session = await requireOpenSession(ctx, community);
  await advance(ctx, community, session, drawnFor);
}

export async function closeSession(ctx: Context, drawnFor?: OpenPhase): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'close sessions');
  const session = await requireOpenSession(ctx, community);
  await closeOrFinish(ctx, community, session, drawnFor);
}
