import { isAwayAt } from '../../away.js';
import type { IsoDate, LocalTime, UserMention } from '../../commands/command.js';
import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { commitWithMessages } from '../../session-flow.js';
import { notesForm, reflectionForm, requestedMessage } from '../../visits/messages.js';
import {
  acceptedItem,
  answerItem,
  cancelledItem,
  noticingItem,
  notesItem,
  reflectionItem,
  reminderItem,
  requestItem,
} from '../../visits/sends.js';
import {
  checkSlot,
  isParty,
  lessonTime,
  MAX_FOCUS_LENGTH,
  observedOf,
  observerOf,
  reminderAt,
  type Visit,
  type VisitKind,
} from '../../visits/visit.js';
import { named, platformKnows } from '../manage-roles.js';
import { zoneOf } from '../../time/zone-of.js';

// Classroom visits: asked for with a command, answered and cancelled with buttons, followed by the
// observer's noticing form and the observed teacher's reflection. A button names a visit; the server
// acts only if the presser is the one of its two people the step belongs to, as the database has it.

const NO_SUCH_VISIT = 'That visit is not one I can find for you, so nothing was changed.';
const MOVED_ON = 'This visit has moved on already (answered, cancelled or done), so nothing was changed.';

const formOpener = (ctx: Context) => ({
  ...ctx.here,
  user: ctx.incoming.user.externalId,
  ...(ctx.incoming.trigger ? { trigger: ctx.incoming.trigger } : {}),
});

export interface VisitRequest {
  kind: VisitKind;
  user: UserMention;
  date: IsoDate;
  time: LocalTime;
  focus?: string;
}

/** `visit|invite|model @peer <day> <HH:MM> [focus]`: the time is the requester's own. */
export async function requestVisit(ctx: Context, request: VisitRequest): Promise<void> {
  const { store, now } = ctx.deps;
  const focus = request.focus?.trim() || null;
  if (focus && [...focus].length > MAX_FOCUS_LENGTH)
    throw new DomainError(
      'BadVisit',
      `The focus is longer than I keep (${MAX_FOCUS_LENGTH} characters). Say it shorter; you can talk over the rest together.`,
    );
  if (request.user.userId === ctx.member.externalId)
    throw new DomainError('BadVisit', 'Name a colleague with an @mention: a visit takes two.');
  if (!(await platformKnows(ctx, request.user)))
    throw new DomainError('UnknownPerson', 'That is not someone I can reach here, so nothing was sent.');
  const zone = zoneOf(ctx.member, ctx.workspace);
  const closures = await store.calendar.closures(ctx.workspace.id);
  const slot = checkSlot({
    date: request.date,
    minute: request.time.hour * 60 + request.time.minute,
    zone,
    now,
    closures,
  });
  if (!slot.ok) throw new DomainError('BadVisit', `${slot.problem} Nothing was sent.`);
  const peer = await named(ctx, request.user);
  // Their status (Slack) saying they are away then is their word on it: they are not asked.
  const away = await store.members.awayStatus(peer.id);
  if (away && isAwayAt(away.status, slot.at))
    throw new DomainError(
      'BadVisit',
      `${peer.name}'s status says they are away then, so I have not asked them. Another day, once they are back, may suit.`,
    );
  let created: Visit | null = null;
  await commitWithMessages(ctx, async (repos) => {
    const visit = await repos.visits.create({
      workspaceId: ctx.workspace.id,
      kind: request.kind,
      requesterId: ctx.member.id,
      peerId: peer.id,
      at: slot.at,
      zone,
      focus,
      now,
    });
    created = visit;
    return [requestItem({ ...visit, peerId: peer.id }, now)];
  });
  if (created) await ctx.tellPrivately(requestedMessage({ visit: created, peerName: peer.name, zone }));
}

/** The visit a button names, of this workspace and with the presser one of its two people. */
async function visitOf(ctx: Context, visitId: number): Promise<Visit> {
  const visit = await ctx.deps.store.visits.find(ctx.workspace.id, visitId);
  if (!visit || !isParty(visit, ctx.member.id)) throw new DomainError('NoSuchVisit', NO_SUCH_VISIT);
  return visit;
}

