import { z } from 'zod';
import type { ChatPort } from '../chat-port.js';
import { payloadOf, type NewOutboxItem, type OutboxItem } from '../outbox.js';
import type { Store } from '../ports/store.js';
import { localDate } from '../time/local-time.js';
import { zoneOf } from '../time/zone-of.js';
import { ownFigures, termFigures } from './rotation.js';
import { rotationCarriedOnMessage, rotationNoticeMessage, rotationThanksMessage } from './rotation-messages.js';

// What rotation sends, written by the planner with the step it belongs to and sent by the delivery
// loop. Items carry ids and dates, never figures or names: those are read when the item is sent.

export const ROTATION_NOTICE = 'rotation.notice';
export const ROTATION_THANKS = 'rotation.thanks';
export const ROTATION_CARRIED_ON = 'rotation.carried-on';

const id = z.number().int().positive();
const date = z.iso.date();
const noticePayload = z.object({ to: id, endsOn: date, from: z.iso.datetime().nullable() });
const thanksPayload = z.object({ memberId: id, from: z.iso.datetime(), to: z.iso.datetime(), continuing: z.boolean() });
const carriedOnPayload = z.object({ to: id, endedOn: date, nextEnd: date });

const termStart = (from: Date | null) => from ?? new Date(0);

export const noticeItem = (input: {
  workspaceId: number;
  adminId: number;
  endsOn: string;
  termFrom: Date | null;
  at: Date;
}): NewOutboxItem => ({
  workspaceId: input.workspaceId,
  memberId: input.adminId,
  kind: ROTATION_NOTICE,
  key: `${ROTATION_NOTICE}:${input.workspaceId}:${input.endsOn}:${input.adminId}`,
  dueAt: input.at,
  payload: { to: input.adminId, endsOn: input.endsOn, from: input.termFrom?.toISOString() ?? null },
});

export const thanksItem = (input: {
  workspaceId: number;
  memberId: number;
  from: Date;
  to: Date;
  continuing: boolean;
}): NewOutboxItem => ({
  workspaceId: input.workspaceId,
  memberId: input.memberId,
  kind: ROTATION_THANKS,
  key: `${ROTATION_THANKS}:${input.workspaceId}:${input.to.toISOString()}:${input.memberId}`,
  dueAt: input.to,
  payload: {
    memberId: input.memberId,
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    continuing: input.continuing,
  },
});

export const carriedOnItem = (input: {
  workspaceId: number;
  adminId: number;
  endedOn: string;
  nextEnd: string;
  at: Date;
}): NewOutboxItem => ({
  workspaceId: input.workspaceId,
  memberId: input.adminId,
  kind: ROTATION_CARRIED_ON,
  key: `${ROTATION_CARRIED_ON}:${input.workspaceId}:${input.endedOn}:${input.adminId}`,
  dueAt: input.at,
  payload: { to: input.adminId, endedOn: input.endedOn, nextEnd: input.nextEnd },
});

type SendDeps = { store: Store; chat: ChatPort };

/** To an admin, a month before the end: figures across all mentors from the term's start to now. */
export async function sendRotationNotice(deps: SendDeps, workspace: string, item: OutboxItem): Promise<void> {
  const { store, chat } = deps;
  const { to, endsOn, from } = payloadOf(noticePayload, item);
  const admin = await store.members.withWorkspace(to);
  // No longer an admin (or forgotten) since: the figures are for admins only.
  if (!admin || !admin.member.isAdmin || item.workspaceId === null) return;
  const workspaceId = item.workspaceId;
  const [mentors, next, threshold, asks] = await Promise.all([
    store.mentors.list(workspaceId),
    store.rotation.nextMentors(workspaceId),
    store.digests.threshold(workspaceId),
    store.rotation.termAsks(workspaceId, termStart(from ? new Date(from) : null), item.dueAt),
  ]);
  const topics = [...new Set(mentors.flatMap((m) => m.topics))];
  const figures = termFigures({
    asks,
    topics,
    from: termStart(from ? new Date(from) : null),
    to: item.dueAt,
    threshold,
  });
  await chat.dm(
    { workspace, user: admin.member.externalId },
    rotationNoticeMessage({ endsOn, mentors, next, figures, threshold }),
  );
}

/** To a mentor at the end of the term: their own counts, and whether they carry on. */
export async function sendRotationThanks(deps: SendDeps, workspace: string, item: OutboxItem): Promise<void> {
  const { store, chat } = deps;
  const payload = payloadOf(thanksPayload, item);
  const found = await store.members.withWorkspace(payload.memberId);
  if (!found) return;
  const from = new Date(payload.from);
  const to = new Date(payload.to);
  const [asks, mentor] = await Promise.all([
    store.rotation.termAsks(found.workspace.id, from, to),
    payload.continuing ? store.mentors.find(found.workspace.id, payload.memberId) : null,
  ]);
  const zone = zoneOf(found.member, found.workspace);
  const own = ownFigures(asks, payload.memberId, from, to);
  await chat.dm(
    { workspace, user: found.member.externalId },
    rotationThanksMessage({
      from: localDate(from, zone),
      to: localDate(to, zone),
      ...own,
      continuing: mentor ? { topics: mentor.topics } : null,
    }),
  );
}

/** To an admin, when the term ended with nobody named for the next. */
export async function sendRotationCarriedOn(deps: SendDeps, workspace: string, item: OutboxItem): Promise<void> {
  const { store, chat } = deps;
  const { to, endedOn, nextEnd } = payloadOf(carriedOnPayload, item);
  const admin = await store.members.withWorkspace(to);
  if (!admin || !admin.member.isAdmin) return;
  const mentors = await store.mentors.list(admin.workspace.id);
  await chat.dm(
    { workspace, user: admin.member.externalId },
    rotationCarriedOnMessage({ endedOn, mentors: mentors.length, nextEnd }),
  );
}
