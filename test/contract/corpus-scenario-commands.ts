import { BUILT_IN_PROMPTS } from '../../src/core/prompts/library.js';
import { LONGEST, type Life } from './corpus-life.js';

// Settings changed and shown bare, undo and its buttons, the Home pages and the plain commands.

export async function commandSteps(life: Life): Promise<void> {
  const { bot, text, take, ana, people } = life;
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
}
