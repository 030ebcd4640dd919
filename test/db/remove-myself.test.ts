import { describe, expect, it } from 'vitest';
import type { Button } from '../../src/core/messages.js';
import { createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { facilitatorNames, storedCommunities, storedMembers } from '../helpers/stored-rows.js';
import type { Sent } from '../helpers/recording-chat.js';

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  const privateTo = (sent: Sent[], user: string) =>
    sent.flatMap((s) => (s.kind === 'ephemeral' && s.user === user ? [s.message] : []));
  const facilitators = () => facilitatorNames(newStore.database());

  async function circleOfTwo() {
    const store = newStore();
    const bot = createDriver(store);
    await bot.as('ana').say('setup Grade 3');
    await bot.as('ben').say('help');
    await bot.as('ana').say('facilitator add <@ben|ben>');
    bot.chat.take();
    return { store, bot, ana: bot.as('ana'), ben: bot.as('ben') };
  }

  describe('removing oneself from a role', () => {
    it('asks a facilitator first, and only the press removes them', async () => {
      const { bot, ana } = await circleOfTwo();
      await ana.say('facilitator remove <@ana|ana>');
      const [ask] = privateTo(bot.chat.take(), 'ana');
      expect(ask?.text).toBe(
        'Remove yourself as a facilitator of Grade 3? You would no longer start its sessions, change its schedule or keep its prompts.',
      );
      expect(ask?.sections).toEqual(['To stay, do nothing: this changes nothing until you press the button.']);
      const yes = ask?.buttons?.[0] as Button;
      expect(yes).toEqual({
        label: 'Yes, remove me',
        action: { kind: 'facilitator.leave', communityId: (await storedCommunities(newStore.database()))[0]?.id },
        style: 'danger',
      });
      expect(await facilitators()).toEqual(['ana', 'ben']);

      await ana.press(yes.action);
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m.text)).toEqual([
        'Done: you no longer facilitate Grade 3. One of its facilitators can add you again with `facilitator add`.',
      ]);
      expect(await facilitators()).toEqual(['ben']);
    });

    it('re-checks the last-facilitator rule at the press', async () => {
      const { bot, ana, ben } = await circleOfTwo();
      await ana.say('facilitator remove <@ana|ana>');
      await ben.say('facilitator remove <@ben|ben>');
      const sent = bot.chat.take();
      const anaYes = privateTo(sent, 'ana')[0]?.buttons?.[0] as Button;
      const benYes = privateTo(sent, 'ben')[0]?.buttons?.[0] as Button;
      await ben.press(benYes.action);
      expect(await facilitators()).toEqual(['ana']);
      bot.chat.take();
      // Asked while there were two; pressed when ana is the only one left.
      await ana.press(anaYes.action);
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m.text)).toEqual([
        'Nothing changed. You are the only facilitator of Grade 3, and a circle needs one to run its sessions. Name another first with `facilitator add @person`, then try again.',
      ]);
      expect(await facilitators()).toEqual(['ana']);
      // And the last one is refused at once, without a question.
      await ana.say('facilitator remove <@ana|ana>');
      expect(privateTo(bot.chat.take(), 'ana').map((m) => [m.text, m.buttons])).toEqual([
        [
          'You are the only facilitator of Grade 3, and a circle needs one to run its sessions. Name another first with `facilitator add @person`, then try again.',
          undefined,
        ],
      ]);
    });

    it('takes the community from the database, for someone who facilitates it', async () => {
      const { bot, ana } = await circleOfTwo();
      await bot.as('cho', 'C-other').say('setup Grade 4');
      const grade4 = (await storedCommunities(newStore.database())).find((c) => c.name === 'Grade 4')?.id;
      bot.chat.take();
      await ana.press({ kind: 'facilitator.leave', communityId: grade4 });
      await ana.press({ kind: 'facilitator.leave', communityId: 9999 });
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m.text)).toEqual([
        'You do not facilitate Grade 4 now, so nothing changed.',
        'That button does not belong here, so nothing was changed.',
      ]);
      expect(await facilitators()).toEqual(['ana', 'ben', 'cho']);
    });

    it('asks an admin first, and keeps the last admin', async () => {
      const { bot, ana } = await circleOfTwo();
      await ana.say('admin remove <@ana|ana>');
      const yes = privateTo(bot.chat.take(), 'ana')[0]?.buttons?.[0] as Button;
      expect(yes).toEqual({ label: 'Yes, remove me', action: { kind: 'admin.leave' }, style: 'danger' });
      await ana.press(yes.action);
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m.text)).toEqual([
        'Nothing changed. You are the only Mentor Circle admin here, and a workspace needs one to receive the digest and keep the calendar. Name another admin first with `admin add @person`, then try again.',
      ]);
      await ana.say('admin add <@ben|ben>');
      await ana.say('admin remove <@ana|ana>');
      const again = privateTo(bot.chat.take(), 'ana').at(-1)?.buttons?.[0] as Button;
      await ana.press(again.action);
      await ana.press({ kind: 'admin.leave' });
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m.text)).toEqual([
        'Done: you are no longer a Mentor Circle admin. Another admin can name you again with `admin add`.',
        'You are not a Mentor Circle admin now, so nothing changed.',
      ]);
      expect((await storedMembers(newStore.database())).map((m) => [m.name, m.isAdmin])).toEqual([
        ['ana', false],
        ['ben', true],
      ]);
    });
  });
});