/** The peer's yes or no. A yes plans the reminders and the noticing form with it. */
export async function answerVisit(ctx: Context, visitId: number, answer: 'accepted' | 'declined'): Promise<void> {
  const { store, now } = ctx.deps;
  const visit = await visitOf(ctx, visitId);
  if (visit.peerId !== ctx.member.id || visit.requesterId === null) throw new DomainError('NoSuchVisit', NO_SUCH_VISIT);
  if (visit.status !== 'requested') throw new DomainError('VisitMovedOn', MOVED_ON);
  // A yes after the lesson began would plan a reminder and a form for a visit that never happened.
  if (answer === 'accepted' && visit.at.getTime() <= now.getTime()) {
    throw new DomainError(
      'VisitMovedOn',
      'That lesson has begun already, so it is too late to say yes to it. They can ask again for another day.',
    );
  }
  const requester = await store.members.withWorkspace(visit.requesterId);
  const closures = await store.calendar.closures(ctx.workspace.id);
  let changed = false;
  await commitWithMessages(ctx, async (repos) => {
    if (!(await repos.visits.answer(visitId, ctx.member.id, answer, now))) return [];
    changed = true;
    const answered = { ...visit, requesterId: visit.requesterId as number, peerId: ctx.member.id };
    if (answer === 'declined') return [answerItem(answered, now)];
    const reminders = [
      { id: answered.requesterId, zone: requester ? zoneOf(requester.member, requester.workspace) : visit.zone },
      { id: answered.peerId, zone: zoneOf(ctx.member, ctx.workspace) },
    ].flatMap((person) => {
      const due = reminderAt({ at: visit.at, lessonZone: visit.zone, zone: person.zone, now, closures });
      return due ? [reminderItem(visit, person.id, due)] : [];
    });
    const observer = observerOf(answered) as number;
    return [answerItem(answered, now), acceptedItem(answered, now), ...reminders, noticingItem(visit, observer)];
  });
  if (!changed) throw new DomainError('VisitMovedOn', MOVED_ON);
  // The yes is confirmed by its own message, with the way to call it off; a no needs nothing more.
  if (answer === 'declined')
    await ctx.tellPrivately({
      text: "Thanks for letting me know. They are told you can't this time; no reason is needed.",
    });
}

/** Either of the two calls it off, before it happened; the other is told. */
export async function cancelVisit(ctx: Context, visitId: number): Promise<void> {
  const { now } = ctx.deps;
  const visit = await visitOf(ctx, visitId);
  if (visit.status !== 'requested' && visit.status !== 'accepted') throw new DomainError('VisitMovedOn', MOVED_ON);
  const other = visit.requesterId === ctx.member.id ? visit.peerId : visit.requesterId;
  let changed = false;
  await commitWithMessages(ctx, async (repos) => {
    if (!(await repos.visits.cancel(visitId, ctx.member.id, now))) return [];
    changed = true;
    return other === null ? [] : [cancelledItem(visit, other, now)];
  });
  if (!changed) throw new DomainError('VisitMovedOn', MOVED_ON);
  await ctx.tellPrivately({
    text: `The visit on ${lessonTime(visit.at, zoneOf(ctx.member, ctx.workspace))} is cancelled${other === null ? '' : ', and the other teacher is told'}.`,
  });
}

/** The noticing form, for the observer of an accepted visit. */
export async function openNotes(ctx: Context, visitId: number): Promise<void> {
  const visit = await visitOf(ctx, visitId);
  if (observerOf(visit) !== ctx.member.id) throw new DomainError('NoSuchVisit', NO_SUCH_VISIT);
  if (visit.status === 'noted')
    throw new DomainError('VisitMovedOn', 'You have sent your notes for this visit already. Thank you.');
  if (visit.status !== 'accepted') throw new DomainError('VisitMovedOn', MOVED_ON);
  const observed = observedOf(visit);
  const names = await ctx.deps.store.members.names(observed === null ? [] : [observed]);
  await ctx.deps.chat.openForm(
    formOpener(ctx),
    notesForm(visit, (observed !== null && names.get(observed)) || 'your colleague'),
  );
}

