import type { Context } from '../context.js';
import { MAX_ANSWER_LENGTH } from '../session-messages.js';

// A thread reply that was an answer stays tied to its message: editing the message edits the answer
// (whatever phase the session is in now), deleting it removes the answer.

async function answerSession(ctx: Context, threadId: string) {
  return ctx.deps.store.sessions.findByThread(ctx.workspace.id, ctx.incoming.channel.id, threadId);
}

export async function editAnswer(ctx: Context, input: { threadId: string; messageId: string; text: string }): Promise<void> {
  const session = await answerSession(ctx, input.threadId);
  const text = input.text.trim();
  // An edit that empties or overfills the answer keeps the stored one; the person still sees theirs.
  if (!session || !text || text.length > MAX_ANSWER_LENGTH) return;
  const key = { sessionId: session.id, memberId: ctx.member.id, messageId: input.messageId, text, at: ctx.deps.now };
  if (!(await ctx.deps.store.checkins.editByMessage(key))) await ctx.deps.store.reflections.editByMessage(key);
}

export async function removeAnswer(ctx: Context, input: { threadId: string; messageId: string }): Promise<void> {
  const session = await answerSession(ctx, input.threadId);
  if (!session) return;
  const key = { sessionId: session.id, memberId: ctx.member.id, messageId: input.messageId };
  if (!(await ctx.deps.store.checkins.removeByMessage(key))) await ctx.deps.store.reflections.removeByMessage(key);
}
