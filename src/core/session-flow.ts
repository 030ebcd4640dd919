import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { sendNow } from './live-delivery.js';
import type { Community, Session } from './model.js';
import type { NewOutboxItem } from './outbox.js';
import type { Repositories } from './ports/store.js';
import { BUILT_IN_PROMPTS, type Prompt } from './prompts/library.js';
import { selectPrompt } from './prompts/select.js';
import type { OpenPhase } from './session-messages.js';
import { sessionPost } from './session-posts.js';

// The moves of a live session, shared by the commands (`next`, `close`), the buttons and the
// scheduler. Every move is a compare-and-set on the phase, so two facilitators pressing at once (or a
// facilitator and the scheduler) move the session once; the messages a move implies are written with
// it, in one transaction, and sent from the outbox.

/** What moving a session needs: the ports, the time, and the workspace it is in. A person is not needed. */
export type SessionScope = Pick<Context, 'deps' | 'here'>;

export function requireCommunity(ctx: Context): Community {
  if (ctx.community) return ctx.community;
  throw ctx.incoming.channel.isDirect
    ? new DomainError(
        'NotACommunity',
        'Sessions run in a community channel. Run this in the channel of your community.',
      )
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
  throw new DomainError(
    'NoOpenSession',
    `${community.name} has no open session. A facilitator can open one with \`start [topic]\`.`,
  );
}

/**
 * Writes a change and the messages it implies in one transaction (each message an outbox item with a
 * key of its own), then sends the messages at once. If a send fails, the delivery loop retries the
 * send; the change is never made twice.
 */
export async function commitWithMessages(
  scope: Pick<SessionScope, 'deps'>,
  change: (repos: Repositories) => Promise<NewOutboxItem[]>,
): Promise<void> {
  const items = await scope.deps.store.transaction(async (repos) => {
    const written = await change(repos);
    await repos.outbox.enqueue(written);
    return written;
  });
  // Messages planned for later (a deadline, a follow-up) are the delivery loop's, when they fall due.
  const dueNow = items.filter((item) => item.dueAt.getTime() <= scope.deps.now.getTime());
  await sendNow(
    scope.deps,
    dueNow.map((item) => item.key),
  );
}

async function move(
  ctx: SessionScope,
  repos: Repositories,
  session: Session,
  from: OpenPhase,
  to: Session['phase'],
): Promise<void> {
  // from is the phase the caller saw; the update only happens if the session is still there.
  const moved = await repos.sessions.movePhase(session.id, from, to, ctx.deps.now);
  if (!moved) throw new DomainError('SessionMovedOn', 'This session has moved on already, so nothing was changed.');
}

/** The next reflection prompt for a community: no repeats until all are used, least-seen themes first. */
export async function pickPrompt(
  store: SessionScope['deps']['store'],
  community: Community,
): Promise<Prompt | undefined> {
  const [custom, retired, history] = await Promise.all([
    store.prompts.listCustom(community.id),
    store.prompts.retiredKeys(community.id),
    store.prompts.history(community.id),
  ]);
  return selectPrompt({
    prompts: [...BUILT_IN_PROMPTS, ...custom],
    retiredKeys: retired,
    history,
    seed: community.id * 7919 + history.length,
  });
}

async function toReflection(ctx: SessionScope, community: Community, session: Session): Promise<void> {
  const prompt = await pickPrompt(ctx.deps.store, community);
  const { now } = ctx.deps;
  await commitWithMessages(ctx, async (repos) => {
    await move(ctx, repos, session, 'opening', 'reflection');
    const redraw = sessionPost(session, community, { part: 'redraw', phase: 'reflection' }, now);
    if (!prompt) return [redraw, sessionPost(session, community, { part: 'no-prompt' }, now)];
    const post = await repos.prompts.recordPost({
      communityId: community.id,
      sessionId: session.id,
      prompt,
      channelId: session.channelId,
      at: now,
    });
    return [redraw, sessionPost(session, community, { part: 'prompt', postId: post.id }, now)];
  });
}

