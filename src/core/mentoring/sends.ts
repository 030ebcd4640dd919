import { z } from 'zod';
import type { ChatPort } from '../chat-port.js';
import { DeliveryError, payloadOf, type NewOutboxItem, type OutboxItem } from '../outbox.js';
import type { Store } from '../ports/store.js';
import { FOLLOW_UP_AFTER_MS, type Ask } from './ask.js';
import { fittingTopics } from './match.js';
import type { Mentor } from './mentor.js';
import {
  mentorWelcomeMessage,
  followUpMessage,
  introductionMessage,
  leaderOfferMessage,
  offerMessage,
  unansweredMessage,
} from './messages.js';

// Everything mentoring sends is an outbox item written with the change it belongs to. Items carry
// ids, never words or names: those are read when the item is sent, so an ask deleted by forget-me
// in the meantime is never sent, and a renamed person is named as they are now.

const ASK_OFFER = 'ask.offer';
const ASK_INTRODUCTION = 'ask.introduction';
const ASK_UNANSWERED = 'ask.unanswered';
const ASK_TO_LEADER = 'ask.leader';
/** Timed: 2 school days after the ask, if no mentor has taken it, it goes to facilitators or admins. */
export const ASK_DEADLINE = 'ask.deadline';
/** Timed: a week after someone took the ask, the asker's follow-up. */
export const ASK_FOLLOW_UP = 'ask.follow-up';

/** The private word to someone just named a mentor. */
const MENTOR_WELCOME = 'mentor.welcome';

/** The kinds sent at once by the change that writes them (and by the delivery loop when that fails). */
export const MENTORING_LIVE_KINDS = [
  ASK_OFFER,
  ASK_INTRODUCTION,
  ASK_UNANSWERED,
  ASK_TO_LEADER,
  MENTOR_WELCOME,
] as const;

const id = z.number().int().positive();
const offerPayload = z.object({ askId: id, offerId: id });
const askPayload = z.object({ askId: id });
const unansweredPayload = z.object({ askId: id, toLeaders: z.enum(['facilitators', 'admins', 'nobody']) });
const leaderPayload = z.object({ askId: id, to: id });
// `by` is missing when whoever named them for the next term has been forgotten since.
const welcomePayload = z.object({ memberId: id, by: id.optional() });

export const askPayloadSchema = askPayload;

type Leaders = z.infer<typeof unansweredPayload>['toLeaders'];

export const mentorWelcomeItem = (
  mentor: Pick<Mentor, 'memberId' | 'workspaceId'>,
  by: number | null,
  at: Date,
): NewOutboxItem => ({
  workspaceId: mentor.workspaceId,
  memberId: mentor.memberId,
  kind: MENTOR_WELCOME,
  key: `${MENTOR_WELCOME}:${mentor.memberId}:${at.toISOString()}`,
  dueAt: at,
  payload: by === null ? { memberId: mentor.memberId } : { memberId: mentor.memberId, by },
});

export const offerItem = (ask: Ask, offer: { id: number; mentorId: number }, at: Date): NewOutboxItem => ({
  workspaceId: ask.workspaceId,
  memberId: offer.mentorId,
  kind: ASK_OFFER,
  key: `${ASK_OFFER}:${offer.id}`,
  dueAt: at,
  payload: { askId: ask.id, offerId: offer.id },
});

export const introductionItem = (ask: Ask, at: Date): NewOutboxItem => ({
  workspaceId: ask.workspaceId,
  memberId: ask.askerId,
  kind: ASK_INTRODUCTION,
  key: `${ASK_INTRODUCTION}:${ask.id}`,
  dueAt: at,
  payload: { askId: ask.id },
});

export const unansweredItem = (ask: Ask, toLeaders: Leaders, at: Date): NewOutboxItem => ({
  workspaceId: ask.workspaceId,
  memberId: ask.askerId,
  kind: ASK_UNANSWERED,
  key: `${ASK_UNANSWERED}:${ask.id}`,
  dueAt: at,
  payload: { askId: ask.id, toLeaders },
});

export const leaderItem = (ask: Ask, leaderId: number, at: Date): NewOutboxItem => ({
  workspaceId: ask.workspaceId,
  memberId: leaderId,
  kind: ASK_TO_LEADER,
  key: `${ASK_TO_LEADER}:${ask.id}:${leaderId}`,
  dueAt: at,
  payload: { askId: ask.id, to: leaderId },
});

export const deadlineItem = (ask: Ask): NewOutboxItem => ({
  workspaceId: ask.workspaceId,
  memberId: ask.askerId,
  kind: ASK_DEADLINE,
  key: `${ASK_DEADLINE}:${ask.id}`,
  dueAt: ask.answerBy,
  payload: { askId: ask.id },
});

export const followUpItem = (ask: Ask, takenAt: Date): NewOutboxItem => ({
  workspaceId: ask.workspaceId,
  memberId: ask.askerId,
  kind: ASK_FOLLOW_UP,
  key: `${ASK_FOLLOW_UP}:${ask.id}`,
  dueAt: new Date(takenAt.getTime() + FOLLOW_UP_AFTER_MS),
  payload: { askId: ask.id },
});

