import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { requireCommunity, requireOpenSession } from '../session-flow.js';
import { checkinForm, type OpenPhase } from '../session-messages.js';
import { recordAnswer } from './record-answer.js';

/** `checkin [text]`: answers the current check-in (a reflection in that phase); no text opens the form. */
export async function checkIn(ctx: Context, text: string | undefined): Promise<void> {
  const community = requireCommunity(ctx);
  const written = text?.trim();
  if (written && !(await ctx.deps.store.sessions.findOpen(community.id))) {
    // Nothing to record it against: the words go back to their writer rather than being lost.
    await ctx.tellPrivately({
      text: `No session is open in ${community.name}, so nothing was saved; here is what you wrote so you can keep it:`,
      sections: [written, 'A facilitator opens a session with `start`; `status` shows when the next one is.'],
    });
    return;
  }
  const session = await requireOpenSession(ctx, community);
  if (text !== undefined && text.trim()) {
    await recordAnswer(ctx, session, { text, source: 'command' });
    return;
  }
  if (session.phase === 'closed') throw new DomainError('SessionClosed', 'This session has closed.');
  await openCheckinForm(ctx, session.phase);
}

/** The form for the phase the session is in; `drawnFor` is the phase of the button that asked for it. */
export async function openCheckinForm(ctx: Context, drawnFor: OpenPhase): Promise<void> {
  const community = requireCommunity(ctx);
  const session = await requireOpenSession(ctx, community);
  if (session.phase !== drawnFor) {
    throw new DomainError(
      'SessionMovedOn',
      'This session has moved on; use the buttons on the session message for the current step.',
    );
  }
  const trigger = ctx.incoming.trigger ? { trigger: ctx.incoming.trigger } : {};
  await ctx.deps.chat.openForm(
    { ...ctx.here, user: ctx.incoming.user.externalId, ...trigger },
    checkinForm(session, drawnFor),
  );
}