/** The observer's answers: to the observed teacher alone, then their one reflection question. */
export async function submitNotes(
  ctx: Context,
  visitId: number,
  answers: { noticed: string; wondered?: string | undefined; next?: string | undefined },
): Promise<void> {
  const { now } = ctx.deps;
  const visit = await visitOf(ctx, visitId);
  const observed = observedOf(visit);
  if (observerOf(visit) !== ctx.member.id) throw new DomainError('NoSuchVisit', NO_SUCH_VISIT);
  if (visit.status !== 'accepted' || observed === null)
    throw new DomainError(
      'VisitMovedOn',
      visit.status === 'noted' ? 'You have sent your notes for this visit already. Thank you.' : MOVED_ON,
    );
  // What was noticed can only follow the lesson; a form sent sooner is not taken.
  if (now.getTime() < visit.at.getTime())
    throw new DomainError(
      'BadVisit',
      'The lesson has not begun yet, so there is nothing to note. I will send you the questions an hour after it starts.',
    );
  const notes = [answers.noticed.trim(), answers.wondered?.trim() ?? '', answers.next?.trim() ?? ''];
  let changed = false;
  await commitWithMessages(ctx, async (repos) => {
    if (!(await repos.visits.saveNotes(visitId, ctx.member.id, notes, now))) return [];
    changed = true;
    return [notesItem(visit, observed, now), reflectionItem(visit, observed, now)];
  });
  if (!changed) throw new DomainError('VisitMovedOn', 'You have sent your notes for this visit already. Thank you.');
  await ctx.tellPrivately({ text: 'Thank you. Your notes went to them alone; nobody else sees them.' });
}

export async function openReflection(ctx: Context, visitId: number): Promise<void> {
  const visit = await visitOf(ctx, visitId);
  if (observedOf(visit) !== ctx.member.id || visit.status !== 'noted')
    throw new DomainError('NoSuchVisit', NO_SUCH_VISIT);
  await ctx.deps.chat.openForm(formOpener(ctx), reflectionForm(visitId));
}

export async function submitReflection(ctx: Context, visitId: number, text: string): Promise<void> {
  const visit = await visitOf(ctx, visitId);
  if (
    observedOf(visit) !== ctx.member.id ||
    !(await ctx.deps.store.visits.saveReflection(visitId, ctx.member.id, text.trim(), ctx.deps.now))
  ) {
    throw new DomainError('NoSuchVisit', NO_SUCH_VISIT);
  }
  await ctx.tellPrivately({ text: 'Kept, just for you. Thank you for looking back on it.' });
}

/** `visits`: the member's visits still to come, each with the way to call it off. */
export async function listVisits(ctx: Context): Promise<void> {
  const { store, now } = ctx.deps;
  const visits = await store.visits.upcoming(ctx.member.id, now);
  if (visits.length === 0) {
    await ctx.tellPrivately({
      text: "You have no visits coming up. `visit @colleague tue 10:00` asks to watch a colleague's lesson; `invite` and `model` ask them to watch yours.",
    });
    return;
  }
  const others = visits
    .map((v) => (v.requesterId === ctx.member.id ? v.peerId : v.requesterId))
    .filter((id): id is number => id !== null);
  const names = await store.members.names(others);
  const zone = zoneOf(ctx.member, ctx.workspace);
  const shown = visits.slice(0, 5);
  const lines = shown.map((v) => {
    const other = v.requesterId === ctx.member.id ? v.peerId : v.requesterId;
    const name = (other !== null && names.get(other)) || 'a colleague';
    const role = observerOf(v) === ctx.member.id ? `watching ${name}'s lesson` : `${name} watching yours`;
    return `• ${lessonTime(v.at, zone)}: ${role}${v.status === 'requested' ? ' (waiting for an answer)' : ''}`;
  });
  await ctx.tellPrivately({
    text: `Your visits coming up (${visits.length}):`,
    sections: [lines.join('\n')],
    buttons: shown.map((v) => ({
      label: `Cancel ${lessonTime(v.at, zone)}`,
      action: { kind: 'visit.cancel', visitId: v.id },
    })),
  });
}
