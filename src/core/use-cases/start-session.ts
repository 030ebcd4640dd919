import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { openSession, requireCommunity, requireFacilitator } from '../session-flow.js';

const MAX_TOPIC_LENGTH = 200;

/** `start [topic]`: opens a session and posts its opening "what's working" check-in. */
export async function startSession(ctx: Context, topic: string | undefined): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'start sessions');
  const session = await openSession(ctx, community, {
    topic: topic?.trim().slice(0, MAX_TOPIC_LENGTH) || null,
    openedBy: ctx.member.id,
  });
  if (!session) {
    throw new DomainError(
      'SessionAlreadyOpen',
      `${community.name} already has an open session. Use \`next\` to move it on or \`close\` to end it.`,
    );
  }
}
