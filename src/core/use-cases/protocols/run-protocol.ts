import type { UserMention } from '../../commands/command.js';
import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { isInChannel } from '../../membership.js';
import type { Community, Session } from '../../model.js';
import type { NewOutboxItem } from '../../outbox.js';
import { defaultMinutes, PROTOCOLS, type ProtocolName, type ProtocolRun } from '../../protocols/protocol.js';
import {
  commitWithMessages,
  requireCommunity,
  requireFacilitator,
  requireOpenSession,
  type SessionScope,
} from '../../session-flow.js';
import { sessionPost } from '../../session-posts.js';
import type { SystemDeps } from '../../system-deps.js';
import { named } from '../manage-roles.js';

// A protocol session is a session (one open at a time per circle, in its own thread, closed by
// `close` or after a day) whose steps are a protocol's. Each step ends by itself when its time is up:
// a timed outbox item keyed by session, step and end time, which any replica may deliver; the move
// itself is a compare-and-set on the step and its end, written with the messages it implies, so the
// timer, `next` and a second replica move it once.

export const PROTOCOL_STEP = 'protocol.step';

const MAX_TOPIC_LENGTH = 200;
const MOVED_ON = 'This session has moved on already, so nothing was changed.';

const minutesFrom = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

/** The timer that ends a step: its key names the end time, so a step given new minutes gets a new timer. */
function stepTimer(
  session: Pick<Session, 'id'>,
  community: Pick<Community, 'workspaceId'>,
  step: number,
  endsAt: Date,
): NewOutboxItem {
  return {
    workspaceId: community.workspaceId,
    kind: PROTOCOL_STEP,
    key: `${PROTOCOL_STEP}:${session.id}:${step}:${endsAt.getTime()}`,
    dueAt: endsAt,
    payload: { sessionId: session.id, step, endsAt: endsAt.toISOString() },
  };
}

/** `start tuning <topic> @presenter` / `start consultancy <dilemma> @presenter`. */
export async function startProtocol(
  ctx: Context,
  input: { protocol: ProtocolName; topic: string; presenter: UserMention },
): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'start protocol sessions');
  const { store, now } = ctx.deps;
  if (!(await isInChannel(ctx.deps, ctx.workspace, community.channelId, input.presenter.userId))) {
    throw new DomainError(
      'NoPresenter',
      `The presenter needs to be in ${community.name}'s channel. Name someone from the circle, e.g. \`start ${input.protocol} ${input.topic} @sam\`.`,
    );
  }
  const presenter = await named(ctx, input.presenter);
  const schedule = await store.communities.schedule(community.id);
  const minutes = defaultMinutes(input.protocol, schedule?.lengthMinutes);
  const endsAt = minutesFrom(now, minutes[0] ?? 1);
  let opened: Session | null = null;
  await commitWithMessages(ctx, async (repos) => {
    opened = await repos.sessions.open({
      communityId: community.id,
      channelId: community.channelId,
      topic: input.topic.trim().slice(0, MAX_TOPIC_LENGTH),
      openedBy: ctx.member.id,
      at: now,
    });
    if (!opened) return [];
    await repos.protocols.start({
      sessionId: opened.id,
      protocol: input.protocol,
      presenterId: presenter.id,
      minutes,
      at: now,
      endsAt,
    });
    return [
      sessionPost(opened, community, { part: 'root' }, now),
      sessionPost(opened, community, { part: 'protocol-step', step: 0 }, now),
      stepTimer(opened, community, 0, endsAt),
    ];
  });
  if (!opened) {
    throw new DomainError(
      'SessionAlreadyOpen',
      `${community.name} already has an open session. Use \`next\` to move it on or \`close\` to end it.`,
    );
  }
}

/**
 * Moves a protocol on from the step it was read at: to the next step, posted with its purpose and
 * timed; after the last, it closes, with the counts in the thread and the presenter's own summary.
 */
