import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { ENDING_WORDS, type Goal } from '../../goals/goal.js';
import { noneGoing } from './list-goals.js';

/**
 * Goals are named by the number they were given when set. It never changes, and an ended goal keeps
 * its own, so `goal drop 1` typed twice sets aside one goal and then says so.
 */
export async function goalNumbered(ctx: Context, number: number): Promise<Goal> {
  const goal = await ctx.deps.store.goals.findNumbered(ctx.member.id, number);
  if (goal?.status === 'active') return goal;
  if (goal) {
    throw new DomainError(
      'NoSuchGoal',
      `Goal ${number}, "${goal.specific}", is ${ENDING_WORDS[goal.status]} already, so nothing changed. \`goals\` lists the ones going now.`,
    );
  }
  const active = await ctx.deps.store.goals.listActive(ctx.member.id);
  throw new DomainError(
    'NoSuchGoal',
    active.length
      ? `You have no goal ${number}. ${active.length === 1 ? 'Your goal going now is' : 'Your goals going now are'} ${listNumbers(active.map((g) => g.number))}; \`goals\` shows them.`
      : noneGoing((await ctx.deps.store.goals.listEnded(ctx.member.id, 1)).length > 0, {
          lead: 'You have no goals going right now',
        }),
  );
}

/** "2", "2 and 5", "2, 4 and 5". */
function listNumbers(numbers: number[]): string {
  const words = numbers.map(String);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
