import type { Repositories, Store } from '../core/ports/store.js';
import type { NewOutboxItem } from '../core/outbox.js';
import { planMemberNudge } from '../core/nudges/plan-nudge.js';
import { spreadOffsetMs } from '../core/nudges/spread.js';
import { sendsPerSecond } from './pacer.js';
import { createWorkQueue } from '../work-queue.js';
import type { Closure } from '../core/time/closure.js';
import { zoneOf } from '../core/time/zone-of.js';
import { planSteps } from '../core/use-cases/schedules/run-step.js';
import { planMidweek } from '../core/use-cases/prompts/midweek.js';
import { LEFT_OPEN_MS, planClosingLeftOpen } from '../core/use-cases/close-left-open.js';
import { planReplays, REPLAY_AFTER_MS, REPLAY_UNTIL_MS } from '../core/use-cases/replay-event.js';
import { planAdminDigest } from '../core/digest/plan-digest.js';
import { nextRound } from '../core/pairing/schedule.js';
import { roundItem } from '../core/pairing/sends.js';
import { termWork } from '../core/use-cases/mentoring/term-work.js';

/** How many items of one kind a single tick plans at most; the next tick takes the rest. */
const PLAN_BATCH = 500;

/** Nudges are planned batch after batch within one tick, up to this many batches (50,000 members). */
const MAX_NUDGE_BATCHES = 100;

/** Members planned at once: fewer than the pool's connections, so deliveries and answers still get some. */
const PLAN_CONCURRENCY = 4;

/** Which planned time a write moves: a community's next step or mid-week prompt, a member's nudge or digest. */
export type PlannedTime =
  | { kind: 'step' | 'midweek' | 'pairs'; communityId: number }
  | { kind: 'nudge' | 'digest'; memberId: number }
  | { kind: 'rotation'; workspaceId: number };

export interface PlanHooks {
  /**
   * Called after a due time was read and its plan computed, before the plan is written. Tests hold
   * the planner here to let a person's change in between, as a slow replica would.
   */
  beforeWrite?: (what: PlannedTime) => Promise<void>;
}

export interface PlanDeps {
  store: Store;
  now: Date;
  hooks?: PlanHooks;
}

/**
 * The minute tick: asks the core what has become due and writes it to the outbox. Every rule of time
 * lives in the core; each due set is one indexed query. Safe to run on every replica at once, and
 * beside people changing their plans: each planned time moves by compare-and-set on the value read,
 * in one transaction with the outbox items it implies, so a replica that lost the race, or a plan a
 * person changed meanwhile, leaves neither a stale time nor stale work behind.
 */
export async function planDue(deps: PlanDeps): Promise<number> {
  const at = deps.now.getTime();
  const leftOpen = await deps.store.sessions.openedBefore(new Date(at - LEFT_OPEN_MS), PLAN_BATCH);
  const dropped = await deps.store.receipts.unhandled({
    receivedAfter: new Date(at - REPLAY_UNTIL_MS),
    receivedBefore: new Date(at - REPLAY_AFTER_MS),
    limit: PLAN_BATCH,
  });
  const planned = await deps.store.outbox.enqueue([...planClosingLeftOpen(leftOpen), ...planReplays(dropped)]);
  return (
    planned +
    (await planCommunitySteps(deps)) +
    (await planMidweekPrompts(deps)) +
    (await planPairRounds(deps)) +
    (await planMentorTerms(deps)) +
    (await planNudges(deps)) +
    (await planDigests(deps))
  );
}

/**
 * Moves one planned time from `expected` to the next and writes its items, together or not at all:
 * when the time no longer holds what was read (a person re-planned it, or another replica took it),
 * nothing is written. Returns how many items were new.
 */
async function writePlan(
  deps: PlanDeps,
  what: PlannedTime,
  move: (repos: Repositories) => Promise<boolean>,
  items: readonly NewOutboxItem[],
): Promise<number> {
  await deps.hooks?.beforeWrite?.(what);
  return deps.store.transaction(async (repos) => ((await move(repos)) ? repos.outbox.enqueue(items) : 0));
}

async function planMidweekPrompts(deps: PlanDeps): Promise<number> {
  const { store, now } = deps;
  let planned = 0;
  for (const due of await store.communities.dueForMidweek(now, PLAN_BATCH)) {
    const plan = planMidweek({ ...due, now, closures: await store.calendar.closures(due.workspace.id) });
    const id = due.community.id;
    planned += await writePlan(
      deps,
      { kind: 'midweek', communityId: id },
      (repos) => repos.communities.setNextMidweek(id, due.at, plan.next),
      [plan.item],
    );
  }
  return planned;
}

/** Circles whose pairing round has come (one indexed query): the round, then the next one. */
async function planPairRounds(deps: PlanDeps): Promise<number> {
  const { store, now } = deps;
  let planned = 0;
  for (const { community, settings, at, workspace } of await store.pairing.dueForRounds(now, PLAN_BATCH)) {
    const next = nextRound({
      settings,
      timeZone: community.timeZone,
      after: at,
      closures: await store.calendar.closures(workspace.id),
    });
    const id = community.id;
    planned += await writePlan(
      deps,
      { kind: 'pairs', communityId: id },
      (repos) => repos.pairing.setNextRound(id, at, next),
      [roundItem(community, at)],
    );
  }
  return planned;
}