export async function advanceProtocol(
  scope: SessionScope,
  community: Community,
  session: Session,
  run: ProtocolRun,
  finish = false,
): Promise<void> {
  const { now } = scope.deps;
  const steps = PROTOCOLS[run.protocol].steps;
  if (session.phase === 'closed' || run.step >= steps.length) throw new DomainError('SessionMovedOn', MOVED_ON);
  const next = finish ? steps.length : run.step + 1;
  const from = { step: run.step, endsAt: run.stepEndsAt };
  await commitWithMessages(scope, async (repos) => {
    if (next < steps.length) {
      const endsAt = minutesFrom(now, run.minutes[next] ?? 1);
      if (!(await repos.protocols.moveStep(session.id, from, { step: next, at: now, endsAt })))
        throw new DomainError('SessionMovedOn', MOVED_ON);
      return [
        sessionPost(session, community, { part: 'protocol-redraw', step: next }, now),
        sessionPost(session, community, { part: 'protocol-step', step: next }, now),
        stepTimer(session, community, next, endsAt),
      ];
    }
    if (!(await repos.protocols.moveStep(session.id, from, { step: next, at: now, endsAt: null })))
      throw new DomainError('SessionMovedOn', MOVED_ON);
    if (!(await repos.sessions.movePhase(session.id, session.phase, 'closed', now)))
      throw new DomainError('SessionMovedOn', MOVED_ON);
    return [
      sessionPost(session, community, { part: 'protocol-summary' }, now),
      sessionPost(session, community, { part: 'protocol-presenter' }, now),
      sessionPost(session, community, { part: 'redraw', phase: 'closed' }, now),
    ];
  });
}

/** `next` and `close` in a protocol session; `drawnFor`: the step of the button pressed, if one was. */
export async function moveProtocolOn(
  ctx: Context,
  session: Session,
  run: ProtocolRun,
  how: { finish?: boolean; drawnFor?: number } = {},
): Promise<void> {
  const community = requireCommunity(ctx);
  if (how.drawnFor !== undefined && how.drawnFor !== run.step) throw new DomainError('SessionMovedOn', MOVED_ON);
  await advanceProtocol(ctx, community, session, run, how.finish === true);
}

/** `protocol times <minutes...>`: the steps' minutes for the protocol under way; the step under way ends accordingly. */
export async function setProtocolTimes(ctx: Context, minutes: number[]): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'change protocol times');
  const session = await requireOpenSession(ctx, community);
  const run = await ctx.deps.store.protocols.find(session.id);
  if (!run)
    throw new DomainError(
      'ProtocolSession',
      'The open session is not a protocol session. Start one with `start tuning <topic> @presenter` or `start consultancy <dilemma> @presenter`.',
    );
  const steps = PROTOCOLS[run.protocol].steps;
  if (minutes.length !== steps.length) {
    throw new DomainError(
      'ProtocolSession',
      `The ${PROTOCOLS[run.protocol].title.toLowerCase()} has ${steps.length} steps (${steps.map((s) => s.name).join(', ')}): give ${steps.length} numbers of minutes, e.g. \`protocol times ${defaultMinutes(run.protocol).join(' ')}\`.`,
    );
  }
  const { now } = ctx.deps;
  const due = minutesFrom(run.stepStartedAt, minutes[run.step] ?? 1);
  // A step whose new time has passed already ends at the next look of the delivery loop (never "now",
  // which would send the timer with the command's live messages).
  const endsAt = due.getTime() <= now.getTime() ? new Date(now.getTime() + 1000) : due;
  await commitWithMessages(ctx, async (repos) => {
    if (!(await repos.protocols.setMinutes(session.id, { step: run.step, endsAt: run.stepEndsAt }, minutes, endsAt)))
      throw new DomainError('SessionMovedOn', MOVED_ON);
    return [stepTimer(session, community, run.step, endsAt)];
  });
  await ctx.tellPrivately({
    text: `Protocol times set: ${steps.map((step, i) => `${step.name} ${minutes[i]}`).join(', ')} (minutes). The step under way ends with its new time.`,
    revealsNothingPrivate: true,
  });
}

/** The timer of a step: moves the protocol on if it is still at that step, with that end. */
export async function protocolStepDue(
  deps: SystemDeps,
  due: { sessionId: number; step: number; endsAt: Date },
): Promise<void> {
  const place = await deps.store.sessions.withPlace(due.sessionId);
  if (!place || place.session.phase === 'closed') return;
  const run = await deps.store.protocols.find(due.sessionId);
  if (!run || run.step !== due.step || run.stepEndsAt?.getTime() !== due.endsAt.getTime()) return;
  const chat = await deps.chatFor(place.workspace.platform, place.workspace.externalId);
  const scope: SessionScope = {
    deps: { ...deps, chat },
    here: { workspace: place.workspace.externalId, channel: place.community.channelId },
  };
  try {
    await advanceProtocol(scope, place.community, place.session, run);
  } catch (error) {
    // A facilitator's `next`, or another replica, moved it at the same moment: done already.
    if (error instanceof DomainError && error.code === 'SessionMovedOn') return;
    throw error;
  }
}
