import { z } from 'zod';
import type { ChatPort, Introduced } from '../chat-port.js';
import { payloadOf, type NewOutboxItem, type OutboxItem } from '../outbox.js';
import type { Store } from '../ports/store.js';
import { BUILT_IN_PROMPTS } from '../prompts/library.js';
import { FIRST_QUESTION, pairFollowUp, pairIntroduction } from './messages.js';
import { PAIR_FOLLOW_UP_AFTER_MS, type PairRound } from './model.js';

// A round is planned as one timed item; running it records the groups once (a unique index per
// circle and time) and writes each group's introduction and follow-up as items of their own, so a
// second replica running the same round introduces nobody twice.

/** Timed: a circle's round has come. */
export const PAIR_ROUND = 'pairs.round';
/** Live: one group's introduction. */
export const PAIR_INTRODUCTION = 'pairs.introduction';
/** Timed: a few days on, "did you meet?" to each person of a group. */
export const PAIR_FOLLOW_UP = 'pairs.follow-up';

const id = z.number().int().positive();
export const roundPayloadSchema = z.object({ communityId: id, at: z.iso.datetime() });
const groupPayload = z.object({ roundId: id, group: z.number().int().min(1), memberId: id.optional() });

export const roundItem = (community: { id: number; workspaceId: number }, at: Date): NewOutboxItem => ({
  workspaceId: community.workspaceId,
  kind: PAIR_ROUND,
  key: `${PAIR_ROUND}:${community.id}:${at.toISOString()}`,
  dueAt: at,
  payload: { communityId: community.id, at: at.toISOString() },
});

/** Each group's introduction, and each person's follow-up (one send each, so a retry repeats nobody's). */
export function groupItems(round: PairRound, workspaceId: number, at: Date): NewOutboxItem[] {
  const followUpAt = new Date(round.at.getTime() + PAIR_FOLLOW_UP_AFTER_MS);
  return round.groups.flatMap((members, index) => {
    const group = index + 1;
    return [
      {
        workspaceId,
        kind: PAIR_INTRODUCTION,
        key: `${PAIR_INTRODUCTION}:${round.id}:${group}`,
        dueAt: at,
        payload: { roundId: round.id, group },
      },
      ...members.map((memberId) => ({
        workspaceId,
        memberId,
        kind: PAIR_FOLLOW_UP,
        key: `${PAIR_FOLLOW_UP}:${round.id}:${memberId}`,
        dueAt: followUpAt,
        payload: { roundId: round.id, group, memberId },
      })),
    ];
  });
}

/** The open question a round starts with: the circle's latest reflection prompt. */
async function roundQuestion(store: Store, communityId: number): Promise<string> {
  const history = await store.prompts.history(communityId);
  const key = history[history.length - 1];
  if (!key) return FIRST_QUESTION;
  const custom = await store.prompts.listCustom(communityId);
  return [...BUILT_IN_PROMPTS, ...custom].find((prompt) => prompt.key === key)?.text ?? FIRST_QUESTION;
}

/** The group as it is now: people forgotten since drop out, and a group left with one person is not introduced. */
async function groupNow(store: Store, item: OutboxItem) {
  const { roundId, group } = payloadOf(groupPayload, item);
  const round = await store.pairing.round(roundId);
  const members = round?.groups[group - 1] ?? [];
  const community = round ? await store.communities.findById(round.communityId) : null;
  if (!round || !community || members.length < 2) return null;
  const found = (await Promise.all(members.map((memberId) => store.members.withWorkspace(memberId)))).flatMap((f) =>
    f ? [f.member] : [],
  );
  return found.length < 2 ? null : { round, community, people: found };
}

export const PAIRING_LIVE_KINDS = [PAIR_INTRODUCTION] as const;

export async function deliverPairIntroduction(
  deps: { store: Store; chat: ChatPort },
  workspace: string,
  item: OutboxItem,
): Promise<void> {
  const now = await groupNow(deps.store, item);
  if (!now) return;
  const { community, people } = now;
  const mentors = await deps.store.mentors.list(community.workspaceId);
  const mentorIds = new Set(
    mentors.filter((m) => m.communityId === null || m.communityId === community.id).map((m) => m.memberId),
  );
  const question = await roundQuestion(deps.store, community.id);
  const message = pairIntroduction({
    circle: community.name,
    names: people.map((p) => p.name),
    question,
    mentorNames: people.filter((p) => mentorIds.has(p.id)).map((p) => p.name),
  });
  const [first, second, ...rest] = people.map((p): Introduced => ({ user: p.externalId, name: p.name }));
  if (!first || !second) return;
  await deps.chat.introduce(workspace, [first, second, ...rest], message);
}

/** "Did you meet?" to one person of a group, unless they said already. */
export async function sendPairFollowUp(
  deps: { store: Store; chat: ChatPort },
  workspace: string,
  item: OutboxItem,
): Promise<void> {
  const { memberId } = payloadOf(groupPayload, item);
  const now = await groupNow(deps.store, item);
  const person = now?.people.find((p) => p.id === memberId);
  if (!now || !person) return;
  const answers = await deps.store.pairing.answers(now.round.id);
  if (answers.some((a) => a.memberId === person.id && a.met !== null)) return;
  const others = now.people.filter((p) => p.id !== person.id).map((p) => p.name);
  await deps.chat.dm(
    { workspace, user: person.externalId },
    pairFollowUp({ roundId: now.round.id, circle: now.community.name, others }),
  );
}
