import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import type { AnswerSource, Session } from '../model.js';
import type { AnswerSaved } from '../ports/check-ins.js';
import { commitWithMessages } from '../session-flow.js';
import { sessionPost } from '../session-posts.js';
import { MAX_ANSWER_LENGTH, type OpenPhase } from '../session-messages.js';

export interface Answer {
  text: string;
  source: AnswerSource;
  /** The platform message the answer came from (thread replies); an edit of it changes this answer only. */
  messageId?: string;
  sharedWithLeaders?: boolean;
}

export function cleanText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed)
    throw new DomainError('EmptyAnswer', 'That answer was empty, so nothing was saved. What would you like to share?');
  if (trimmed.length > MAX_ANSWER_LENGTH) {
    throw new DomainError(
      'AnswerTooLong',
      // Every answer is kept, so a second one adds to the first rather than replacing it.
      `That answer is ${trimmed.length.toLocaleString('en')} characters; please keep each answer under ${MAX_ANSWER_LENGTH.toLocaleString('en')}. Nothing was saved: send it in parts, one reply after another, and every part is kept.`,
    );
  }
  return trimmed;
}

/**
 * Records an answer for the phase the session is in: a check-in in the opening and closing phases, a
 * reflection on the latest prompt posted in between. A person may answer several times in a phase:
 * every answer is kept, and the summary shows them together under their name.
 */
export async function recordAnswer(ctx: Context, session: Session, answer: Answer): Promise<void> {
  const { now } = ctx.deps;
  if (session.phase === 'closed') {
    throw new DomainError(
      'SessionClosed',
      'This session has closed, so that answer was not recorded. See you at the next one!',
    );
  }
  if (await ctx.deps.store.protocols.find(session.id)) {
    throw new DomainError(
      'ProtocolSession',
      'This session runs a protocol: reply in its thread, where each step says what it asks for.',
    );
  }
  const text = cleanText(answer.text);
  // The phase the session is in, as stored: never what a form or button claims.
  const phase: OpenPhase = session.phase;
  const origin = answer.messageId ? { messageId: answer.messageId } : {};
  let saved: AnswerSaved = 'created';

  // The answer and, for one given outside the thread, its copy in the thread (so the community sees
  // it as it would a reply) are written together; the copy is sent from the outbox.
  await commitWithMessages(ctx, async (repos) => {
    if (phase === 'reflection') {
      const post = await repos.prompts.latestForSession(session.id);
      if (!post) throw new DomainError('NoOpenSession', 'There is no reflection prompt to answer yet.');
      saved = await repos.reflections.add({
        promptPostId: post.id,
        memberId: ctx.member.id,
        text,
        source: answer.source,
        ...origin,
        at: now,
      });
    } else {
      saved = await repos.checkins.save({
        sessionId: session.id,
        memberId: ctx.member.id,
        phase,
        text,
        sharedWithLeaders: answer.sharedWithLeaders === true,
        source: answer.source,
        ...origin,
        at: now,
      });
    }
    if (answer.source === 'thread') return [];
    const tag = `${ctx.member.id}:${phase}:${ctx.incoming.eventId ?? now.toISOString()}`;
    return [
      sessionPost(
        session,
        { workspaceId: ctx.workspace.id },
        { part: 'answer', text: `${ctx.member.name}: ${text}`, tag },
        now,
        ctx.member.id,
      ),
    ];
  });

  const shared = answer.sharedWithLeaders ? ' You chose to share it with school leaders too.' : '';
  const what = phase === 'reflection' ? 'reflection' : `${phase} check-in`;
  const status = {
    created: 'saved',
    added: 'saved too: it adds to what you said earlier, which is kept, and the summary shows them together',
    edited: 'updated',
  }[saved];
  await ctx.tellPrivately({ text: `Thanks, ${ctx.member.name}: your ${what} is ${status}.${shared}` });
}
