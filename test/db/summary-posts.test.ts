import { describe, expect, it } from 'vitest';
import type { MessageRef } from '../../src/core/chat-port.js';
import { deliverItem } from '../../src/core/live-delivery.js';
import type { Message } from '../../src/core/messages.js';
import { createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { waitingOutbox } from '../helpers/stored-rows.js';

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  // A long summary is posted as several messages. When one of them fails, those before it are posted
  // already: what is left goes on as an item of its own, so no message of the summary is posted twice
  // and none is lost.

  describe('a summary of several messages', () => {
    it('posts the rest, and only the rest, after a failure part-way', async () => {
      const store = newStore();
      const bot = createDriver(store);
      await bot.as('t0').say('setup Grade 3');
      await bot.as('t0').say('start');
      const people = Array.from({ length: 12 }, (_, i) => `t${i}`);
      for (const person of people) await bot.as(person).reply(`${person} says `.padEnd(900, 'it works 👍🏽 '));
      await bot.as('t0').say('close');
      bot.chat.take();

      // The platform fails the summary's second message once.
      const reply = bot.chat.reply.bind(bot.chat);
      let failed = false;
      bot.chat.reply = async (thread: MessageRef, message: Message) => {
        if (!failed && message.text.endsWith('(continued)')) {
          failed = true;
          throw new Error('the platform is down');
        }
        return reply(thread, message);
      };
      await bot.as('t0').say('close');
      expect(failed).toBe(true);
      const firstTry = bot.chat.replies(bot.chat.take()).filter((m) => m.text.startsWith('Session summary'));
      expect(firstTry.map((m) => m.text)).toEqual([
        'Session summary: Grade 3\n12 participants · 12 opening check-ins · 0 reflections · 0 closing check-ins',
      ]);

      const rest = await waitingOutbox(newStore.database());
      expect(rest.map((item) => item.payload)).toEqual([expect.objectContaining({ part: 'summary', from: 1 })]);
      for (const item of rest) await deliverItem({ store, chat: bot.chat }, item);
      const afterwards = bot.chat.replies(bot.chat.take());
      expect(afterwards.map((m) => m.text)).toEqual(['Session summary: Grade 3 (continued)']);

      const shown = [...firstTry, ...afterwards].flatMap((m) => m.sections ?? []).join('\n');
      for (const person of people) expect(shown).toContain(`• ${person}: ${person} says it works`);
    });
  });
});
