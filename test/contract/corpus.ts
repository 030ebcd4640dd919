import type { Activity } from 'botbuilder';
import { renderMessage as slackMessage, renderMessages as slackMessages, renderModal } from '../../adapters/slack/blocks.js';
import { SLACK_LIMITS } from '../../adapters/slack/limits.js';
import { renderForm, renderMessages as teamsMessages } from '../../adapters/teams/cards.js';
import { METRICS, type Metric, type Shown, type ShownFigures, type StoredWeek } from '../../src/core/digest/figures.js';
import { renderDigest } from '../../src/core/digest/render.js';
import { goalForm } from '../../src/core/goals/goal-form.js';
import { helpMessage } from '../../src/core/help.js';
import { BUILT_IN_PROMPTS } from '../../src/core/prompts/library.js';
import type { Button, Form, Message } from '../../src/core/messages.js';
import type { Checkin } from '../../src/core/model.js';
import { checkinForm, MAX_ANSWER_LENGTH } from '../../src/core/session-messages.js';
import { summaryMessages } from '../../src/core/summary.js';
import { cutToUnits } from '../../src/core/text/graphemes.js';
import { sendNudge } from '../../src/core/use-cases/nudges/send-nudge.js';
import { sendFollowUp } from '../../src/core/mentoring/sends.js';
import { pairFollowUp, pairIntroduction } from '../../src/core/pairing/messages.js';
import { rotationCarriedOnMessage, rotationMessage, rotationNoticeMessage, rotationThanksMessage } from '../../src/core/mentoring/rotation-messages.js';
import { deliverVisitItem, VISIT_NOTICING, VISIT_REMINDER } from '../../src/core/visits/sends.js';
import { MAX_FOCUS_LENGTH, MAX_NOTE_LENGTH } from '../../src/core/visits/visit.js';
import { createDriver, silentLog } from '../helpers/driver.js';
import { MemoryStore } from '../helpers/memory-store.js';
import type { Sent } from '../helpers/recording-chat.js';
import type { SlackMessagePayload, SlackView } from '../helpers/slack-limits.js';

// Every message, modal, Home view and card the bot renders, as Slack and Teams would receive them.
// The core's messages are captured by driving its use cases as an adapter does (commands, thread
// replies, buttons, forms, a nudge), once for each text below, and from the builders that need no
// context (summary, digest, forms). Each capture is then rendered by both adapters.

/** What the core asked a platform to show, and how: a message on some surface, a form, or the Home page. */
export type CoreItem =
  | { name: string; kind: 'message'; surface: 'post' | 'reply' | 'update' | 'ephemeral' | 'dm' | 'introduce' | 'files'; message: Message }
  | { name: string; kind: 'home'; message: Message }
  | { name: string; kind: 'form'; form: Form };

export type SlackMethod = 'chat.postMessage' | 'chat.update' | 'chat.postEphemeral' | 'views.open' | 'views.publish';
/**
 * A message's `text` and `blocks`, or a view under `view`, typed as @slack/types has them. The
 * renderers build plain objects, so the types say what each payload claims to be; the limits
 * checker (test/helpers/slack-limits.ts) is what holds it to that.
 */
/** `item`: the core item it renders; a long message is several Slack messages. */
export type SlackPayload =
  | { name: string; item: string; method: Exclude<SlackMethod, `views.${string}`>; body: SlackMessagePayload }
  | { name: string; item: string; method: Extract<SlackMethod, `views.${string}`>; body: { view: SlackView } };

export interface TeamsPayload {
  name: string;
  /** The core item it renders: a long message is several activities. */
  item: string;
  activity: Partial<Activity>;
}

/** Cut points: a wall of one emoji sequence, shifted by 0-3 units, puts a cut inside it at any limit. */
const EMOJI = { thumbs: '👍🏽', flag: '🇺🇦', family: '👩‍👩‍👧‍👦', rainbow: '🏳️‍🌈' } as const;

