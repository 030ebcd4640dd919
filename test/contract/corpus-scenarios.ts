import { createDriver } from '../helpers/driver.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { toItem, type CoreItem } from './corpus-items.js';
import { type Life, monday, PEOPLE } from './corpus-life.js';
import { commandSteps } from './corpus-scenario-commands.js';
import { goalSteps } from './corpus-scenario-goals.js';
import { mentoringSteps } from './corpus-scenario-mentoring.js';
import { sessionSteps } from './corpus-scenario-sessions.js';
import { visitSteps } from './corpus-scenario-visits.js';

// One community's life per text, driven through the core over the real Store as an adapter drives it:
// what the bot sent at each step, as core items.

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
  const life: Life = { database, store, bot, label, text, take, ana, people };

  // Each step builds on the ones before: the prompt added in the session is retired among the commands.
  await sessionSteps(life);
  await goalSteps(life);
  await commandSteps(life);
  await mentoringSteps(life);
  await visitSteps(life);
  return items;
}
