import type { MessageRef } from './chat-port.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import type { Message } from './messages.js';
import type { Community, Session } from './model.js';
import { BUILT_IN_PROMPTS, type Prompt } from './prompts/library.js';
import { selectPrompt } from './prompts/select.js';
import {
  closedSessionMessage,
  closingPrompt,
  openingPrompt,
  reflectionPrompt,
  sessionMessage,
  type OpenPhase,
} from './session-messages.js';
import { buildSummary, countParticipants } from './summary.js';

// The moves of a live session, shared by the commands (`next`, `close`), the buttons and the
// scheduler. Every move is a compare-and-set on the phase, so two facilitators pressing at once (or a
// facilitator and the scheduler) move the session once.

/** What moving a session needs: the ports, the time, and the workspace it is in. A person is not needed. */
export type SessionScope = Pick<Context, 'deps' | 'here'>;

export function requireCommunity(ctx: Context): Community {
  if (ctx.community) return ctx.community;
  throw ctx.incoming.channel.isDirect
    ? new DomainError('NotACommunity', 'Sessions run in a community channel. Run this in the channel of your community.')
    : new DomainError('NotACommunity', "This channel isn't a community yet. Run `setup` here to make it one.");
}

export async function requireFacilitator(ctx: Context, community: Community, doing: string): Promise<void> {
  if (await ctx.deps.store.communities.isFacilitator(community.id, ctx.member.id)) return;
  throw new DomainError(
    'NotFacilitator',
    `Only facilitators of ${community.name} can ${doing}. If you would like to help run sessions, ask one of them to add you.`,
  );
}

export async function requireOpenSession(ctx: Context, community: Community): Promise<Session> {
  const session = await ctx.deps.store.sessions.findOpen(community.id);
  if (session) return session;
  throw new DomainError('NoOpenSession', `${community.name} has no open session. A facilitator can open one with \`start [topic]\`.`);
}

function sessionThread(ctx: SessionScope, session: Session): MessageRef | null {
  return session.rootMessageId ? { workspace: ctx.here.workspace, channel: session.channelId, id: session.rootMessageId } : null;
}

/** Posts in the session's thread; in the channel if the session message could not be posted. */
export async function sayInSession(ctx: SessionScope, session: Session, message: Message): Promise<MessageRef> {
  const thread = sessionThread(ctx, session);
  return thread
    ? ctx.deps.chat.reply(thread, message)
    : ctx.deps.chat.post({ workspace: ctx.here.workspace, channel: session.channelId }, message);
}

async function redrawSessionMessage(ctx: SessionScope, session: Session, message: Message): Promise<void> {
  const thread = sessionThread(ctx, session);
  if (thread) await ctx.deps.chat.update(thread, message);
}

async function move(ctx: SessionScope, session: Session, from: OpenPhase, to: Session['phase']): Promise<void> {
  // from is the phase the caller saw; the update only happens if the session is still there.
  const moved = await ctx.deps.store.sessions.movePhase(session.id, from, to, ctx.deps.now);
  if (!moved) throw new DomainError('SessionMovedOn', 'This session has moved on already, so nothing was changed.');
}

/** The next reflection prompt for a community: no repeats until all are used, least-seen themes first. */
export async function pickPrompt(store: SessionScope['deps']['store'], community: Community): Promise<Prompt | undefined> {
  const [custom, retired, history] = await Promise.all([
    store.prompts.listCustom(community.id),
    store.prompts.retiredKeys(community.id),
    store.prompts.history(community.id),
  ]);
  return selectPrompt({ prompts: [...BUILT_IN_PROMPTS, ...custom], retiredKeys: retired, history, seed: community.id * 7919 + history.length });
}

async function toReflection(ctx: SessionScope, community: Community, session: Session): Promise<void> {
  const prompt = await pickPrompt(ctx.deps.store, community);
  await move(ctx, session, 'opening', 'reflection');
  await redrawSessionMessage(ctx, session, sessionMessage(community, session, 'reflection'));
  if (!prompt) {
    await sayInSession(ctx, session, { text: 'Reflection: what is on your mind from this week that the group could help you think through?' });
    return;
  }
  await postSessionPrompt(ctx, community, session, prompt);
}

