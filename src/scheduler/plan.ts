import type { Store } from '../core/ports.js';
import { planMemberNudge } from '../core/nudges/plan-nudge.js';
import type { Closure } from '../core/nudges/schedule.js';
import { zoneOf } from '../core/use-cases/nudges/set-nudges.js';
import { planSteps } from '../core/use-cases/schedules/run-step.js';
import { planMidweek } from '../core/use-cases/prompts/midweek.js';
import { LEFT_OPEN_MS, planClosingLeftOpen } from '../core/use-cases/close-left-open.js';
import { planReplays, REPLAY_AFTER_MS, REPLAY_UNTIL_MS } from '../core/use-cases/replay-event.js';
import type { OutboxRepo } from '../db/repositories/outbox.js';
import { planAdminDigest } from '../core/digest/plan-digest.js';

/** How many items of one kind a single tick plans at most; the next tick takes the rest. */
const PLAN_BATCH = 500;

/**
 * The minute tick: asks the core what has become due and writes it to the outbox. Every rule of time
 * lives in the core; each due set is one indexed query. Safe to run on every replica at once: the
 * idempotency keys make a second write of the same work impossible.
 */
export async function planDue(deps: { store: Store; outbox: OutboxRepo; now: Date }): Promise<number> {
  const at = deps.now.getTime();
  const leftOpen = await deps.store.sessions.openedBefore(new Date(at - LEFT_OPEN_MS), PLAN_BATCH);
  const dropped = await deps.store.receipts.unhandled({
    receivedAfter: new Date(at - REPLAY_UNTIL_MS),
    receivedBefore: new Date(at - REPLAY_AFTER_MS),
    limit: PLAN_BATCH,
  });
  const planned = await deps.outbox.enqueue([...planClosingLeftOpen(leftOpen), ...planReplays(dropped)]);
  return (
    planned +
    (await planCommunitySteps(deps.store, deps.outbox, deps.now)) +
    (await planMidweekPrompts(deps.store, deps.outbox, deps.now)) +
    (await planNudges(deps.store, deps.outbox, deps.now)) +
    (await planDigests(deps.store, deps.outbox, deps.now))
  );
}

async function planMidweekPrompts(store: Store, outbox: OutboxRepo, now: Date): Promise<number> {
  let planned = 0;
  for (const due of await store.communities.dueForMidweek(now, PLAN_BATCH)) {
    const plan = planMidweek({ ...due, now, closures: await store.calendar.closures(due.workspace.id) });
    planned += await outbox.enqueue([plan.item]);
    await store.communities.setMidweek(due.community.id, due.slot, plan.next);
  }
  return planned;
}

/** Communities whose scheduled step has come (one indexed query): the step, then the next one. */
async function planCommunitySteps(store: Store, outbox: OutboxRepo, now: Date): Promise<number> {
  let planned = 0;
  for (const { community, schedule, stepAt, workspace } of await store.communities.dueForSteps(now, PLAN_BATCH)) {
    const closures = await store.calendar.closures(workspace.id);
    const plan = planSteps({ community, workspace, schedule, stepAt, now, closures });
    // Written before the step moves on; the idempotency keys keep a re-plan to one run.
    planned += await outbox.enqueue(plan.items);
    await store.communities.setNextStep(community.id, plan.next);
  }
  return planned;
}

/**
 * Members whose nudge slot has come (one indexed query), each planned by the pure core: the nudge if
 * any goal is due, and the next slot written back to the member.
 */
async function planNudges(store: Store, outbox: OutboxRepo, now: Date): Promise<number> {
  const due = await store.members.dueForNudge(now, PLAN_BATCH);
  const closuresOf = new Map<number, Promise<Closure[]>>();
  let planned = 0;
  for (const { member, prefs, slot, workspace } of due) {
    if (!closuresOf.has(workspace.id)) closuresOf.set(workspace.id, store.calendar.closures(workspace.id));
    const [goals, closures] = await Promise.all([store.goals.listActive(member.id), closuresOf.get(workspace.id) ?? []]);
    const plan = planMemberNudge({ memberId: member.id, workspaceId: workspace.id, prefs, timeZone: zoneOf(member, workspace), slot, now, goals, closures });
    // The nudge row is written before the slot moves on: a planner stopping in between plans it again,
    // and the idempotency key keeps that to one send.
    if (plan.item) planned += await outbox.enqueue([plan.item]);
    await store.members.setNextNudge(member.id, plan.next);
  }
  return planned;
}

/**
 * Admins' weekly digests: a new admin's (or, after the digest time changed, every admin's) next send
 * is planned first, then the sends that have come go to the outbox, one key per admin and week.
 */
async function planDigests(store: Store, outbox: OutboxRepo, now: Date): Promise<number> {
  for (const { member, workspace, time } of await store.digests.unplanned(PLAN_BATCH)) {
    const plan = planAdminDigest({ workspaceId: workspace.id, memberId: member.id, time, timeZone: zoneOf(member, workspace), slot: null, now });
    await store.digests.setNextDigest(member.id, plan.next);
  }
  let planned = 0;
  for (const { member, workspace, time, slot } of await store.digests.due(now, PLAN_BATCH)) {
    const plan = planAdminDigest({ workspaceId: workspace.id, memberId: member.id, time, timeZone: zoneOf(member, workspace), slot, now });
    // Written before the send time moves on; the key keeps a re-plan to one digest a week.
    if (plan.item) planned += await outbox.enqueue([plan.item]);
    await store.digests.setNextDigest(member.id, plan.next);
  }
  return planned;
}
