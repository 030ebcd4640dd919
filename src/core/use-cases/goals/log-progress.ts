import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { describeProgress, type Goal } from '../../goals/goal.js';
import { cutToUnits } from '../../text/graphemes.js';
import { goalNumbered } from './find-goal.js';

const MAX_NOTE = 500;

/** What a progress entry asks: `set` a total so far, or `add` to (or, negative, take from) the latest. */
export interface ProgressInput {
  number: number;
  value: number;
  mode: 'set' | 'add';
  note?: string;
}

// Sums of decimals such as 0.1 + 0.2 are shown as people would write them.
const tidy = (value: number) => Math.round(value * 10_000) / 10_000;

const ofTarget = (goal: Goal, total: number) => {
  const unit = goal.unit ? ` ${goal.unit}` : '';
  return goal.target === null ? `${total}${unit}` : `${total} of ${goal.target}${unit}`;
};

/**
 * `progress <n> <total>` / `progress <n> +<more>` and the progress form. Every update stores a total,
 * so an increment is added to the latest one; a total is never below zero. The answer says which was
 * understood, so "2 more" typed as `progress 1 2` is noticed at once.
 */
export async function logProgress(ctx: Context, input: ProgressInput): Promise<void> {
  const goal = await goalNumbered(ctx, input.number);
  const before = goal.latest ?? 0;
  const total = tidy(input.mode === 'add' ? before + input.value : input.value);
  if (total < 0) {
    const where = goal.latest === null ? 'no progress is logged on it yet' : `it is at ${goal.latest} now`;
    throw new DomainError(
      'BadGoal',
      `That would take goal ${input.number} below zero: ${where}. What have you done so far? \`progress ${input.number} <total>\` sets it, \`progress ${input.number} +2\` adds two.`,
    );
  }
  const note = input.note ? cutToUnits(input.note.trim(), MAX_NOTE) || null : null;
  await ctx.deps.store.goals.addUpdate({ goalId: goal.id, value: total, note, at: ctx.deps.now });
  await ctx.deps.store.goals.markAnswered(ctx.member.id);
  const sections: string[] = [];
  if (input.mode === 'set' && goal.latest !== null && total < goal.latest) {
    sections.push(
      `That is less than your last total, ${goal.latest}. If you meant ${input.value} more, \`progress ${input.number} ${tidy(goal.latest + input.value)}\` puts it right (next time, \`progress ${input.number} +${input.value}\` adds).`,
    );
  }
  if (goal.target !== null && total >= goal.target) {
    sections.push(`You reached your target. When it feels done, \`goal achieved ${input.number}\` marks it achieved.`);
  }
  // Nothing added, with a note: a next step written down (after "I'm stuck"), kept with the goal.
  if (input.mode === 'add' && input.value === 0 && note) {
    await ctx.tellPrivately({
      text: `Kept with goal ${input.number}: ${note}`,
      sections: [`Your total stays at ${ofTarget(goal, total)}. Good luck with it this week.`],
    });
    return;
  }
  const change = input.value < 0 ? `Took back ${-input.value}` : `Added ${input.value}`;
  const text =
    input.mode === 'add' ? `${change}: now ${ofTarget(goal, total)}.` : `Now ${ofTarget(goal, total)} (your total).`;
  const updated = { ...goal, previous: goal.latest, latest: total };
  await ctx.tellPrivately({ text: `${text} ${describeProgress(updated)}`, ...(sections.length ? { sections } : {}) });
}
