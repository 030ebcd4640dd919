import type { ChannelAddress, ChatPort, MessageRef } from './chat-port.js';
import type { Message } from './messages.js';
import type { Community, Session } from './model.js';
import { DeliveryError, type NewOutboxItem } from './outbox.js';
import type { Store } from './ports/store.js';
import {
  closedSessionMessage,
  closingPrompt,
  openingPrompt,
  reflectionPrompt,
  sessionMessage,
} from './session-messages.js';
import { countParticipants, inParts, summaryMessages } from './summary.js';
import {
  presenterSummary,
  protocolChannelSummary,
  protocolSessionMessage,
  protocolStepMessage,
} from './protocols/protocol-messages.js';
import type { ProtocolRun } from './protocols/protocol.js';

/** The presenter as the messages name them: today's name, read when a message is sent. */
async function presenterName(store: Store, run: ProtocolRun): Promise<string> {
  if (run.presenterId === null) return 'the presenter';
  return (await store.members.names([run.presenterId])).get(run.presenterId) ?? 'the presenter';
}

// Every message a session's moves imply is an outbox item of its own, written in the transaction of
// the move: the session message that roots its thread, the prompts in the thread, the redrawn session
// message, the summary. A failed post is retried as a post; the move is never made twice. What a post
// says is read from the database when it is sent, so no outbox row keeps anyone's words but the
// answers it repeats (which go with their author on forget-me).

export const SESSION_POST = 'session.post';

export type SessionPart =
  | { part: 'root' }
  | { part: 'opening' }
  | { part: 'redraw'; phase: Session['phase'] }
  | { part: 'prompt'; postId: number }
  | { part: 'no-prompt' }
  | { part: 'closing' }
  | { part: 'left-open' }
  /** The summary; `from`: its first message still to post, when an earlier attempt posted those before. */
  | { part: 'summary'; from?: number }
  /** An answer given through a form, repeated in the thread so the community sees it. */
  | { part: 'answer'; text: string; tag: string }
  /** A protocol's step posted in the thread, and the session message redrawn for it. */
  | { part: 'protocol-step'; step: number }
  | { part: 'protocol-redraw'; step: number }
  /** At a protocol's end: counts and the debrief in the thread; the presenter's own summary by DM. */
  | { part: 'protocol-summary'; from?: number }
  | { part: 'protocol-presenter'; from?: number };

export type SessionPost = { sessionId: number } & SessionPart;

const partKey = (post: SessionPart): string => {
  switch (post.part) {
    case 'redraw':
      return `redraw:${post.phase}`;
    case 'prompt':
      return `prompt:${post.postId}`;
    case 'answer':
      return `answer:${post.tag}`;
    case 'summary':
    case 'protocol-summary':
    case 'protocol-presenter':
      return post.from ? `${post.part}:${post.from}` : post.part;
    case 'protocol-step':
    case 'protocol-redraw':
      return `${post.part}:${post.step}`;
    default:
      return post.part;
  }
};

/** The outbox item for one message of a session; its key makes a second write of it impossible. */
export function sessionPost(
  session: Pick<Session, 'id'>,
  community: Pick<Community, 'workspaceId'>,
  post: SessionPart,
  now: Date,
  memberId?: number,
): NewOutboxItem {
  return {
    workspaceId: community.workspaceId,
    ...(memberId !== undefined ? { memberId } : {}),
    kind: SESSION_POST,
    key: `${SESSION_POST}:${session.id}:${partKey(post)}`,
    dueAt: now,
    payload: { sessionId: session.id, ...post },
  };
}

const LEFT_OPEN_NOTE = 'This session has been open for a day, so it closes itself now.';
const NO_PROMPT = 'Reflection: what is on your mind from this week that the group could help you think through?';

/** How long a message for the thread waits for the session message, before trying again. */
const THREAD_WAIT_MS = 2000;

/** The session message as it should look now: its phase, or closed with how many took part. */
async function currentSessionMessage(store: Store, community: Community, session: Session): Promise<Message> {
  const run = await store.protocols.find(session.id);
  if (run) return protocolSessionMessage(community, session, run, await presenterName(store, run));
  if (session.phase !== 'closed') return sessionMessage(community, session, session.phase);
  const [checkins, reflections] = await Promise.all([
    store.checkins.listForSession(session.id),
    store.reflections.listForSession(session.id),
  ]);
  return closedSessionMessage(community, session, countParticipants({ checkins, reflections }));
}

