import type { GoalOutcome } from '../../commands/command.js';
import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { scheduleNextNudge } from '../nudges/set-nudges.js';
import { goalNumbered } from './find-goal.js';
import { reworkGoal } from './set-goal.js';

/** `goal achieved|drop|rework <n>`: every ending is a normal one, and the words say so. */
export async function endGoal(ctx: Context, outcome: GoalOutcome, number: number): Promise<void> {
  if (outcome === 'rework') return reworkGoal(ctx, number);
  const { store, chat, now } = ctx.deps;
  const goal = await goalNumbered(ctx, number);
  const status = outcome === 'achieved' ? 'achieved' : 'dropped';
  const ended = await store.transaction(async (repos) => {
    if (!(await repos.goals.end({ goalId: goal.id, memberId: ctx.member.id, status, at: now }))) return false;
    await scheduleNextNudge(repos, ctx.member, ctx.workspace, now);
    return true;
  });
  if (!ended) throw new DomainError('NoSuchGoal', 'That goal has ended already.');
  // A slip of the finger is put right with one press (or `undo`) for a day.
  const undo = { buttons: [{ label: 'Undo', action: { kind: 'goal.undo' as const, goalId: goal.id } }] };
  if (status === 'dropped') {
    await ctx.tellPrivately({
      text: `Set aside: goal ${goal.number}, "${goal.specific}". Letting go of a goal that no longer fits is part of the process.`,
      ...undo,
    });
    return;
  }
  await ctx.tellPrivately({
    text: `Achieved: goal ${goal.number}, "${goal.specific}". Well done; take a moment to notice what made it work.`,
    ...undo,
  });
  // Shared with the community only when the teacher asked for it, for this goal.
  if (goal.celebrate && goal.communityId !== null) {
    const community = await store.communities.find(ctx.workspace.id, goal.communityId);
    if (community)
      await chat.post(
        { workspace: ctx.here.workspace, channel: community.channelId },
        { text: `${ctx.member.name} reached a goal: "${goal.specific}". Congratulations!` },
      );
  }
}
