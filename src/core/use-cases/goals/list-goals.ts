import type { Context } from '../../context.js';
import { describeProgress, ENDING_WORDS, type Goal } from '../../goals/goal.js';

const RECENTLY_ENDED = 3;
const ALL_ENDED = 100;

const ended = (goal: Goal) =>
  `${goal.number}. ${goal.specific}: ${goal.status === 'active' ? '' : ENDING_WORDS[goal.status]}`;

/**
 * With none going, someone who has ended goals hears that they have none *going*, not none at all,
 * and where the ended ones are.
 */
export function noneGoing(endedAny: boolean, options: { all?: boolean; lead?: string } = {}): string {
  const lead = options.lead ?? 'No goals going right now';
  if (!endedAny) return `${lead}. \`goal\` sets one up.`;
  const where = options.all ? 'all listed below' : '`goals all` lists every one';
  return `${lead}; the ones you set have ended (${where}). \`goal\` sets a new one up.`;
}

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
    active.length
      ? active.map((goal) => `${goal.number}. ${describeProgress(goal)}`).join('\n')
      : noneGoing(done.length > 0, { all }),
    ...(done.length ? [[all ? 'Ended' : 'Lately', ...done.map(ended)].join('\n')] : []),
    ...(active.length && !all && done.length === RECENTLY_ENDED ? ['`goals all` shows every goal that ended.'] : []),
  ];
  await ctx.tellPrivately({ text: 'Your goals', sections });
}