/** The texts people write into every field, each made as long as the field takes. */
export const TEXTS: Record<string, (max: number) => string> = {
  normal: () => 'Small-group phonics went well this week',
  markup: (max) =>
    cutToUnits(
      '*bold* _it_ ~gone~ `code` [click here](https://evil.example/login) <https://evil.example|x> <!channel> <@U123> @everyone ' +
        '<at>Ana</at> <script>alert(1)</script> &amp; &lt;b&gt;\n# heading\n- item\n1. one > quote | a | b |',
      max,
    ),
  nul: (max) => cutToUnits(`before\u0000after ${'word '.repeat(max)}`, max),
  plainLong: (max) => 'a'.repeat(max),
  // Quotes, backslashes and control characters grow when a button's value carries them as JSON.
  escapes: (max) => cutToUnits('"\\\u0001\t'.repeat(max), max),
  ...Object.fromEntries(
    Object.entries(EMOJI).flatMap(([label, sequence]) =>
      [0, 1, 2, 3].map((shift) => [`${label}+${shift}`, (max: number) => cutToUnits('x'.repeat(shift) + sequence.repeat(Math.ceil(max / sequence.length) + 1), max)]),
    ),
  ),
};

const monday = new Date('2026-03-02T15:00:00Z');
/** Answers as long as the core takes them. */
const LONGEST = MAX_ANSWER_LENGTH;
const PEOPLE = 12;