/**
 * Mentor terms that need a look (one small query): the admins' notice a month before the end, the
 * changeover at the end, or only the time to look next. Each is written under the term's version
 * with the messages it implies, so a replica that lost the race, or an admin's change meanwhile,
 * leaves nothing behind.
 */
async function planMentorTerms(deps: PlanDeps): Promise<number> {
  const { store, now } = deps;
  let planned = 0;
  for (const { workspace, state } of await store.rotation.due(now, PLAN_BATCH)) {
    const work = termWork({ workspace, state, closures: await store.calendar.closures(workspace.id), now });
    await deps.hooks?.beforeWrite?.({ kind: 'rotation', workspaceId: workspace.id });
    planned += await store.transaction(async (repos) => {
      const items = await work.apply(repos);
      return items ? repos.outbox.enqueue(items) : 0;
    });
  }
  return planned;
}

/** Communities whose scheduled step has come (one indexed query): the step, then the next one. */
async function planCommunitySteps(deps: PlanDeps): Promise<number> {
  const { store, now } = deps;
  let planned = 0;
  for (const { community, schedule, stepAt, workspace } of await store.communities.dueForSteps(now, PLAN_BATCH)) {
    const closures = await store.calendar.closures(workspace.id);
    const plan = planSteps({ community, workspace, schedule, stepAt, now, closures });
    const id = community.id;
    planned += await writePlan(
      deps,
      { kind: 'step', communityId: id },
      (repos) => repos.communities.setNextStep(id, stepAt, plan.next),
      plan.items,
    );
  }
  return planned;
}

/**
 * Members whose nudge slot has come (one indexed query), each planned by the pure core: the nudge if
 * any goal is due, and the next slot written back to the member. A district puts thousands on one
 * slot, so batches are taken until none is left (each planned member leaves the due set), and each
 * nudge is given its place in the slot's first minutes at the rate its platform takes messages.
 */
async function planNudges(deps: PlanDeps): Promise<number> {
  const { store, now } = deps;
  const sameSlot = new Map(
    (await store.members.dueSlotCounts(now)).map((row) => [`${row.workspaceId}@${row.slot.getTime()}`, row.count]),
  );
  const closuresOf = new Map<number, Promise<Closure[]>>();
  let planned = 0;
  // Each member's plan is a few round trips to the database: several at once, each still its own
  // compare-and-set, so the order they finish in changes nothing.
  const queue = createWorkQueue(PLAN_CONCURRENCY);
  for (let batch = 0; batch < MAX_NUDGE_BATCHES; batch++) {
    const due = await store.members.dueForNudge(now, PLAN_BATCH);
    const counts = await Promise.all(
      due.map(({ member, prefs, slot, workspace }) =>
        queue.run(async () => {
          if (!closuresOf.has(workspace.id)) closuresOf.set(workspace.id, store.calendar.closures(workspace.id));
          const [goals, closures] = await Promise.all([
            store.goals.listActive(member.id),
            closuresOf.get(workspace.id) ?? [],
          ]);
          const offsetMs = spreadOffsetMs({
            memberId: member.id,
            slot,
            sameSlot: sameSlot.get(`${workspace.id}@${slot.getTime()}`) ?? 1,
            perSecond: sendsPerSecond(workspace.platform),
          });
          const plan = planMemberNudge({
            memberId: member.id,
            workspaceId: workspace.id,
            prefs,
            timeZone: zoneOf(member, workspace),
            slot,
            now,
            goals,
            closures,
            offsetMs,
          });
          const id = member.id;
          return writePlan(
            deps,
            { kind: 'nudge', memberId: id },
            (repos) => repos.members.setNextNudge(id, slot, plan.next),
            plan.item ? [plan.item] : [],
          );
        }),
      ),
    );
    planned += counts.reduce((sum, n) => sum + n, 0);
    if (due.length < PLAN_BATCH) break;
  }
  return planned;
}

/**
 * Admins' weekly digests: a new admin's next send is planned first, then the sends that have come go
 * to the outbox, one key per admin and week.
 */
async function planDigests(deps: PlanDeps): Promise<number> {
  const { store, now } = deps;
  for (const { member, workspace, time } of await store.digests.unplanned(PLAN_BATCH)) {
    const plan = planAdminDigest({
      workspaceId: workspace.id,
      memberId: member.id,
      time,
      timeZone: zoneOf(member, workspace),
      slot: null,
      now,
    });
    await writePlan(
      deps,
      { kind: 'digest', memberId: member.id },
      (repos) => repos.digests.setNextDigest(member.id, null, plan.next),
      [],
    );
  }
  let planned = 0;
  for (const { member, workspace, time, slot } of await store.digests.due(now, PLAN_BATCH)) {
    const plan = planAdminDigest({
      workspaceId: workspace.id,
      memberId: member.id,
      time,
      timeZone: zoneOf(member, workspace),
      slot,
      now,
    });
    const items = plan.item ? [plan.item] : [];
    planned += await writePlan(
      deps,
      { kind: 'digest', memberId: member.id },
      (repos) => repos.digests.setNextDigest(member.id, slot, plan.next),
      items,
    );
  }
  return planned;
}
