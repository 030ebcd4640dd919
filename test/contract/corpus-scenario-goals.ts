import type { Button } from '../../src/core/messages.js';
import { sendNudge } from '../../src/core/use-cases/nudges/send-nudge.js';
import { silentLog } from '../helpers/driver.js';
import { storedMembers } from '../helpers/stored-rows.js';
import { type Life, monday } from './corpus-life.js';

// A goal from its form and coaching to its nudge, every field as long as it may be.

export async function goalSteps(life: Life): Promise<void> {
  const { database, store, bot, label, text, take, ana } = life;
  await ana.say('goal');
  take('goal-form');
  const draft = {
    specific: text(200),
    measure: `10 ${text(190)}`,
    firstStep: text(200),
    relevance: text(300),
    dueOn: '2026-05-29',
    cadence: 'biweekly',
    celebrate: true,
  };
  await ana.submit({ kind: 'goal', context: {}, values: draft });
  take('goal-submit');
  // A vague goal draws the coaching questions, whose buttons carry the whole draft.
  await ana.submit({ kind: 'goal', context: {}, values: { ...draft, measure: text(200) } });
  const coaching = bot.chat.sent.flatMap((s) => ('message' in s && s.message.buttons ? s.message.buttons : []));
  take('goal-coaching');
  for (const button of coaching) {
    await ana.press(button.action);
    take(`goal-${button.action.kind}`);
  }
  await ana.say('goals');
  take('goals');
  await ana.say(`progress 1 4 ${text(400)}`);
  take('progress');

  const member = (await storedMembers(database)).find((m) => m.externalId === 'ana');
  const goalIds = (
    await database.db
      .selectFrom('goals')
      .select('id')
      .where('member_id', '=', member?.id ?? 0)
      .orderBy('id')
      .execute()
  ).map((g) => g.id);
  await sendNudge(
    { store, now: monday, log: silentLog, chatFor: async () => bot.chat },
    { memberId: member?.id ?? 0, goalIds },
  );
  const nudge = bot.chat.sent.flatMap((s) => ('message' in s && s.message.buttons ? s.message.buttons : []));
  take('nudge');
  let step: Button | undefined;
  for (const button of nudge) {
    await ana.press(button.action, { trigger: 'trigger-1' });
    // "I'm stuck" offers a form for the next step.
    step ??= bot.chat.sent
      .flatMap((s) => ('message' in s && s.message.buttons ? s.message.buttons : []))
      .find((b) => b.label === 'Write my next step');
    take(`nudge-${button.action.kind}`);
  }
  if (nudge.length && !step) throw new Error(`${label}: "I'm stuck" offered no way to answer`);
  if (step) {
    await ana.press(step.action, { trigger: 'trigger-2' });
    take('nudge-next-step');
  }
}
