import { afterEach, beforeEach } from 'vitest';
import type { Action, Message } from '../../src/core/messages.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { openTestDatabase, type TestDatabaseKind } from './databases.js';
import { deliverNow } from './deliver-now.js';
import { createDriver } from './driver.js';
import type { Sent } from './recording-chat.js';

// Protocol sessions through the core on a real database, a fresh one for each test, and ways to read
// what the bot sent: to the thread, privately, by DM, or anywhere more than one person can read it.

const TUESDAY = new Date('2026-03-03T15:00:00Z');

const inThread = (sent: Sent[]): string[] => sent.flatMap((s) => (s.kind === 'reply' ? [s.message.text] : []));
export const privateTo = (sent: Sent[], user: string): Message[] =>
  sent.flatMap((s) => (s.kind === 'ephemeral' && s.user === user ? [s.message] : []));
export const dmsTo = (sent: Sent[], user: string): Message[] =>
  sent.flatMap((s) => (s.kind === 'dm' && s.to.user === user ? [s.message] : []));
/** Everything the bot showed where more than one person can read it: channel posts, thread posts, redraws. */
export const shownToTheChannel = (sent: Sent[]): string =>
  sent
    .flatMap((s) =>
      s.kind === 'post' || s.kind === 'reply' || s.kind === 'update'
        ? [[s.message.text, ...(s.message.sections ?? [])].join('\n')]
        : [],
    )
    .join('\n');
export const stepTitles = (sent: Sent[]) =>
  inThread(sent).flatMap((text) => /^Step \d of \d: [^(]+/.exec(text)?.[0].trim() ?? []);
/** The protocol's summary in the thread. */
export const channelSummary = (sent: Sent[]): Message | undefined =>
  sent.flatMap((s) => (s.kind === 'reply' && s.message.text.startsWith('Protocol summary') ? [s.message] : []))[0];
export const button = (message: Message | undefined, label: string): Action => {
  const found = message?.buttons?.find((b) => b.label === label);
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(message)}`);
  return found.action;
};

export function useProtocolCircle(kind: TestDatabaseKind) {
  let database: OpenDatabase | undefined;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await database?.close();
  });
  const opened = (): OpenDatabase => {
    if (!database) throw new Error('the test database is not open yet');
    return database;
  };

  /** ana facilitates Grade 3; pat presents; ben and cal are critical friends. */
  async function circle() {
    const bot = createDriver(createStore(opened().db), { now: TUESDAY });
    await bot.as('ana').say('setup Grade 3');
    for (const person of ['pat', 'ben', 'cal']) await bot.as(person).say('help');
    bot.chat.take();
    const all: Sent[] = [];
    const take = () => {
      const sent = bot.chat.take();
      all.push(...sent);
      return sent;
    };
    const timed = () => deliverNow(opened(), { now: bot.now, chatFor: async () => bot.chat });
    return { bot, take, all, timed };
  }

  return { database: opened, circle };
}
