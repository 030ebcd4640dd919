import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { MAX_ACTIVE_GOALS } from '../../goals/goal.js';
import { scheduleNextNudge } from '../nudges/set-nudges.js';

/** How long an ending can be taken back: a slip is noticed the same day, a change of heart is a new goal. */
export const UNDO_FOR_MS = 24 * 3_600_000;

/**
 * `undo`, or the Undo button under an ending: the goal is going again, under its own number, with
 * its progress and its nudges. A rework is not undone here: its new goal may already be under way.
 */
export async function undoEnding(ctx: Context, goalId?: number): Promise<void> {
  const { store, now } = ctx.deps;
  const since = new Date(now.getTime() - UNDO_FOR_MS);
  const reopened = await store.transaction(async (repos) => {
    const goal = await repos.goals.reopen({
      memberId: ctx.member.id,
      ...(goalId ? { goalId } : {}),
      since,
      cap: MAX_ACTIVE_GOALS,
    });
    if (goal && goal !== 'too-many') await scheduleNextNudge(repos, ctx.member, ctx.workspace, now);
    return goal;
  });
  if (reopened === 'too-many') {
    throw new DomainError(
      'TooManyGoals',
      `You have ${MAX_ACTIVE_GOALS} goals going already, so that one stays ended. Set one aside first if you would rather keep going with it.`,
    );
  }
  if (!reopened) {
    throw new DomainError(
      'NoSuchGoal',
      goalId
        ? 'That goal is going already, or it ended more than a day ago, so nothing changed.'
        : 'There is no goal you ended in the last day to bring back.',
    );
  }
  await ctx.tellPrivately({
    text: `Back on: goal ${reopened.number}, "${reopened.specific}", with its progress and its nudges.`,
  });
}
