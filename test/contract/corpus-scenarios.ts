import { BUILT_IN_PROMPTS } from '../../src/core/prompts/library.js';
import type { Button } from '../../src/core/messages.js';
import { MAX_ANSWER_LENGTH } from '../../src/core/session-messages.js';
import { sendNudge } from '../../src/core/use-cases/nudges/send-nudge.js';
import { sendFollowUp } from '../../src/core/mentoring/sends.js';
import { deliverVisitItem, VISIT_NOTICING, VISIT_REMINDER } from '../../src/core/visits/sends.js';
import { MAX_FOCUS_LENGTH, MAX_NOTE_LENGTH } from '../../src/core/visits/visit.js';
import { createDriver, silentLog } from '../helpers/driver.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { storedMembers, storedSessions, waitingOutbox } from '../helpers/stored-rows.js';
import { toItem, type CoreItem } from './corpus-items.js';

// One community's life per text, driven through the core over the real Store as an adapter drives it:
// what the bot sent at each step, as core items.

const monday = new Date('2026-03-02T15:00:00Z');
/** Answers as long as the core takes them. */
export const LONGEST = MAX_ANSWER_LENGTH;
export const PEOPLE = 12;

/** One community's life, every field written with `text`: what the bot sent, step by step. */
export async function scenario(
  database: OpenDatabase,
  label: string,
  text: (max: number) => string,
): Promise<CoreItem[]> {
  const store = createStore(database.db);
  const bot = createDriver(store, { now: monday });
  const items: CoreItem[] = [];
  const steps = new Map<string, number>();
  const take = (step: string) => {
    // A step taken twice (two answers to a nudge) gets its own name each time.
    const seen = steps.get(step) ?? 0;
    steps.set(step, seen + 1);
    const named = seen ? `${step}-${seen + 1}` : step;
    bot.chat.take().forEach((sent, index) => items.push(toItem(`${label}/${named}/${index}`, sent)));
  };
  const ana = bot.as('ana');
  const people = Array.from({ length: PEOPLE }, (_, i) => bot.as(`teacher${i + 1}`));

  await ana.say(`setup ${text(80)}`);
  take('setup');
  await ana.say(`start ${text(200)}`);
  take('start');
  // The Home page while a session is open has a button named after the community.
  await bot.as('ana', 'D-ana').home();
  take('home-open');
  await ana.say(`prompt add ${text(300)}?`);
  take('prompt-add');
  for (const [i, person] of people.entries()) await person.reply(text(i % 2 ? LONGEST : 300), `m-open-${i}`);
  take('opening-replies');
  // Who has answered so far, by name, while the session is open.
  await people[0]?.say('status');
  take('status-open');
  await people[0]?.say('checkin');
  take('checkin-form');
  await people[1]?.submit({
    kind: 'checkin',
    context: { sessionId: (await storedSessions(database))[0]?.id ?? 0 },
    values: { text: text(LONGEST), share: true },
  });
  take('checkin-submit');
  await ana.say('next');
  take('next-reflection');
  for (const [i, person] of people.slice(0, 3).entries()) await person.reply(text(LONGEST), `m-reflect-${i}`);
  take('reflections');
  await ana.say('next');
  take('next-closing');
  for (const [i, person] of people.entries()) await person.reply(text(LONGEST), `m-close-${i}`);
  take('closing-replies');
  await ana.say('close');
  take('close');

  // A tuning protocol, every reply as long as it may be: its message and steps, the warm/cool
  // question, the presenter's reminder, the counts in the thread and the presenter's own summary.
  await ana.say(`start tuning ${text(200)} <@teacher1|teacher1>`);
  take('protocol-start');
  await people[0]?.reply(text(LONGEST));
  await ana.say('next');
  take('protocol-clarifying');
  for (const person of people) await person.reply(text(LONGEST));
  take('protocol-questions');
  await ana.say('next');
  await ana.say('next');
  take('protocol-feedback');
  for (const [i, person] of people.entries())
    await person.reply(i % 3 === 0 ? text(LONGEST) : `${i % 3 === 1 ? 'warm' : 'cool'}: ${text(LONGEST - 6)}`);
  const tone = bot.chat.sent
    .flatMap((s) => ('message' in s && s.message.buttons ? s.message.buttons : []))
    .find((b) => b.label === 'Warm');
  take('protocol-feedback-replies');
  if (!tone) throw new Error(`${label}: unsorted feedback drew no warm/cool question`);
  await people[3]?.press(tone.action);
  take('protocol-tone');
  await people[0]?.reply(text(LONGEST));
  await people[0]?.reply(text(LONGEST));
  take('protocol-notes');
  await ana.say('protocol times 10 5 2 15 10 10');
  take('protocol-times');
  await ana.say('next');
  await ana.say('next');
  for (const person of people) await person.reply(text(LONGEST));
  take('protocol-debrief');
  await ana.say('close');
  const presenterSummaries = bot.chat.sent.filter((s) => s.kind === 'dm').length;
  take('protocol-close');
  if (presenterSummaries === 0) throw new Error(`${label}: the protocol sent the presenter no summary`);

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

  // Changes announced in the channel, the new facilitator's message, and each setting shown bare.
  for (const words of [
    'schedule weekly tue 3:30pm',
    'prompts weekly wed 12:00',
    'remind off',
    'facilitator add <@teacher1|teacher1>',
    'facilitator add <@teacher1|teacher1>',
    'facilitator remove <@teacher2|teacher2>',
  ]) {
    await ana.say(words);
    take(words.split(' ').slice(0, 2).join('-'));
  }

  // Undo and its buttons: a goal set aside, the prompt added above retired (its text at its longest),
  // the list that names retired prompts, a restore; asking before removing oneself from a role.
  const pressLast = async (step: string) => {
    const buttons = bot.chat.sent.findLast((s) => 'message' in s && s.message.buttons?.length);
    take(step);
    const button = buttons && 'message' in buttons ? buttons.message.buttons?.[0] : undefined;
    if (button) await ana.press(button.action);
    take(`${step}-pressed`);
  };
  await ana.say('goal drop 1');
  await pressLast('goal-drop');
  const added = BUILT_IN_PROMPTS.length + 1;
  await ana.say(`prompt retire ${added}`);
  await pressLast('prompt-retire');
  await ana.say(`prompt retire ${added}`);
  await ana.say('prompt retire 1');
  await ana.say('prompts');
  take('prompts-retired');
  await ana.say(`prompt restore ${added}`);
  await ana.say('undo');
  take('prompt-restore');
  await ana.say('facilitator add <@teacher1|teacher1>');
  take('facilitator-add');
  await ana.say('facilitator remove <@ana|ana>');
  await pressLast('facilitator-remove-me');
  await bot.as('teacher1').say('admin remove <@teacher1|teacher1>');
  await ana.say('admin remove <@ana|ana>');
  await pressLast('admin-remove-me');

  await bot.as('ana', 'D-ana').home();
  take('home');
  await people[3]?.home();
  take('home-member');
  for (const words of [
    'nudges',
    'schedule',
    'timezone',
    'retention',
    'privacy',
    'remind',
    'prompts weekly',
    `checkin ${text(LONGEST)}`,
  ]) {
    await ana.say(words);
    take(`bare-${words.split(' ').slice(0, 2).join('-')}`);
  }
  for (const words of [
    'help',
    'help goal',
    'status',
    'prompts',
    'digest',
    `calendar add 2026-04-06 2026-04-10 ${text(80)}`,
    'calendar',
    'calendar remove 2026-04-07',
    'calendar remove 1',
    'chekin',
    `no such ${text(200)}`,
    'export',
    'forget-me',
  ]) {
    await ana.say(words);
    take(words.split(' ').slice(0, 2).join('-'));
  }
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

  // Pairing rounds turned on and off (the channel's notices), shown bare, and a skip.
  for (const words of ['pairs biweekly mentors', 'pairs', 'pairs skip 2', 'pairs off']) {
    await bot.as('teacher1').say(words);
    take(words.replace(/ /g, '-'));
  }
  // Classroom visits: a request with the focus at its longest, its answer, the reminders, the noticing
  // form and its notes at their longest, the reflection; a decline, a cancel and the list of visits.
  const [host, guest] = [bot.as('teacher10', 'D-teacher10'), bot.as('teacher11', 'D-teacher11')];
  const visitButton = (user: string, kind: Button['action']['kind']) =>
    bot.chat.sent
      .flatMap((s) => (s.kind === 'dm' && s.to.user === user ? (s.message.buttons ?? []) : []))
      .findLast((b) => b.action.kind === kind);
  await host.say(`invite <@teacher11|teacher11> wed 10:00 ${text(MAX_FOCUS_LENGTH)}`);
  const accept = visitButton('teacher11', 'visit.accept');
  take('visit-invite');
  if (!accept) throw new Error(`${label}: the visit was asked of nobody`);
  await guest.press(accept.action);
  take('visit-accepted');
  for (const item of (await waitingOutbox(database)).filter(
    (o) => o.kind === VISIT_REMINDER || o.kind === VISIT_NOTICING,
  ))
    await deliverVisitItem({ store, chat: bot.chat }, 'T1', item);
  const notesButton = visitButton('teacher11', 'visit.notes');
  take('visit-reminders-and-noticing');
  if (!notesButton) throw new Error(`${label}: no noticing form was offered`);
  await guest.press(notesButton.action, { trigger: 'trigger-5' });
  take('visit-notes-form');
  const visitId = accept.action.kind === 'visit.accept' ? accept.action.visitId : 0;
  // Notes are taken once the lesson has begun: Wednesday 11:00 in Chicago, an hour after it.
  bot.advance(2 * 24 * 60 + 2 * 60);
  await guest.submit({
    kind: 'visit-notes',
    context: { visitId },
    values: { noticed: text(MAX_NOTE_LENGTH), wondered: text(MAX_NOTE_LENGTH), next: text(MAX_NOTE_LENGTH) },
  });
  const reflect = visitButton('teacher10', 'visit.reflect');
  take('visit-notes');
  if (!reflect) throw new Error(`${label}: no reflection was asked for`);
  await host.press(reflect.action, { trigger: 'trigger-6' });
  take('visit-reflection-form');
  await guest.say('visit <@teacher10|teacher10> thu 10:00');
  const decline = visitButton('teacher10', 'visit.decline');
  take('visit-asked');
  if (decline) await host.press(decline.action);
  take('visit-declined');
  await host.say(`model <@teacher11|teacher11> fri 10:00 ${text(MAX_FOCUS_LENGTH)}`);
  const yes = visitButton('teacher11', 'visit.accept');
  if (yes) await guest.press(yes.action);
  await guest.say('visits');
  const cancel = bot.chat.sent
    .flatMap((s) => ('message' in s ? (s.message.buttons ?? []) : []))
    .findLast((b) => b.action.kind === 'visit.cancel');
  take('visits-list');
  if (!cancel) throw new Error(`${label}: no visit could be cancelled`);
  await guest.press(cancel.action);
  take('visit-cancelled');

  // Names at and over the limit, and help for a word that is no command, each with the text.
  for (const [name, words] of [
    ['rename', `rename ${text(80)}`],
    ['rename-too-long', `rename ${text(81)}`],
    ['help-unknown', `help ${text(40)}`],
  ] as const) {
    await ana.say(words);
    take(name);
  }
  return items;
}