/** One community's life, every field written with `text`: what the bot sent, step by step. */
async function scenario(label: string, text: (max: number) => string): Promise<CoreItem[]> {
  const store = new MemoryStore();
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
  await people[1]?.submit({ kind: 'checkin', context: { sessionId: store.data.sessions[0]?.id ?? 0 }, values: { text: text(LONGEST), share: true } });
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
  for (const [i, person] of people.entries()) await person.reply(i % 3 === 0 ? text(LONGEST) : `${i % 3 === 1 ? 'warm' : 'cool'}: ${text(LONGEST - 6)}`);
  const tone = bot.chat.sent.flatMap((s) => ('message' in s && s.message.buttons ? s.message.buttons : [])).find((b) => b.label === 'Warm');
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
  const draft = { specific: text(200), measure: `10 ${text(190)}`, firstStep: text(200), relevance: text(300), dueOn: '2026-05-29', cadence: 'biweekly', celebrate: true };
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

  const member = store.data.members.find((m) => m.externalId === 'ana');
  const goalIds = store.data.goals.filter((g) => g.memberId === member?.id).map((g) => g.id);
  await sendNudge({ store, now: monday, log: silentLog, chatFor: async () => bot.chat }, { memberId: member?.id ?? 0, goalIds });
  const nudge = bot.chat.sent.flatMap((s) => ('message' in s && s.message.buttons ? s.message.buttons : []));
  take('nudge');
  let step: Button | undefined;
  for (const button of nudge) {
    await ana.press(button.action, { trigger: 'trigger-1' });
    // "I'm stuck" offers a form for the next step.
    step ??= bot.chat.sent.flatMap((s) => ('message' in s && s.message.buttons ? s.message.buttons : [])).find((b) => b.label === 'Write my next step');
    take(`nudge-${button.action.kind}`);
  }
  if (nudge.length && !step) throw new Error(`${label}: "I'm stuck" offered no way to answer`);
  if (step) {
    await ana.press(step.action, { trigger: 'trigger-2' });
    take('nudge-next-step');
  }

  // Changes announced in the channel, the new facilitator's message, and each setting shown bare.
  for (const words of ['schedule weekly tue 3:30pm', 'prompts weekly wed 12:00', 'remind off', 'facilitator add <@teacher1|teacher1>', 'facilitator add <@teacher1|teacher1>', 'facilitator remove <@teacher2|teacher2>']) {
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
  for (const words of ['nudges', 'schedule', 'timezone', 'retention', 'privacy', 'remind', 'prompts weekly', `checkin ${text(LONGEST)}`]) {
    await ana.say(words);
    take(`bare-${words.split(' ').slice(0, 2).join('-')}`);
  }
  for (const words of ['help', 'help goal', 'status', 'prompts', 'digest', `calendar add 2026-04-06 2026-04-10 ${text(80)}`, 'calendar', 'calendar remove 2026-04-07', 'calendar remove 1', 'chekin', `no such ${text(200)}`, 'export', 'forget-me']) {
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
  await people[7]?.submit({ kind: 'ask', context: {}, values: { text: text(1000), when: text(200), urgency: 'this-week' } });
  const waitingMentor = () => {
    const offer = store.mentoring.data.offers.findLast((o) => o.answer === null);
    return store.data.members.find((m) => m.id === offer?.mentorId)?.externalId ?? '';
  };
  const offerButton = (user: string, kind: string) =>
    bot.chat.sent.flatMap((s) => (s.kind === 'dm' && s.to.user === user ? (s.message.buttons ?? []) : [])).find((b) => b.action.kind === kind);
  const first = waitingMentor();
  const pass = offerButton(first, 'ask.pass');
  take('ask-offer');
  if (!pass) throw new Error(`${label}: the ask was offered to nobody`);
  await bot.as(first, `D-${first}`).press(pass.action);
  const second = waitingMentor();
  const help = offerButton(second, 'ask.help');
  take('ask-passed');
  if (!help) throw new Error(`${label}: the pass offered the ask to nobody`);
  await bot.as(second, `D-${second}`).press(help.action);
  take('ask-taken');
  const ask = store.mentoring.data.asks.at(-1);
  if (ask) await sendFollowUp({ store, chat: bot.chat }, 'T1', ask.id);
  const answer = bot.chat.sent.flatMap((s) => (s.kind === 'dm' ? (s.message.buttons ?? []) : []))[0];
  take('ask-follow-up');
  if (answer) await people[7]?.press(answer.action, { trigger: 'trigger-4' });
  take('ask-follow-up-form');
  await people[8]?.say(`ask ${text(1000)}`);
  // Passed by every mentor who can take it (the one who took the first ask has a full week now).
  for (let round = 0; waitingMentor() && round < 2; round++) {
    const mentor = waitingMentor();
    const offer = offerButton(mentor, 'ask.pass');
    take(round === 0 ? 'ask-escalated' : `ask-escalating-${round}`);
    if (offer) await bot.as(mentor, `D-${mentor}`).press(offer.action);
  }
  const toLeader = bot.chat.sent.find((s) => s.kind === 'dm' && s.message.buttons?.some((b) => b.action.kind === 'ask.take'));
  take('ask-unanswered');
  if (toLeader?.kind !== 'dm' || !toLeader.message.buttons?.[0]) throw new Error(`${label}: no facilitator was offered the ask`);
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
    bot.chat.sent.flatMap((s) => (s.kind === 'dm' && s.to.user === user ? (s.message.buttons ?? []) : [])).findLast((b) => b.action.kind === kind);
  await host.say(`invite <@teacher11|teacher11> wed 10:00 ${text(MAX_FOCUS_LENGTH)}`);
  const accept = visitButton('teacher11', 'visit.accept');
  take('visit-invite');
  if (!accept) throw new Error(`${label}: the visit was asked of nobody`);
  await guest.press(accept.action);
  take('visit-accepted');
  for (const item of store.data.outbox.filter((o) => o.kind === VISIT_REMINDER || o.kind === VISIT_NOTICING)) await deliverVisitItem({ store, chat: bot.chat }, 'T1', item);
  const notesButton = visitButton('teacher11', 'visit.notes');
  take('visit-reminders-and-noticing');
  if (!notesButton) throw new Error(`${label}: no noticing form was offered`);
  await guest.press(notesButton.action, { trigger: 'trigger-5' });
  take('visit-notes-form');
  const visitId = accept.action.kind === 'visit.accept' ? accept.action.visitId : 0;
  // Notes are taken once the lesson has begun: Wednesday 11:00 in Chicago, an hour after it.
  bot.advance(2 * 24 * 60 + 2 * 60);
  await guest.submit({ kind: 'visit-notes', context: { visitId }, values: { noticed: text(MAX_NOTE_LENGTH), wondered: text(MAX_NOTE_LENGTH), next: text(MAX_NOTE_LENGTH) } });
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
  const cancel = bot.chat.sent.flatMap((s) => ('message' in s ? (s.message.buttons ?? []) : [])).findLast((b) => b.action.kind === 'visit.cancel');
  take('visits-list');
  if (!cancel) throw new Error(`${label}: no visit could be cancelled`);
  await guest.press(cancel.action);
  take('visit-cancelled');

  // Names at and over the limit, and help for a word that is no command, each with the text.
  for (const [name, words] of [['rename', `rename ${text(80)}`], ['rename-too-long', `rename ${text(81)}`], ['help-unknown', `help ${text(40)}`]] as const) {
    await ana.say(words);
    take(name);
  }
  return items;
}

/** Someone in many communities, each with a session open: their Home page has a button for each. */
async function busyMember(communities: number): Promise<CoreItem[]> {
  const bot = createDriver(new MemoryStore(), { now: monday });
  for (let i = 1; i <= communities; i++) {
    await bot.as('ana', `C-${i}`).say(`setup Circle ${i}`);
    await bot.as('ana', `C-${i}`).say('start');
  }
  bot.chat.take();
  await bot.as('ana', 'D-ana').home();
  return bot.chat.take().map((sent, index) => toItem(`busy-${communities}-communities/home/${index}`, sent));
}

function toItem(name: string, sent: Sent): CoreItem {
  switch (sent.kind) {
    case 'form':
      return { name, kind: 'form', form: sent.form };
    case 'home':
      return { name, kind: 'home', message: sent.message };
    default:
      return { name, kind: 'message', surface: sent.kind, message: sent.message };
  }
}

/** Builders that need no context: the summary of a full session, the digest, the forms at their limits. */
function built(): CoreItem[] {
  const checkins = (phase: 'opening' | 'closing', length: number, text: (max: number) => string): Checkin[] =>
    Array.from({ length: PEOPLE }, (_, i) => ({ memberId: i + 1, memberName: `Teacher ${i + 1}`, phase, text: text(length), sharedWithLeaders: false }) as Checkin);
  const items: CoreItem[] = [];
  // NUL never gets this far: it is taken out where requests come in.
  for (const [label, text] of Object.entries(TEXTS).filter(([label]) => label !== 'nul')) {
    // The summary as a session posts it: in messages split between answers.
    const summary = summaryMessages({ communityName: text(80), topic: text(200), checkins: [...checkins('opening', 1000, text), ...checkins('closing', 1000, text)], reflections: [], promptText: text(300) });
    summary.forEach((message, part) => items.push({ name: `${label}/summary-12-people/${part}`, kind: 'message', surface: 'reply', message }));
    // Everyone answering twice in a phase, and reflections on two prompts, all quoted.
    const twice = [...checkins('opening', 500, text), ...checkins('opening', 500, text)];
    const reflections = [1, 2].flatMap((promptPostId) => twice.map((c) => ({ promptPostId, memberId: c.memberId, memberName: c.memberName, text: text(500) })));
    const prompts = [1, 2].map((id) => ({ id, text: text(300) }));
    summaryMessages({ communityName: text(80), topic: text(200), checkins: twice, reflections, promptText: text(300), prompts }).forEach((message, part) =>
      items.push({ name: `${label}/summary-answers-adding-up/${part}`, kind: 'message', surface: 'reply', message }),
    );
    // 40 circles: one screen with the table as a file, and every circle in the message where no file can go.
    items.push({ name: `${label}/digest`, kind: 'message', surface: 'dm', message: renderDigest(digestContent(text)) });
    items.push({ name: `${label}/digest-every-circle`, kind: 'message', surface: 'dm', message: renderDigest(digestContent(text), 'full') });
    // A pairing round's trio introduction and its follow-up, every name and the question at their longest.
    items.push({ name: `${label}/pairs-introduction`, kind: 'message', surface: 'introduce', message: pairIntroduction({ circle: text(80), names: [text(80), text(80), text(80)], question: text(300), mentorNames: [text(80)] }) });
    items.push({ name: `${label}/pairs-follow-up`, kind: 'message', surface: 'dm', message: pairFollowUp({ roundId: 1, circle: text(80), others: [text(80), text(80)] }) });
    // A district's rotation: more mentors than one message names, each with eight topics at their longest.
    const mentors = Array.from({ length: 45 }, () => ({ name: text(80), topics: Array.from({ length: 8 }, () => text(40)) }));
    const figures = { made: { kind: 'count', count: 1234 }, taken: { kind: 'too-few' }, topics: Array.from({ length: 8 }, () => text(40)) } as const;
    items.push({ name: `${label}/rotation-notice`, kind: 'message', surface: 'dm', message: rotationNoticeMessage({ endsOn: '2027-06-24', mentors, next: mentors, figures, threshold: 10 }) });
    items.push({ name: `${label}/rotation`, kind: 'message', surface: 'ephemeral', message: rotationMessage({ endsOn: '2027-06-24', chosen: false, noticeOn: '2027-05-25', noticeSent: false, next: mentors }) });
    items.push({ name: `${label}/rotation-thanks`, kind: 'message', surface: 'dm', message: rotationThanksMessage({ from: '2026-08-20', to: '2027-06-24', taken: 31, people: 17, continuing: { topics: mentors[0]?.topics ?? [] } }) });
    items.push({ name: `${label}/goal-form-filled`, kind: 'form', form: goalForm({ specific: text(200), measure: text(200), firstStep: text(200), relevance: text(300) }, { reworks: 1 }) });
  }
  const session = { id: 1 } as Parameters<typeof checkinForm>[0];
  for (const phase of ['opening', 'reflection', 'closing'] as const) items.push({ name: `checkin-form-${phase}`, kind: 'form', form: checkinForm(session, phase) });
  items.push({ name: 'help', kind: 'message', surface: 'ephemeral', message: helpMessage() });
  items.push({ name: 'rotation-carried-on', kind: 'message', surface: 'dm', message: rotationCarriedOnMessage({ endedOn: '2027-06-24', mentors: 12, nextEnd: '2028-06-30' }) });
  return items;
}

function digestContent(text: (max: number) => string): Parameters<typeof renderDigest>[0] {
  const shown = (value: Shown): ShownFigures => Object.fromEntries(METRICS.map((m: Metric) => [m, value])) as ShownFigures;
  const row = (people: number) => ({ sessionsHeld: 2, sessionsMissed: 1, figures: shown(people >= 3 ? { kind: 'count', count: people } : { kind: 'too-few' }) });
  const circles = Array.from({ length: 40 }, (_, i) => ({ communityId: i + 1, ...row(i % 4) }));
  const stored: StoredWeek = {
    version: 2,
    weekStart: '2026-02-23',
    from: '2026-02-23T00:00:00.000Z',
    to: '2026-03-02T00:00:00.000Z',
    threshold: 3,
    circles,
    pool: null,
    total: row(40),
    // Quiet circles with and without a schedule, one stored before weeks were kept, more than are named, and one without a facilitator.
    suggestions: [
      ...circles.slice(0, 11).map((c, i) => ({ kind: 'quiet' as const, communityId: c.communityId, scheduled: i % 2 === 0, weeks: 2 + i })),
      { kind: 'quiet', communityId: 12 },
      { kind: 'no-facilitator', communityId: 13 },
    ],
    // Mentoring at its widest figures, one of them drawn from too few people.
    mentoring: { asksMade: { kind: 'count', count: 123_456 }, asksAnswered: { kind: 'too-few' }, pairsIntroduced: { kind: 'count', count: 123_456 }, pairsMet: { kind: 'count', count: 123_456 }, protocolsHeld: { kind: 'count', count: 123_456 }, visitsMade: { kind: 'withheld' } },
  };
  return {
    preview: true,
    stored,
    names: new Map(circles.map((c) => [c.communityId, text(80)])),
    highlights: circles.slice(0, 20).map((c) => ({ communityId: c.communityId, text: text(LONGEST) })),
    trend: { weekStarts: ['2026-02-16', '2026-02-23'], weeks: [stored] },
    // Suggestions from mentors at their longest, named and not, more than the digest shows.
    suggestions: { shown: Array.from({ length: 10 }, (_, i) => ({ text: text(500), by: i % 2 ? text(80) : null })), total: 14 },
    soFar: { sessionsHeld: 3 },
  };
}

/** The same core item captured twice (a constant refusal, the help) is kept once. */
function distinct(items: CoreItem[]): CoreItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify({ ...item, name: undefined });
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

let cached: Promise<CoreItem[]> | undefined;

/** Every core item, from every text: computed once per test file. */
export function coreCorpus(): Promise<CoreItem[]> {
  cached ??= (async () => {
    const captured: CoreItem[] = [];
    for (const [label, text] of Object.entries(TEXTS)) captured.push(...(await scenario(label, text)));
    captured.push(...(await busyMember(30)));
    return distinct([...captured, ...built()]);
  })();
  return cached;
}

const SLACK_METHOD: Record<Extract<CoreItem, { kind: 'message' }>['surface'], Exclude<SlackMethod, `views.${string}`>> = {
  post: 'chat.postMessage',
  reply: 'chat.postMessage',
  dm: 'chat.postMessage',
  // Posted in the group DM conversations.open answers with.
  introduce: 'chat.postMessage',
  files: 'chat.postMessage',
  update: 'chat.update',
  ephemeral: 'chat.postEphemeral',
};

/** What a rendered payload claims to be: the renderers build plain objects (see SlackPayload). */
const claimed = <T>(payload: unknown): T => payload as T;

/** Each item as the Slack adapter sends it (the Home view as SlackChat.publishHome builds it). */
export function slackPayloads(items: CoreItem[]): SlackPayload[] {
  return items.flatMap((item): SlackPayload[] => {
    const { name } = item;
    switch (item.kind) {
      case 'form':
        return [{ name, item: name, method: 'views.open', body: { view: claimed<SlackView>(renderModal(item.form, 'C-circle')) } }];
      case 'home':
        return [{ name, item: name, method: 'views.publish', body: { view: claimed<SlackView>({ type: 'home', blocks: slackMessage(item.message, SLACK_LIMITS.blocksPerView).blocks }) } }];
      case 'message': {
        // An update replaces one message; anything else goes on in more messages when it is long.
        const method = SLACK_METHOD[item.surface];
        const parts = item.surface === 'update' ? [slackMessage(item.message)] : slackMessages(item.message);
        return parts.map((part, index) => ({ name: index === 0 ? name : `${name} (part ${index + 1})`, item: name, method, body: claimed<SlackMessagePayload>(part) }));
      }
    }
  });
}

/** Each item as the Teams adapter sends it: a card, or a plain Markdown message when nothing is pressed. */
export function teamsPayloads(items: CoreItem[]): TeamsPayload[] {
  return items.flatMap((item) => {
    const activities = item.kind === 'form' ? [renderForm(item.form, 'C-circle')] : teamsMessages(item.message);
    return activities.map((activity, part) => ({ name: part === 0 ? item.name : `${item.name} (part ${part + 1})`, item: item.name, activity }));
  });
}
