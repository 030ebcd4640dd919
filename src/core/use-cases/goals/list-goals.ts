import type { Context } from '../../context.js';
import { describeProgress, ENDING_WORDS } from '../../goals/goal.js';

const RECENTLY_ENDED = 3;

/** `goals`: active goals, numbered, with progress and trend; then the latest that ended, in kind words. */
export async function listGoals(ctx: Context): Promise<void> {
  const [active, ended] = await Promise.all([
    ctx.deps.store.goals.listActive(ctx.member.id),
    ctx.deps.store.goals.listEnded(ctx.member.id, RECENTLY_ENDED),
  ]);
  const sections = [
    active.length ? active.map((goal, index) => `${index + 1}. ${describeProgress(goal)}`).join('\n') : 'No goals going right now. `goal` sets one up.',
    ...(ended.length
      ? [['Lately', ...ended.map((goal) => `• ${goal.specific}: ${goal.status === 'active' ? '' : ENDING_WORDS[goal.status]}`)].join('\n')]
      : []),
  ];
  await ctx.tellPrivately({ text: 'Your goals', sections });
}
