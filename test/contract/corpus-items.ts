import type { Form, Message } from '../../src/core/messages.js';
import { createStore } from '../../src/db/store.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createDriver } from '../helpers/driver.js';
import type { Sent } from '../helpers/recording-chat.js';

// What the core asks a platform to show, as the contract corpus keeps it.

/** What the core asked a platform to show, and how: a message on some surface, a form, or the Home page. */
export type CoreItem =
  | {
      name: string;
      kind: 'message';
      surface: 'post' | 'reply' | 'update' | 'ephemeral' | 'dm' | 'introduce' | 'files';
      message: Message;
    }
  | { name: string; kind: 'home'; message: Message }
  | { name: string; kind: 'form'; form: Form };

const monday = new Date('2026-03-02T15:00:00Z');

/** Someone in many communities, each with a session open: their Home page has a button for each. */
export async function busyMember(database: OpenDatabase, communities: number): Promise<CoreItem[]> {
  const bot = createDriver(createStore(database.db), { now: monday });
  for (let i = 1; i <= communities; i++) {
    await bot.as('ana', `C-${i}`).say(`setup Circle ${i}`);
    await bot.as('ana', `C-${i}`).say('start');
  }
  bot.chat.take();
  await bot.as('ana', 'D-ana').home();
  return bot.chat.take().map((sent, index) => toItem(`busy-${communities}-communities/home/${index}`, sent));
}

export function toItem(name: string, sent: Sent): CoreItem {
  switch (sent.kind) {
    case 'form':
      return { name, kind: 'form', form: sent.form };
    case 'home':
      return { name, kind: 'home', message: sent.message };
    default:
      return { name, kind: 'message', surface: sent.kind, message: sent.message };
  }
}
