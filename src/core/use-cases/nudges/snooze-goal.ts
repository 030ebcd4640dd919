import type { Context } from '../../context.js';
import { goalNumbered } from '../goals/find-goal.js';

const DAY_MS = 86_400_000;

/** `snooze <n> <days>`: no nudges about goal n for a while; answering counts as an answer. */
export async function snoozeGoal(ctx: Context, number: number, days: number): Promise<void> {
  const goal = await goalNumbered(ctx, number);
  const until = new Date(ctx.deps.now.getTime() + days * DAY_MS);
  await ctx.deps.store.goals.snooze({ goalIds: [goal.id], memberId: ctx.member.id, until });
  await ctx.deps.store.goals.markAnswered(ctx.member.id);
  await ctx.tellPrivately({ text: `Snoozed "${goal.specific}" for ${days} ${days === 1 ? 'day' : 'days'}. It will be waiting for you.` });
}
