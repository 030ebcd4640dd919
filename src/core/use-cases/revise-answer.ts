import type { Context } from '../context.js';
import type { ReflectionScope } from '../ports/reflections.js';
import { MAX_ANSWER_LENGTH } from '../session-messages.js';
import { readTone } from '../protocols/protocol.js';

// A thread reply that was an answer stays tied to its message: editing the message edits the answer
// (whatever phase the session is in now), deleting it removes the answer. The same holds for a
// reflection on a prompt posted between sessions.

type Answered = { session: { id: number } } | { reflection: ReflectionScope };

/** What the thread is: a session's, or a mid-week prompt's in this community; null for any other. */
async function answered(ctx: Context, threadId: string): Promise<Answered | null> {
  const { store } = ctx.deps;
  const session = await store.sessions.findByThread(ctx.workspace.id, ctx.incoming.channel.id, threadId);
  if (session) return { session };
  const post = ctx.community ? await store.prompts.postByMessage(ctx.community.id, threadId) : null;
  return post ? { reflection: { promptPostId: post.id } } : null;
}

export async function editAnswer(
  ctx: Context,
  input: { threadId: string; messageId: string; text: string },
): Promise<void> {
  const thread = await answered(ctx, input.threadId);
  const text = input.text.trim();
  // An edit that empties or overfills the answer keeps the stored one; the person still sees theirs.
  if (!thread || !text || text.length > MAX_ANSWER_LENGTH) return;
  const change = { memberId: ctx.member.id, messageId: input.messageId, text, at: ctx.deps.now };
  if ('reflection' in thread) {
    await ctx.deps.store.reflections.editByMessage({ on: thread.reflection, ...change });
    return;
  }
  const sessionId = thread.session.id;
  // A protocol's replies are its own; a tone added in the edit sorts feedback.
  if (await ctx.deps.store.protocols.find(sessionId)) {
    const toned = readTone(text);
    await ctx.deps.store.protocols.editByMessage({
      sessionId,
      memberId: ctx.member.id,
      messageId: input.messageId,
      text,
      ...(toned ? { toned } : {}),
    });
    return;
  }
  if (!(await ctx.deps.store.checkins.editByMessage({ sessionId, ...change })))
    await ctx.deps.store.reflections.editByMessage({ on: { sessionId }, ...change });
}

export async function removeAnswer(ctx: Context, input: { threadId: string; messageId: string }): Promise<void> {
  const thread = await answered(ctx, input.threadId);
  if (!thread) return;
  const key = { memberId: ctx.member.id, messageId: input.messageId };
  if ('reflection' in thread) {
    await ctx.deps.store.reflections.removeByMessage({ on: thread.reflection, ...key });
    return;
  }
  const sessionId = thread.session.id;
  if (await ctx.deps.store.protocols.find(sessionId)) {
    await ctx.deps.store.protocols.removeByMessage({ sessionId, ...key });
    return;
  }
  // Removing the check-in the digest counts hands that on to the person's next one: both in one
  // transaction, so no crash or answer stored meanwhile leaves the person counted twice or not at all.
  const removed = await ctx.deps.store.transaction((repos) => repos.checkins.removeByMessage({ sessionId, ...key }));
  if (!removed) await ctx.deps.store.reflections.removeByMessage({ on: { sessionId }, ...key });
}
