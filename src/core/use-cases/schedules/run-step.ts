import { DateTime } from 'luxon';
import type { NewOutboxItem } from '../../outbox.js';
import { DomainError } from '../../errors.js';
import type { Community, Session, Workspace } from '../../model.js';
import type { Closure } from '../../time/closure.js';
import { nextStep, type SessionSchedule, type StepKind } from '../../schedules/schedule.js';
import { advance, closeNow, closeOrFinish, openSession, type SessionScope } from '../../session-flow.js';
import type { SystemDeps } from '../../system-deps.js';

export const SESSION_STEP = 'session.step';

/** A session started by hand this long before the scheduled time replaces the automatic one. */
const HAND_RUN_WINDOW_MS = 2 * 60 * 60 * 1000;

/** A step of a session that ended longer ago than this is not run late: the session has passed. */
const STALE_AFTER_MS = 5 * 60_000;
const MAX_CATCH_UP = 8;

/**
 * A community whose step has come: the outbox items for it and any later steps already due (a late
 * planner catches up on the session under way, in order), and the first step still to come. Steps of
 * a session already over, and a reminder for one already started, are not sent late. Each item is
 * keyed by community, session and step, so replicas run it once.
 */
export function planSteps(input: {
  community: Community;
  workspace: Workspace;
  schedule: SessionSchedule;
  stepAt: Date;
  now: Date;
  closures: readonly Closure[];
}): { items: NewOutboxItem[]; next: Date | null } {
  const zone = input.community.timeZone;
  const now = input.now.getTime();
  const items: NewOutboxItem[] = [];
  let step = nextStep({
    schedule: input.schedule,
    timeZone: zone,
    after: new Date(input.stepAt.getTime() - 1),
    closures: input.closures,
  });
  for (let i = 0; step && step.at.getTime() <= now && i < MAX_CATCH_UP; i++) {
    const sessionOver = step.start.getTime() + input.schedule.lengthMinutes * 60_000 < now - STALE_AFTER_MS;
    const reminderTooLate = step.kind === 'reminder' && step.start.getTime() <= now;
    if (!sessionOver && !reminderTooLate) {
      items.push({
        workspaceId: input.workspace.id,
        kind: SESSION_STEP,
        key: `${SESSION_STEP}:${input.community.id}:${step.start.toISOString()}:${step.kind}`,
        dueAt: step.at,
        payload: { communityId: input.community.id, start: step.start.toISOString(), kind: step.kind },
      });
    }
    step = nextStep({ schedule: input.schedule, timeZone: zone, after: step.at, closures: input.closures });
  }
  // Far behind (an outage of days): start again from now rather than walk through past weeks.
  if (step && step.at.getTime() <= now)
    step = nextStep({ schedule: input.schedule, timeZone: zone, after: input.now, closures: input.closures });
  return { items, next: step?.at ?? null };
}

/** Runs one scheduled step. A step the facilitator already passed by hand is skipped. */
export async function runScheduledStep(
  deps: SystemDeps,
  input: { communityId: number; start: Date; kind: StepKind },
): Promise<void> {
  const { store } = deps;
  const community = await store.communities.findById(input.communityId);
  if (!community) return;
  const place = await store.workspaces.byId(community.workspaceId);
  if (!place) return;
  const chat = await deps.chatFor(place.platform, place.externalId);
  const scope: SessionScope = {
    deps: { ...deps, chat },
    here: { workspace: place.externalId, channel: community.channelId },
  };
  const open = await store.sessions.findOpen(community.id);
  // A protocol started in the slot keeps its own steps and times; the schedule leaves it alone.
  if (open && input.kind !== 'reminder' && (await store.protocols.find(open.id))) return;
  try {
    await step(input, community, scope, open);
  } catch (error) {
    // A facilitator moved the session on at the same moment: the step is done already.
    if (error instanceof DomainError && error.code === 'SessionMovedOn') return;
    throw error;
  }
}

async function step(
  input: { communityId: number; start: Date; kind: StepKind },
  community: Community,
  scope: SessionScope,
  open: Session | null,
): Promise<void> {
  const { store, now, chat } = scope.deps;
  switch (input.kind) {
    case 'reminder': {
      const when = DateTime.fromJSDate(input.start).setZone(community.timeZone).toFormat('HH:mm');
      await chat.post(scope.here, {
        text: `Reminder: ${community.name} meets tomorrow at ${when}. Bring something that is working in your classroom.`,
      });
      return;
    }
    case 'open': {
      // A session run by hand at the same time takes the automatic one's place.
      const handRun =
        open !== null ||
        (await store.sessions.openedBetween(community.id, new Date(input.start.getTime() - HAND_RUN_WINDOW_MS), now));
      if (handRun) return;
      await openSession(scope, community, { topic: null, openedBy: null, scheduledFor: input.start });
      return;
    }
    case 'reflection':
      if (open?.phase === 'opening') await advance(scope, community, open, 'opening');
      return;
    case 'closing':
      if (open && (open.phase === 'opening' || open.phase === 'reflection'))
        await closeOrFinish(scope, community, open, open.phase);
      return;
    case 'summary':
      if (open) await closeNow(scope, community, open);
      return;
  }
}
