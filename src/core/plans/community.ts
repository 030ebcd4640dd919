import type { Workspace } from '../model.js';
import type { CommunityPlan } from '../ports/communities.js';
import type { Repositories } from '../ports/store.js';
import type { Closure } from '../time/closure.js';
import { planMidweek } from '../use-cases/prompts/midweek.js';
import { replanFrom } from './replan-from.js';
import { replanSteps } from './steps.js';
import { nextRound } from '../pairing/schedule.js';

/**
 * Plans a community's next scheduled step, mid-week prompt and pairing round afresh, from its zone, schedule
 * and the calendar as they are now, in the caller's transaction: the row is locked first, so the
 * planner, writing with compare-and-set on what it read before, cannot put back an older plan.
 */
export async function replanCommunity(
  repos: Repositories,
  input: { communityId: number; workspace: Workspace; now: Date; closures?: readonly Closure[] },
): Promise<CommunityPlan | null> {
  const plan = await repos.communities.plan(input.communityId);
  if (!plan) return null;
  const closures = input.closures ?? (await repos.calendar.closures(plan.community.workspaceId));
  const nextStepAt = await replanSteps(repos, plan, closures, input.now);
  let nextMidweekAt: Date | null = null;
  if (plan.midweek) {
    // The tick's own rule for the prompt after a given instant; its outbox item is not wanted here.
    const after = replanFrom(plan.nextMidweekAt, input.now);
    nextMidweekAt = planMidweek({
      community: plan.community,
      workspace: input.workspace,
      slot: plan.midweek,
      at: after,
      now: after,
      closures,
    }).next;
  }
  await repos.communities.setNextMidweek(plan.community.id, plan.nextMidweekAt, nextMidweekAt);
  // Pairing rounds move with the calendar and the zone too.
  const pairs = await repos.pairing.settings(plan.community.id);
  if (pairs.settings) {
    const next = nextRound({
      settings: pairs.settings,
      timeZone: plan.community.timeZone,
      after: replanFrom(pairs.nextAt, input.now),
      closures,
    });
    await repos.pairing.setNextRound(plan.community.id, pairs.nextAt, next);
  }
  return { ...plan, nextStepAt, nextMidweekAt };
}
