import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { scheduleNextNudge } from './set-nudges.js';
import { shorten } from '../../text/graphemes.js';

const WEEK_MS = 7 * 86_400_000;

async function ownGoals(ctx: Context, goalIds: number[]): Promise<number[]> {
  const mine = new Set((await ctx.deps.store.goals.listActive(ctx.member.id)).map((goal) => goal.id));
  const own = goalIds.filter((id) => mine.has(id));
  if (own.length === 0)
    throw new DomainError('NoSuchGoal', 'Those goals are not active any more, so there is nothing to answer.');
  return own;
}

/**
 * The nudge's buttons: on track, stuck, or a week's snooze. Stuck asks an open question and gives a
 * place to answer it: a button opens a form whose note keeps the next step with the goal.
 */
export async function answerNudge(ctx: Context, answer: 'on-track' | 'stuck', goalIds: number[]): Promise<void> {
  const own = await ownGoals(ctx, goalIds);
  await ctx.deps.store.goals.markAnswered(ctx.member.id);
  await ctx.tellPrivately(
    answer === 'on-track'
      ? { text: 'Good to hear. Keep noticing what is working, and log a number when you have one.' }
      : {
          text: 'Being stuck is part of it. What is one thing you could do this week to move this forward?',
          sections: [
            'Write it down with the button below (or `progress <n> +0 <your next step>`), and I keep it with your goal. Your community can help too: bring it to the next session. And reworking a goal is always fine (`goal rework <n>`).',
          ],
          buttons: [
            {
              label: 'Write my next step',
              action: { kind: 'nudge.progress', goalIds: own, step: true },
              style: 'primary',
            },
          ],
        },
  );
}

/**
 * "Log progress": a small form, the goal preselected when the nudge was about one. `step`: after
 * "I'm stuck", it asks for the next step, with the total left as it is (+0).
 */
export async function openProgressForm(ctx: Context, goalIds: number[], step = false): Promise<void> {
  const own = await ownGoals(ctx, goalIds);
  const active = await ctx.deps.store.goals.listActive(ctx.member.id);
  const options = active.map((goal) => ({
    value: String(goal.number),
    label: shorten(`${goal.number}. ${goal.specific}`, 75),
  }));
  const first = active.find((goal) => goal.id === own[0])?.number ?? active[0]?.number;
  const trigger = ctx.incoming.trigger ? { trigger: ctx.incoming.trigger } : {};
  await ctx.deps.chat.openForm(
    { ...ctx.here, user: ctx.incoming.user.externalId, ...trigger },
    {
      kind: 'progress',
      title: step ? 'My next step' : 'Log progress',
      // The choices are the titles of their goals.
      showsTheirOwn: true,
      submitLabel: step ? 'Keep it' : 'Log',
      fields: [
        { kind: 'select', name: 'goal', label: 'Which goal?', options, initial: String(first || 1) },
        step
          ? {
              kind: 'text',
              name: 'value',
              label: 'Anything to add to your total? (+0 leaves it as it is)',
              maxLength: 12,
              initial: '+0',
            }
          : { kind: 'text', name: 'value', label: 'Your total so far (14), or what to add (+3)', maxLength: 12 },
        step
          ? { kind: 'text', name: 'note', label: 'One thing you could do this week', maxLength: 500 }
          : { kind: 'text', name: 'note', label: 'A note, if you like', optional: true, maxLength: 500 },
      ],
      context: {},
    },
  );
}

export async function snoozeFromNudge(ctx: Context, goalIds: number[]): Promise<void> {
  const own = await ownGoals(ctx, goalIds);
  await ctx.deps.store.transaction(async (repos) => {
    await repos.goals.snooze({
      goalIds: own,
      memberId: ctx.member.id,
      until: new Date(ctx.deps.now.getTime() + WEEK_MS),
    });
    await repos.goals.markAnswered(ctx.member.id);
    await scheduleNextNudge(repos, ctx.member, ctx.workspace, ctx.deps.now);
  });
  await ctx.tellPrivately({ text: 'Snoozed for a week. I will check in after that.' });
}
