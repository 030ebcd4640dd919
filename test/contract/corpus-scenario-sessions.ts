import { storedSessions } from '../helpers/stored-rows.js';
import { LONGEST, type Life } from './corpus-life.js';

// A session's life and a tuning protocol's, every reply as long as it may be.

export async function sessionSteps(life: Life): Promise<void> {
  const { database, bot, label, text, take, ana, people } = life;
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
}