async function summaryOf(store: Store, community: Community, session: Session): Promise<Message[]> {
  const [checkins, reflections, prompts, previous] = await Promise.all([
    store.checkins.listForSession(session.id),
    store.reflections.listForSession(session.id),
    store.prompts.postsForSession(session.id),
    store.sessions.previousClosedAt(community.id, session.openedAt),
  ]);
  const betweenSessions = await store.reflections.countBetweenSessions(community.id, previous, session.openedAt);
  return summaryMessages({
    communityName: community.name,
    topic: session.topic,
    checkins,
    reflections,
    promptText: prompts.at(-1)?.promptText ?? null,
    prompts: prompts.map((post) => ({ id: post.id, text: post.promptText })),
    betweenSessions,
  });
}

/**
 * A long summary is several messages, sent in order from `from`. When one after the first fails,
 * those before it are sent: the rest goes on as an item of its own (`rest`), so that trying again
 * never sends them twice.
 */
async function inOrder(
  parts: readonly Message[],
  from: number,
  send: (part: Message) => Promise<unknown>,
  rest: (from: number) => Promise<unknown>,
): Promise<void> {
  for (const [index, part] of parts.entries()) {
    if (index < from) continue;
    try {
      await send(part);
    } catch (error) {
      if (index === from) throw error;
      await rest(index);
      return;
    }
  }
}

/**
 * Sends one session message. A message for the thread whose session message is not posted yet waits
 * for it (without counting as a failed attempt); if the session message could never be posted, it
 * goes to the channel instead. `dueAt`: when the item being sent was due, for any item it leaves.
 */
export async function sendSessionPost(
  deps: { store: Store; chat: ChatPort },
  place: { workspace: string; session: Session; community: Community },
  post: SessionPost,
  dueAt: Date,
): Promise<void> {
  const { store, chat } = deps;
  const { session, community } = place;
  const channel: ChannelAddress = { workspace: place.workspace, channel: session.channelId };

  if (post.part === 'root') {
    if (session.rootMessageId) return;
    const root = await chat.post(channel, await currentSessionMessage(store, community, session));
    await store.sessions.setRootMessage(session.id, root.id);
    return;
  }

  const thread = async (): Promise<MessageRef | null> => {
    if (session.rootMessageId) return { ...channel, id: session.rootMessageId };
    const root = await store.outbox.state(`${SESSION_POST}:${session.id}:root`);
    if (root === 'waiting')
      throw new DeliveryError('the session message is not posted yet', {
        retryAfterMs: THREAD_WAIT_MS,
        deferred: true,
      });
    return null;
  };
  const say = async (message: Message): Promise<MessageRef> => {
    const root = await thread();
    return root ? chat.reply(root, message) : chat.post(channel, message);
  };

  switch (post.part) {
    case 'redraw': {
      const root = await thread();
      if (root) await chat.update(root, await currentSessionMessage(store, community, session));
      return;
    }
    case 'opening':
      await say(openingPrompt());
      return;
    case 'prompt': {
      const recorded = await store.prompts.findPost(post.postId);
      if (!recorded) return;
      const posted = await say(reflectionPrompt(recorded.promptText));
      await store.prompts.setPostMessage(recorded.id, posted.id);
      return;
    }
    case 'no-prompt':
      await say({ text: NO_PROMPT });
      return;
    case 'closing':
      await say(closingPrompt());
      return;
    case 'left-open':
      await say({ text: LEFT_OPEN_NOTE });
      return;
    case 'summary':
      await inOrder(await summaryOf(store, community, session), post.from ?? 0, say, (from) =>
        store.outbox.enqueue([sessionPost(session, community, { part: 'summary', from }, dueAt)]),
      );
      return;
    case 'answer':
      await say({ text: post.text });
      return;
    case 'protocol-redraw': {
      const root = await thread();
      if (root) await chat.update(root, await currentSessionMessage(store, community, session));
      return;
    }
    case 'protocol-step':
    case 'protocol-summary':
    case 'protocol-presenter': {
      const run = await store.protocols.find(session.id);
      if (!run) return;
      const presenter = await presenterName(store, run);
      if (post.part === 'protocol-step') {
        await say(protocolStepMessage(run, post.step, presenter, community.timeZone));
        return;
      }
      // Read when sent, so words forgotten meanwhile are never sent, and no outbox row keeps them.
      const entries = await store.protocols.entries(session.id);
      const rest = (from: number) =>
        store.outbox.enqueue([sessionPost(session, community, { part: post.part, from }, dueAt)]);
      if (post.part === 'protocol-summary') {
        await inOrder(
          inParts(protocolChannelSummary(community, session, run, entries, presenter)),
          post.from ?? 0,
          say,
          rest,
        );
        return;
      }
      const person = run.presenterId === null ? null : await store.members.withWorkspace(run.presenterId);
      if (!person) return;
      const to = { workspace: place.workspace, user: person.member.externalId };
      await inOrder(
        inParts(presenterSummary(community, session, run, entries, run.presenterId)),
        post.from ?? 0,
        (part) => chat.dm(to, part),
        rest,
      );
      return;
    }
  }
}
