import type { Button } from '../../src/core/messages.js';
import { deliverVisitItem, VISIT_NOTICING, VISIT_REMINDER } from '../../src/core/visits/sends.js';
import { MAX_FOCUS_LENGTH, MAX_NOTE_LENGTH } from '../../src/core/visits/visit.js';
import { waitingOutbox } from '../helpers/stored-rows.js';
import type { Life } from './corpus-life.js';

// Pairing rounds, classroom visits, and names at and over the limit.

export async function visitSteps(life: Life): Promise<void> {
  const { database, store, bot, label, text, take, ana } = life;
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
}
