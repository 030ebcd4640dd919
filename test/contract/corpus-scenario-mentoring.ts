import { sendFollowUp } from '../../src/core/mentoring/sends.js';
import type { Life } from './corpus-life.js';

// Mentors named and asked: an ask offered, passed, taken, followed up and escalated.

export async function mentoringSteps(life: Life): Promise<void> {
  const { database, store, bot, label, text, take, people } = life;
  // Mentoring: naming (topics at their longest), the welcome, the list, an ask at its longest with
  // the form, the offer and its buttons, a pass, a take and its introduction, the follow-up and its
  // form, and an ask no mentor could take, offered to a facilitator.
  await bot.as('teacher5').say('help');
  await bot.as('teacher6').say('help');
  for (const who of ['teacher5', 'teacher6']) {
    await bot.as('ana', 'D-ana').say(`mentor add <@${who}|${who}> ${text(40)}, ${text(40)}`);
    take(`mentor-add-${who}`);
  }
  await people[7]?.say('mentors');
  take('mentors');
  await people[7]?.say('ask', { trigger: 'trigger-3' });
  take('ask-form');
  await people[7]?.submit({
    kind: 'ask',
    context: {},
    values: { text: text(1000), when: text(200), urgency: 'this-week' },
  });
  const waitingMentor = async () => {
    const offer = await database.db
      .selectFrom('ask_offers')
      .innerJoin('members', 'members.id', 'ask_offers.mentor_id')
      .select('members.external_id')
      .where('ask_offers.answer', 'is', null)
      .orderBy('ask_offers.id', 'desc')
      .executeTakeFirst();
    return offer?.external_id ?? '';
  };
  const offerButton = (user: string, kind: string) =>
    bot.chat.sent
      .flatMap((s) => (s.kind === 'dm' && s.to.user === user ? (s.message.buttons ?? []) : []))
      .find((b) => b.action.kind === kind);
  const first = await waitingMentor();
  const pass = offerButton(first, 'ask.pass');
  take('ask-offer');
  if (!pass) throw new Error(`${label}: the ask was offered to nobody`);
  await bot.as(first, `D-${first}`).press(pass.action);
  const second = await waitingMentor();
  const help = offerButton(second, 'ask.help');
  take('ask-passed');
  if (!help) throw new Error(`${label}: the pass offered the ask to nobody`);
  await bot.as(second, `D-${second}`).press(help.action);
  take('ask-taken');
  const ask = await database.db.selectFrom('asks').select('id').orderBy('id', 'desc').executeTakeFirst();
  if (ask) await sendFollowUp({ store, chat: bot.chat }, 'T1', ask.id);
  const answer = bot.chat.sent.flatMap((s) => (s.kind === 'dm' ? (s.message.buttons ?? []) : []))[0];
  take('ask-follow-up');
  if (answer) await people[7]?.press(answer.action, { trigger: 'trigger-4' });
  take('ask-follow-up-form');
  await people[8]?.say(`ask ${text(1000)}`);
  // Passed by every mentor who can take it (the one who took the first ask has a full week now).
  for (let round = 0; (await waitingMentor()) && round < 2; round++) {
    const mentor = await waitingMentor();
    const offer = offerButton(mentor, 'ask.pass');
    take(round === 0 ? 'ask-escalated' : `ask-escalating-${round}`);
    if (offer) await bot.as(mentor, `D-${mentor}`).press(offer.action);
  }
  const toLeader = bot.chat.sent.find(
    (s) => s.kind === 'dm' && s.message.buttons?.some((b) => b.action.kind === 'ask.take'),
  );
  take('ask-unanswered');
  if (toLeader?.kind !== 'dm' || !toLeader.message.buttons?.[0])
    throw new Error(`${label}: no facilitator was offered the ask`);
  await bot.as(toLeader.to.user, `D-${toLeader.to.user}`).press(toLeader.message.buttons[0].action);
  take('ask-reached-out');
}
