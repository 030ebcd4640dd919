import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { Goal } from '../../goals/goal.js';

/** Goals are named by the number `goals` shows: the member's active goals, oldest first. */
export async function goalNumbered(ctx: Context, number: number): Promise<Goal> {
  const active = await ctx.deps.store.goals.listActive(ctx.member.id);
  const goal = active[number - 1];
  if (goal) return goal;
  throw new DomainError(
    'NoSuchGoal',
    active.length ? `You have no goal ${number}; \`goals\` lists yours, numbered 1 to ${active.length}.` : 'You have no goals yet. `goal` sets one up.',
  );
}