/** Posts a reflection prompt in the session's thread and records it, so answers count against it. */
export async function postSessionPrompt(ctx: SessionScope, community: Community, session: Session, prompt: Prompt): Promise<void> {
  const { store, now } = ctx.deps;
  const post = await store.prompts.recordPost({ communityId: community.id, sessionId: session.id, prompt, channelId: session.channelId, at: now });
  const posted = await sayInSession(ctx, session, reflectionPrompt(prompt.text));
  await store.prompts.setPostMessage(post.id, posted.id);
}

async function toClosing(ctx: SessionScope, community: Community, session: Session, from: 'opening' | 'reflection'): Promise<void> {
  await move(ctx, session, from, 'closing');
  await redrawSessionMessage(ctx, session, sessionMessage(community, session, 'closing'));
  await sayInSession(ctx, session, closingPrompt());
}

async function finish(ctx: SessionScope, community: Community, session: Session, from: OpenPhase = 'closing', note?: Message): Promise<void> {
  const { store } = ctx.deps;
  await move(ctx, session, from, 'closed');
  if (note) await sayInSession(ctx, session, note);
  const [checkins, reflections, prompt, previous] = await Promise.all([
    store.checkins.listForSession(session.id),
    store.reflections.listForSession(session.id),
    store.prompts.latestForSession(session.id),
    store.sessions.previousClosedAt(community.id, session.openedAt),
  ]);
  const betweenSessions = await store.reflections.countBetweenSessions(community.id, previous, session.openedAt);
  const summary = buildSummary({ communityName: community.name, topic: session.topic, checkins, reflections, promptText: prompt?.promptText ?? null, betweenSessions });
  await sayInSession(ctx, session, summary);
  await redrawSessionMessage(ctx, session, closedSessionMessage(community, session, countParticipants({ checkins, reflections })));
}

function expectPhase(session: Session, expected: OpenPhase | undefined): OpenPhase {
  if (session.phase === 'closed' || (expected !== undefined && session.phase !== expected)) {
    throw new DomainError('SessionMovedOn', 'This session has moved on already, so nothing was changed.');
  }
  return session.phase;
}

/** `next`: opening -> reflection -> closing; in the closing phase it closes, as `close` does. */
export async function advance(ctx: SessionScope, community: Community, session: Session, expected?: OpenPhase): Promise<void> {
  const phase = expectPhase(session, expected);
  if (phase === 'opening') return toReflection(ctx, community, session);
  if (phase === 'reflection') return toClosing(ctx, community, session, 'reflection');
  return finish(ctx, community, session);
}

/** `close`: before the closing phase it posts the closing check-in; in it, the summary. */
export async function closeOrFinish(ctx: SessionScope, community: Community, session: Session, expected?: OpenPhase): Promise<void> {
  const phase = expectPhase(session, expected);
  return phase === 'closing' ? finish(ctx, community, session) : toClosing(ctx, community, session, phase);
}

/** Posts a new session's message and, in its thread, the opening "what's working" check-in. */
export async function postOpening(ctx: SessionScope, community: Community, session: Session): Promise<void> {
  const root = await ctx.deps.chat.post({ workspace: ctx.here.workspace, channel: session.channelId }, sessionMessage(community, session, 'opening'));
  await ctx.deps.store.sessions.setRootMessage(session.id, root.id);
  await ctx.deps.chat.reply(root, openingPrompt());
}

/** Closes with the summary from whatever phase the session is in (scheduled end, or left open). */
export async function closeNow(ctx: SessionScope, community: Community, session: Session, note?: Message): Promise<void> {
  if (session.phase === 'closed') return;
  await finish(ctx, community, session, session.phase, note);
}

/** A session still open a day after it started closes itself, with its summary, from whatever phase. */
export async function closeLeftOpen(ctx: SessionScope, community: Community, session: Session): Promise<void> {
  await closeNow(ctx, community, session, { text: 'This session has been open for a day, so it closes itself now.' });
}
