import type { Context } from '../../context.js';
import { describeProgress } from '../../goals/goal.js';
import { goalNumbered } from './find-goal.js';

const MAX_NOTE = 500;

/** `progress <n> <value> [note]`: the value reached so far on goal n, with an optional note. */
export async function logProgress(ctx: Context, input: { number: number; value: number; note?: string }): Promise<void> {
  const goal = await goalNumbered(ctx, input.number);
  const note = input.note?.trim().slice(0, MAX_NOTE) || null;
  await ctx.deps.store.goals.addUpdate({ goalId: goal.id, value: input.value, note, at: ctx.deps.now });
  await ctx.deps.store.goals.markAnswered(ctx.member.id);
  const updated = { ...goal, previous: goal.latest, latest: input.value };
  const reached = goal.target !== null && input.value >= goal.target;
  await ctx.tellPrivately({
    text: `Logged. ${describeProgress(updated)}`,
    ...(reached ? { sections: [`You reached your target. When it feels done, \`goal achieved ${input.number}\` marks it achieved.`] } : {}),
  });
}
