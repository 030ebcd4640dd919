import { describe, expect, it } from 'vitest';
import { commandHelpMessage } from '../../src/core/help.js';
import { createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import type { Sent } from '../helpers/recording-chat.js';

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  // Which private answers say nothing private: on Teams, for someone whose personal chat cannot be had,
  // only those may be answered in the thread where they asked.

  const privateTo = (sent: Sent[], user: string) =>
    sent.flatMap((s) => (s.kind === 'ephemeral' && s.user === user ? [s.message] : []));

  describe('private answers that say nothing private', () => {
    it('marks help, help for a typo and refusals that are about no one, and not what is about the person', async () => {
      const bot = createDriver(newStore());
      await bot.as('ana').say('setup Grade 3');
      bot.chat.take();

      await bot.as('ben').say('strat');
      await bot.as('ben').say('help');
      await bot.as('ben').say('next');
      expect(privateTo(bot.chat.take(), 'ben').map((m) => m.revealsNothingPrivate)).toEqual([true, true, true]);

      await bot.as('ben').say('goal achieved 4');
      await bot.as('ben').say('goals');
      const aboutBen = privateTo(bot.chat.take(), 'ben');
      expect(aboutBen).toHaveLength(2);
      expect(aboutBen.map((m) => m.revealsNothingPrivate)).toEqual([undefined, undefined]);
    });

    it('answers `help goal` with the goal command only, privately', async () => {
      const bot = createDriver(newStore());
      await bot.as('ana').say('help goal');
      const [answer] = bot.chat.take();
      expect(answer?.kind).toBe('ephemeral');
      expect(answer && 'message' in answer ? answer.message : undefined).toEqual({
        ...commandHelpMessage('goal'),
        revealsNothingPrivate: true,
      });
    });
  });
});
