import { parseCommand } from '../commands/parse.js';
import type { Context } from '../context.js';
import type { PromptPost } from '../model.js';
import { MAX_ANSWER_LENGTH } from '../session-messages.js';
import { recordProtocolReply } from '../use-cases/protocols/protocol-replies.js';
import { recordAnswer } from '../use-cases/record-answer.js';
import { presentOf, runCommand, runWords } from './commands.js';
import type { Interaction } from './interaction.js';

type ThreadMessage = Extract<Interaction, { kind: 'message' }>;

/** A reply in a session thread is an answer, unless it is exactly a valid command from a facilitator. */
export async function threadMessage(ctx: Context, message: ThreadMessage): Promise<void> {
  const { store } = ctx.deps;
  const session = await store.sessions.findByThread(ctx.workspace.id, ctx.incoming.channel.id, message.threadId);
  if (!session) {
    const post = ctx.community ? await store.prompts.postByMessage(ctx.community.id, message.threadId) : null;
    if (post) return answerPromptBetweenSessions(ctx, post, message);
    // Any other thread is not the bot's to record, but words addressed to it there are a command.
    if (message.addressed) return runWords(ctx, message.text);
    return;
  }
  const parsed = parseCommand(message.text, presentOf(ctx));
  if (parsed.ok && (await store.communities.isFacilitator(session.communityId, ctx.member.id))) {
    return runCommand(ctx, parsed.command);
  }
  const run = await store.protocols.find(session.id);
  if (run)
    return recordProtocolReply(ctx, session, run, {
      text: message.text,
      ...(message.messageId ? { messageId: message.messageId } : {}),
    });
  await recordAnswer(ctx, session, {
    text: message.text,
    source: 'thread',
    ...(message.messageId ? { messageId: message.messageId } : {}),
  });
}

/** A reply in the thread of a prompt posted between sessions is a reflection on it. */
async function answerPromptBetweenSessions(ctx: Context, post: PromptPost, message: ThreadMessage): Promise<void> {
  const text = message.text.trim();
  if (!text || text.length > MAX_ANSWER_LENGTH) return;
  const origin = message.messageId ? { messageId: message.messageId } : {};
  await ctx.deps.store.reflections.add({
    promptPostId: post.id,
    memberId: ctx.member.id,
    text,
    source: 'thread',
    ...origin,
    at: ctx.deps.now,
  });
  await ctx.tellPrivately({ text: `Thanks, ${ctx.member.name}: your reflection is saved.` });
}
