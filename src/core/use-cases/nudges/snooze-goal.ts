import type { Context } from '../../context.js';
import { goalNumbered } from '../goals/find-goal.js';
import { scheduleNextNudge } from './set-nudges.js';

const DAY_MS = 86_400_000;

/** `snooze <n> <days>`: no nudges about goal n for a while; answering counts as an answer. */
export async function snoozeGoal(ctx: Context, number: number, days: number): Promise<void> {
  const goal = await goalNumbered(ctx, number);
  const until = new Date(ctx.deps.now.getTime() + days * DAY_MS);
  // A slot whose goals are all snoozed is passed over: the plan moves with the snooze.
  await ctx.deps.store.transaction(async (repos) => {
    await repos.goals.snooze({ goalIds: [goal.id], memberId: ctx.member.id, until });
    await repos.goals.markAnswered(ctx.member.id);
    await scheduleNextNudge(repos, ctx.member, ctx.workspace, ctx.deps.now);
  });
  await ctx.tellPrivately({
    text: `Snoozed "${goal.specific}" for ${days} ${days === 1 ? 'day' : 'days'}. It will be waiting for you.`,
  });
}
