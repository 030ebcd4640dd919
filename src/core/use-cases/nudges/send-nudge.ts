import { describeProgress } from '../../goals/goal.js';
import type { Message } from '../../messages.js';
import type { SystemDeps } from '../../system-deps.js';
import { isAwayNow } from './away-now.js';

/** After this many nudges without an answer, a nudge asks whether the goal still fits. */
const UNANSWERED_BEFORE_ASKING = 3;

/** The planned nudge: one direct message covering every goal due in this slot, still active. */
export async function sendNudge(deps: SystemDeps, input: { memberId: number; goalIds: number[] }): Promise<void> {
  const found = await deps.store.members.withWorkspace(input.memberId);
  if (!found) return;
  const active = await deps.store.goals.listActive(input.memberId);
  const due = active.filter((goal) => input.goalIds.includes(goal.id));
  if (due.length === 0) return;

  const lines = due.map((goal) =>
    goal.unanswered >= UNANSWERED_BEFORE_ASKING
      ? `${goal.number}. ${goal.specific}: it has been a few weeks. Does this goal still fit where you are? Reworking it (\`goal rework ${goal.number}\`) or setting it aside (\`goal drop ${goal.number}\`) are good answers too.`
      : `${goal.number}. ${describeProgress(goal)}`,
  );
  const goalIds = due.map((goal) => goal.id);
  const chat = await deps.chatFor(found.workspace.platform, found.workspace.externalId);
  const to = { workspace: found.workspace.externalId, user: found.member.externalId };
  // Away on holiday or ill: this nudge is skipped, not made up later, and not counted as unanswered.
  if (await isAwayNow(deps, chat, input.memberId, to)) {
    deps.log.info({ memberId: input.memberId }, 'nudge skipped: the person is away');
    return;
  }
  const message: Message = {
    text: `Hello ${found.member.name}, a quick check-in on your goals.`,
    sections: [
      lines.join('\n'),
      'Log your total so far with `progress <n> <total>`, or what to add with `progress <n> +<more>`, or pick an answer below.',
    ],
    buttons: [
      { label: 'Log progress', action: { kind: 'nudge.progress', goalIds }, style: 'primary' },
      { label: 'On track', action: { kind: 'nudge.answer', answer: 'on-track', goalIds } },
      { label: "I'm stuck", action: { kind: 'nudge.answer', answer: 'stuck', goalIds } },
      { label: 'Snooze a week', action: { kind: 'nudge.snooze', goalIds } },
    ],
  };
  await chat.dm(to, message);
  await deps.store.goals.markNudged({ goalIds, at: deps.now });
}