type SendDeps = { store: Store; chat: ChatPort };

/** Sends one live mentoring item; an ask or person gone since (forgotten, taken) sends nothing. */
export async function deliverMentoringItem(deps: SendDeps, workspace: string, item: OutboxItem): Promise<void> {
  const { store, chat } = deps;
  if (item.kind === ASK_OFFER) {
    const { askId, offerId } = payloadOf(offerPayload, item);
    const [ask, waiting] = await Promise.all([store.asks.byId(askId), store.asks.waitingOffer(askId)]);
    // Answered, withdrawn or taken before this was sent: the mentor is not asked any more.
    if (!ask || ask.status !== 'open' || !waiting || waiting.id !== offerId) return;
    const [found, mentor, names] = await Promise.all([
      store.members.withWorkspace(waiting.mentorId),
      store.mentors.find(ask.workspaceId, waiting.mentorId),
      store.members.names([ask.askerId]),
    ]);
    const askerName = names.get(ask.askerId);
    if (!found || !askerName) return;
    const fitting = mentor ? fittingTopics(mentor.topics, `${ask.text ?? ''} ${ask.whenSuits ?? ''}`) : [];
    await chat.dm({ workspace, user: found.member.externalId }, offerMessage({ askId, askerName, ask, fitting }));
    return;
  }
  if (item.kind === ASK_INTRODUCTION) {
    const { askId } = payloadOf(askPayload, item);
    const ask = await store.asks.byId(askId);
    if (!ask || ask.status !== 'taken' || ask.helperId === null) return;
    const [asker, helper, offers] = await Promise.all([
      store.members.withWorkspace(ask.askerId),
      store.members.withWorkspace(ask.helperId),
      store.asks.offers(askId),
    ]);
    if (!asker || !helper) return;
    // The words go to the helper only if the ask was offered to them: a facilitator or admin who took
    // it after no mentor could was never shown them.
    const withWords = offers.some((offer) => offer.mentorId === ask.helperId);
    const message = introductionMessage({
      askerName: asker.member.name,
      helperName: helper.member.name,
      ask,
      withWords,
    });
    await chat.introduce(
      workspace,
      [
        { user: asker.member.externalId, name: asker.member.name },
        { user: helper.member.externalId, name: helper.member.name },
      ],
      message,
    );
    return;
  }
  if (item.kind === ASK_UNANSWERED) {
    const { askId, toLeaders } = payloadOf(unansweredPayload, item);
    const ask = await store.asks.byId(askId);
    if (!ask || ask.status === 'taken') return;
    const asker = await store.members.withWorkspace(ask.askerId);
    if (asker) await chat.dm({ workspace, user: asker.member.externalId }, unansweredMessage({ toLeaders }));
    return;
  }
  if (item.kind === ASK_TO_LEADER) {
    const { askId, to } = payloadOf(leaderPayload, item);
    const ask = await store.asks.byId(askId);
    if (!ask || ask.status !== 'unanswered') return;
    const [leader, circle] = await Promise.all([
      store.members.withWorkspace(to),
      ask.communityId === null ? null : store.communities.findById(ask.communityId),
    ]);
    if (!leader) return;
    const daysWaiting = Math.floor((item.dueAt.getTime() - ask.createdAt.getTime()) / (24 * 3_600_000));
    await chat.dm(
      { workspace, user: leader.member.externalId },
      leaderOfferMessage({ askId, circleName: circle?.name ?? null, daysWaiting }),
    );
    return;
  }
  if (item.kind === MENTOR_WELCOME) {
    const { memberId, by } = payloadOf(welcomePayload, item);
    const [found, mentor, names] = await Promise.all([
      store.members.withWorkspace(memberId),
      item.workspaceId === null ? null : store.mentors.find(item.workspaceId, memberId),
      store.members.names(by === undefined ? [] : [by]),
    ]);
    // Removed (or forgotten) before this was sent: nothing to welcome them to.
    if (!found || !mentor) return;
    await chat.dm(
      { workspace, user: found.member.externalId },
      mentorWelcomeMessage({ by: by === undefined ? undefined : names.get(by), topics: mentor.topics }),
    );
    return;
  }
  throw new DeliveryError(`no mentoring sender for ${item.kind}`, { permanent: true });
}

/** The follow-up, a week after the ask was taken, unless it was answered already or is gone. */
export async function sendFollowUp(deps: SendDeps, workspace: string, askId: number): Promise<void> {
  const { store, chat } = deps;
  const ask = await store.asks.byId(askId);
  if (!ask || ask.status !== 'taken' || ask.helperId === null || ask.followUp !== null) return;
  const [asker, names] = await Promise.all([
    store.members.withWorkspace(ask.askerId),
    store.members.names([ask.helperId]),
  ]);
  if (!asker) return;
  await chat.dm(
    { workspace, user: asker.member.externalId },
    followUpMessage({ askId, helperName: names.get(ask.helperId) ?? 'your mentor' }),
  );
}