/** Posts a reflection prompt in the session's thread and records it, so answers count against it. */
export async function postSessionPrompt(
  ctx: SessionScope,
  community: Community,
  session: Session,
  prompt: Prompt,
): Promise<void> {
  const { now } = ctx.deps;
  await commitWithMessages(ctx, async (repos) => {
    const post = await repos.prompts.recordPost({
      communityId: community.id,
      sessionId: session.id,
      prompt,
      channelId: session.channelId,
      at: now,
    });
    return [sessionPost(session, community, { part: 'prompt', postId: post.id }, now)];
  });
}

async function toClosing(
  ctx: SessionScope,
  community: Community,
  session: Session,
  from: 'opening' | 'reflection',
): Promise<void> {
  const { now } = ctx.deps;
  await commitWithMessages(ctx, async (repos) => {
    await move(ctx, repos, session, from, 'closing');
    return [
      sessionPost(session, community, { part: 'redraw', phase: 'closing' }, now),
      sessionPost(session, community, { part: 'closing' }, now),
    ];
  });
}

/** Closes: the summary, read from what was answered, then the session message redrawn as closed. */
async function finish(
  ctx: SessionScope,
  community: Community,
  session: Session,
  from: OpenPhase = 'closing',
  leftOpen = false,
): Promise<void> {
  const { now } = ctx.deps;
  await commitWithMessages(ctx, async (repos) => {
    await move(ctx, repos, session, from, 'closed');
    return [
      ...(leftOpen ? [sessionPost(session, community, { part: 'left-open' }, now)] : []),
      sessionPost(session, community, { part: 'summary' }, now),
      sessionPost(session, community, { part: 'redraw', phase: 'closed' }, now),
    ];
  });
}

function expectPhase(session: Session, expected: OpenPhase | undefined): OpenPhase {
  if (session.phase === 'closed' || (expected !== undefined && session.phase !== expected)) {
    throw new DomainError('SessionMovedOn', 'This session has moved on already, so nothing was changed.');
  }
  return session.phase;
}

/** `next`: opening -> reflection -> closing; in the closing phase it closes, as `close` does. */
export async function advance(
  ctx: SessionScope,
  community: Community,
  session: Session,
  expected?: OpenPhase,
): Promise<void> {
  const phase = expectPhase(session, expected);
  if (phase === 'opening') return toReflection(ctx, community, session);
  if (phase === 'reflection') return toClosing(ctx, community, session, 'reflection');
  return finish(ctx, community, session);
}

/** `close`: before the closing phase it posts the closing check-in; in it, the summary. */
export async function closeOrFinish(
  ctx: SessionScope,
  community: Community,
  session: Session,
  expected?: OpenPhase,
): Promise<void> {
  const phase = expectPhase(session, expected);
  return phase === 'closing' ? finish(ctx, community, session) : toClosing(ctx, community, session, phase);
}

/**
 * Opens a session and, in the same transaction, writes its message and the opening "what's working"
 * check-in in its thread. Null when the community already has an open session.
 */
export async function openSession(
  ctx: SessionScope,
  community: Community,
  input: { topic: string | null; openedBy: number | null; scheduledFor?: Date },
): Promise<Session | null> {
  const { now } = ctx.deps;
  let opened: Session | null = null;
  await commitWithMessages(ctx, async (repos) => {
    opened = await repos.sessions.open({
      communityId: community.id,
      channelId: community.channelId,
      at: now,
      ...input,
    });
    return opened
      ? [
          sessionPost(opened, community, { part: 'root' }, now),
          sessionPost(opened, community, { part: 'opening' }, now),
        ]
      : [];
  });
  return opened;
}

/** Closes with the summary from whatever phase the session is in (scheduled end, or left open). */
export async function closeNow(ctx: SessionScope, community: Community, session: Session): Promise<void> {
  if (session.phase === 'closed') return;
  await finish(ctx, community, session, session.phase);
}

/** A session still open a day after it started closes itself, with its summary, from whatever phase. */
export async function closeLeftOpen(ctx: SessionScope, community: Community, session: Session): Promise<void> {
  if (session.phase === 'closed') return;
  await finish(ctx, community, session, session.phase, true);
}
