import type { Context } from '../../context.js';
import { DomainError, FORGED } from '../../errors.js';
import type { Session } from '../../model.js';
import { askTone, listeningReminder } from '../../protocols/protocol-messages.js';
import { entryKind, PROTOCOLS, type ProtocolRun } from '../../protocols/protocol.js';
import { cleanText } from '../record-answer.js';

// Replies in a protocol's thread, kept for the step they were written in. They belong to the
// presenter's summary and to their writers (export, forget-me); never to a digest or an admin export.

export async function recordProtocolReply(
  ctx: Context,
  session: Session,
  run: ProtocolRun,
  reply: { text: string; messageId?: string },
): Promise<void> {
  const steps = PROTOCOLS[run.protocol].steps;
  const step = steps[run.step];
  if (session.phase === 'closed' || !step) {
    throw new DomainError(
      'SessionClosed',
      'This protocol has ended, so that reply was not kept. Thank you for taking part!',
    );
  }
  const { store, now } = ctx.deps;
  const isPresenter = ctx.member.id === run.presenterId;
  const kept = entryKind(step, isPresenter, cleanText(reply.text));
  const entryId = await store.protocols.addEntry({
    sessionId: session.id,
    memberId: ctx.member.id,
    step: run.step,
    ...kept,
    ...(reply.messageId ? { messageId: reply.messageId } : {}),
    at: now,
  });
  switch (kept.kind) {
    case 'note':
      // Once, gently: a presenter who keeps writing has heard it already.
      if (await store.protocols.claimReminder(session.id)) await ctx.tellPrivately(listeningReminder(step.name));
      return;
    case 'unsure':
      return ctx.tellPrivately(askTone(entryId));
    case 'warm':
    case 'cool':
      return ctx.tellPrivately({ text: `Thanks: kept as ${kept.kind} feedback for the presenter's summary.` });
    case 'question':
    case 'probing':
      return ctx.tellPrivately({ text: "Thanks: your question is kept for the presenter's summary." });
    case 'reply':
      return;
  }
}

/** The Warm / Cool buttons: only the writer sorts their own feedback, and only while the protocol runs. */
export async function chooseTone(ctx: Context, entryId: number, tone: 'warm' | 'cool'): Promise<void> {
  const { store } = ctx.deps;
  const entry = await store.protocols.entry(entryId);
  if (!entry || entry.memberId !== ctx.member.id) throw new DomainError('BadPayload', FORGED);
  const session = await store.sessions.find(ctx.workspace.id, entry.sessionId);
  if (!session) throw new DomainError('BadPayload', FORGED);
  if (session.phase === 'closed')
    throw new DomainError('SessionClosed', 'This protocol has ended, so the feedback stays as it was sent.');
  if (!(await store.protocols.setTone(entryId, ctx.member.id, tone))) throw new DomainError('BadPayload', FORGED);
  await ctx.tellPrivately({ text: `Thanks: kept as ${tone} feedback for the presenter's summary.` });
}
