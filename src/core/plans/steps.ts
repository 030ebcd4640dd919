import type { CommunityPlan } from '../ports/communities.js';
import type { Repositories } from '../ports/store.js';
import type { Closure } from '../time/closure.js';
import { nextStep } from '../schedules/schedule.js';
import { replanFrom } from './replan-from.js';

/**
 * Plans a community's next scheduled step afresh from its schedule, zone and the calendar as they
 * are now (the caller read `plan` in this transaction, holding the row). Returns the step's time.
 */
export async function replanSteps(
  repos: Repositories,
  plan: CommunityPlan,
  closures: readonly Closure[],
  now: Date,
): Promise<Date | null> {
  const step = plan.schedule
    ? nextStep({
        schedule: plan.schedule,
        timeZone: plan.community.timeZone,
        after: replanFrom(plan.nextStepAt, now),
        closures,
      })
    : null;
  const next = step?.at ?? null;
  await repos.communities.setNextStep(plan.community.id, plan.nextStepAt, next);
  return next;
}
