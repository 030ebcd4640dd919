import { z } from 'zod';
import type { ChatPort } from '../chat-port.js';
import { DeliveryError, payloadOf, type NewOutboxItem, type OutboxItem } from '../outbox.js';
import type { Store } from '../ports/store.js';
import { zoneOf } from '../time/zone-of.js';
import {
  acceptedMessage,
  answerMessage,
  cancelledMessage,
  noticingMessage,
  notesMessage,
  reflectionMessage,
  reminderMessage,
  requestMessage,
} from './messages.js';
import { noticingAt, observedOf, observerOf, type Visit } from './visit.js';

// Everything a visit sends is an outbox item written with the change it belongs to. Items carry ids,
// never words or names: those are read from the visit when the item is sent, so a visit cancelled,
// declined or forgotten in the meantime sends nothing it should not, and no payload holds a note.

const VISIT_REQUEST = 'visit.request';
const VISIT_ANSWER = 'visit.answer';
const VISIT_ACCEPTED = 'visit.accepted';
const VISIT_CANCELLED = 'visit.cancelled';
const VISIT_NOTES = 'visit.notes';
const VISIT_REFLECTION = 'visit.reflection';
/** Timed: the school day before the lesson, to each of the two. */
export const VISIT_REMINDER = 'visit.reminder';
/** Timed: an hour after the lesson began, the noticing questions to the observer. */
export const VISIT_NOTICING = 'visit.noticing';

/** The kinds sent at once by the change that writes them (and by the delivery loop when that fails). */
export const VISIT_LIVE_KINDS = [
  VISIT_REQUEST,
  VISIT_ANSWER,
  VISIT_ACCEPTED,
  VISIT_CANCELLED,
  VISIT_NOTES,
  VISIT_REFLECTION,
] as const;
export const VISIT_TIMED_KINDS = [VISIT_REMINDER, VISIT_NOTICING] as const;

const id = z.number().int().positive();
const toPayload = z.object({ visitId: id, to: id });

const item = (visit: Visit, kind: string, to: number, dueAt: Date, key = `${kind}:${visit.id}`): NewOutboxItem => ({
  workspaceId: visit.workspaceId,
  memberId: to,
  kind,
  key,
  dueAt,
  payload: { visitId: visit.id, to },
});

export const requestItem = (visit: Visit & { peerId: number }, at: Date) =>
  item(visit, VISIT_REQUEST, visit.peerId, at);
/** To the requester: the peer's answer, whichever it was. */
export const answerItem = (visit: Visit & { requesterId: number }, at: Date) =>
  item(visit, VISIT_ANSWER, visit.requesterId, at);
/** To the peer: their yes, confirmed with the way to call it off. */
export const acceptedItem = (visit: Visit & { peerId: number }, at: Date) =>
  item(visit, VISIT_ACCEPTED, visit.peerId, at);
export const cancelledItem = (visit: Visit, to: number, at: Date) => item(visit, VISIT_CANCELLED, to, at);
export const reminderItem = (visit: Visit, to: number, dueAt: Date) =>
  item(visit, VISIT_REMINDER, to, dueAt, `${VISIT_REMINDER}:${visit.id}:${to}`);
export const noticingItem = (visit: Visit, observer: number) =>
  item(visit, VISIT_NOTICING, observer, noticingAt(visit.at));
export const notesItem = (visit: Visit, observed: number, at: Date) => item(visit, VISIT_NOTES, observed, at);
export const reflectionItem = (visit: Visit, observed: number, at: Date) => item(visit, VISIT_REFLECTION, observed, at);

type SendDeps = { store: Store; chat: ChatPort };

/** The state a visit must be in for each kind to be sent; anything else means it moved on. */
const SENDS_WHEN: Record<string, readonly Visit['status'][]> = {
  [VISIT_REQUEST]: ['requested'],
  [VISIT_ANSWER]: ['accepted', 'declined', 'noted'],
  [VISIT_ACCEPTED]: ['accepted', 'noted'],
  [VISIT_CANCELLED]: ['cancelled'],
  [VISIT_REMINDER]: ['accepted'],
  [VISIT_NOTICING]: ['accepted'],
  [VISIT_NOTES]: ['noted'],
  [VISIT_REFLECTION]: ['noted'],
};

/**
 * Sends one visit item, live or timed. The visit is read afresh first: one declined, cancelled or
 * forgotten since the item was written sends nothing, and only the person the item names, who must
 * still be one of the two, is written to.
 */
export async function deliverVisitItem(deps: SendDeps, workspace: string, outboxItem: OutboxItem): Promise<void> {
  const { store, chat } = deps;
  const allowed = SENDS_WHEN[outboxItem.kind];
  if (!allowed) throw new DeliveryError(`no visit sender for ${outboxItem.kind}`, { permanent: true });
  const { visitId, to } = payloadOf(toPayload, outboxItem);
  const visit = await store.visits.byId(visitId);
  if (!visit || !allowed.includes(visit.status) || (visit.requesterId !== to && visit.peerId !== to)) return;
  const otherId = visit.requesterId === to ? visit.peerId : visit.requesterId;
  const [found, names] = await Promise.all([
    store.members.withWorkspace(to),
    store.members.names(otherId === null ? [] : [otherId]),
  ]);
  if (!found) return;
  const other = otherId === null ? null : (names.get(otherId) ?? null);
  const zone = zoneOf(found.member, found.workspace);
  const address = { workspace, user: found.member.externalId };
  switch (outboxItem.kind) {
    case VISIT_REQUEST:
      if (other) await chat.dm(address, requestMessage({ visit, requesterName: other, zone }));
      return;
    case VISIT_ANSWER:
      if (other)
        await chat.dm(
          address,
          answerMessage({
            visit,
            peerName: other,
            zone,
            answer: visit.status === 'declined' ? 'declined' : 'accepted',
          }),
        );
      return;
    case VISIT_ACCEPTED:
      if (other) await chat.dm(address, acceptedMessage({ visit, requesterName: other, zone }));
      return;
    case VISIT_CANCELLED:
      // Told only by the one who did not cancel it.
      if (visit.cancelledBy !== to)
        await chat.dm(address, cancelledMessage({ visit, byName: visit.cancelledBy === otherId ? other : null, zone }));
      return;
    case VISIT_REMINDER:
      if (other)
        await chat.dm(address, reminderMessage({ visit, otherName: other, observing: observerOf(visit) === to, zone }));
      return;
    case VISIT_NOTICING:
      if (other && observerOf(visit) === to) await chat.dm(address, noticingMessage({ visit, observedName: other }));
      return;
    case VISIT_NOTES:
      // The notes go to the observed teacher and to nobody else, whatever the item says.
      if (observedOf(visit) === to && visit.notes)
        await chat.dm(address, notesMessage({ visit, observerName: other ?? 'Your colleague' }));
      return;
    case VISIT_REFLECTION:
      if (observedOf(visit) === to && visit.reflection === null) await chat.dm(address, reflectionMessage({ visit }));
      return;
  }
}
