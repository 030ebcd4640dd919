import type { Context } from '../../context.js';
import { describeProgress, ENDING_WORDS, type Goal } from '../../goals/goal.js';

const RECENTLY_ENDED = 3;
const ALL_ENDED = 100;

const ended = (goal: Goal) => `${goal.number}. ${goal.specific}: ${goal.status === 'active' ? '' : ENDING_WORDS[goal.status]}`;

/**
 * `goals`: active goals under their own numbers, with progress and trend; then the latest that ended,
 * in kind words (`goals all`: every one that ended). Numbers are the goal's for life, so they may skip.
 */
export async function listGoals(ctx: Context, all = false): Promise<void> {
  const [active, done] = await Promise.all([
    ctx.deps.store.goals.listActive(ctx.member.id),
    ctx.deps.store.goals.listEnded(ctx.member.id, all ? ALL_ENDED : RECENTLY_ENDED),
  ]);
  const sections = [
    active.length ? active.map((goal) => `${goal.number}. ${describeProgress(goal)}`).join('\n') : 'No goals going right now. `goal` sets one up.',
    ...(done.length ? [[all ? 'Ended' : 'Lately', ...done.map(ended)].join('\n')] : []),
    ...(!all && done.length === RECENTLY_ENDED ? ['`goals all` shows every goal that ended.'] : []),
  ];
  await ctx.tellPrivately({ text: 'Your goals', sections });
}
