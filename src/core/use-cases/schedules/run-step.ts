import { DateTime } from 'luxon';
import type { NewOutboxItem } from '../../outbox.js';
import { DomainError } from '../../errors.js';
import type { Community, Session, Workspace } from '../../model.js';
import type { Closure } from '../../nudges/schedule.js';
import { nextStep, type SessionSchedule, type Step, type StepKind } from '../../schedules/schedule.js';
import { advance, closeNow, closeOrFinish, postOpening, type SessionScope } from '../../session-flow.js';
import type { SystemDeps } from '../close-left-open.js';

export const SESSION_STEP = 'session.step';

/** A session started by hand this long before the scheduled time replaces the automatic one. */
const HAND_RUN_WINDOW_MS = 2 * 60 * 60 * 1000;

/**
 * A community whose step has come: the outbox item for it (one per community, session and step, so
 * replicas run it once), and the step after it, counted from now so nothing piles up after an outage.
 */
export function planStep(input: {
  community: Community;
  workspace: Workspace;
  schedule: SessionSchedule;
  stepAt: Date;
  now: Date;
  closures: readonly Closure[];
}): { item: NewOutboxItem | null; next: Date | null } {
  const step = nextStep({ schedule: input.schedule, timeZone: input.community.timeZone, after: new Date(input.stepAt.getTime() - 1), closures: input.closures });
  const next = nextStep({ schedule: input.schedule, timeZone: input.community.timeZone, after: new Date(Math.max(input.now.getTime(), input.stepAt.getTime())), closures: input.closures });
  if (!step || step.at.getTime() !== input.stepAt.getTime()) return { item: null, next: next?.at ?? null };
  return {
    item: {
      workspaceId: input.workspace.id,
      kind: SESSION_STEP,
      key: `${SESSION_STEP}:${input.community.id}:${step.start.toISOString()}:${step.kind}`,
      dueAt: step.at,
      payload: { communityId: input.community.id, start: step.start.toISOString(), kind: step.kind },
    },
    next: next?.at ?? null,
  };
}

/** Runs one scheduled step. A step the facilitator already passed by hand is skipped. */
export async function runScheduledStep(deps: SystemDeps, input: { communityId: number; start: Date; kind: StepKind }): Promise<void> {
  const { store } = deps;
  const community = await store.communities.findById(input.communityId);
  if (!community) return;
  const place = await store.workspaces.byId(community.workspaceId);
  if (!place) return;
  const chat = await deps.chatFor(place.platform, place.externalId);
  const scope: SessionScope = { deps: { ...deps, chat }, here: { workspace: place.externalId, channel: community.channelId } };
  const open = await store.sessions.findOpen(community.id);
  try {
    await step(input, community, scope, open);
  } catch (error) {
    // A facilitator moved the session on at the same moment: the step is done already.
    if (error instanceof DomainError && error.code === 'SessionMovedOn') return;
    throw error;
  }
}

async function step(input: { communityId: number; start: Date; kind: StepKind }, community: Community, scope: SessionScope, open: Session | null): Promise<void> {
  const { store, now, chat } = scope.deps;
  switch (input.kind) {
    case 'reminder': {
      const when = DateTime.fromJSDate(input.start).setZone(community.timeZone).toFormat('HH:mm');
      await chat.post(scope.here, { text: `Reminder: ${community.name} meets tomorrow at ${when}. Bring something that is working in your classroom.` });
      return;
    }
    case 'open': {
      // A session run by hand at the same time takes the automatic one's place.
      const handRun = open !== null || (await store.sessions.openedBetween(community.id, new Date(input.start.getTime() - HAND_RUN_WINDOW_MS), now));
      if (handRun) return;
      const session = await store.sessions.open({ communityId: community.id, channelId: community.channelId, topic: null, openedBy: null, at: now, scheduledFor: input.start });
      if (session) await postOpening(scope, community, session);
      return;
    }
    case 'reflection':
      if (open?.phase === 'opening') await advance(scope, community, open, 'opening');
      return;
    case 'closing':
      if (open && (open.phase === 'opening' || open.phase === 'reflection')) await closeOrFinish(scope, community, open, open.phase);
      return;
    case 'summary':
      if (open) await closeNow(scope, community, open);
      return;
  }
}

export type { Step };
