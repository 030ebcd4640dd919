import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/messages.js';
import { createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import type { Sent } from '../helpers/recording-chat.js';

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  // Who mentors, on what: admins name mentors for everyone, facilitators for their circle; mentors
  // take breaks and say how many asks suit them; nothing is replaced silently.

  const privateTo = (sent: Sent[], user: string): Message[] =>
    sent.flatMap((s) => (s.kind === 'ephemeral' && s.user === user ? [s.message] : []));
  const dmsTo = (sent: Sent[], user: string): Message[] =>
    sent.flatMap((s) => (s.kind === 'dm' && s.to.user === user ? [s.message] : []));

  async function school() {
    const store = newStore();
    const bot = createDriver(store);
    await bot.as('ana').say('setup Grade 3');
    await bot.as('fay', 'C-five').say('setup Grade 5');
    for (const person of ['ben', 'cal', 'tia']) await bot.as(person).say('help');
    await bot.as('dee', 'C-five').say('help');
    bot.chat.take();
    return { store, bot };
  }

  describe('naming mentors', () => {
    it('lets an admin name anyone for everyone, and says what changed when they are named again', async () => {
      const { bot } = await school();
      await bot.as('ana', 'D-ana').say('mentor add <@ben|ben> google classroom, behaviour');
      let sent = bot.chat.take();
      expect(privateTo(sent, 'ana').map((m) => m.text)).toEqual([
        'ben now mentors for everyone here, on: google classroom, behaviour. I have told them what that means.',
      ]);
      expect(dmsTo(sent, 'ben')).toHaveLength(1);
      await bot.as('ana', 'D-ana').say('mentor add <@ben|ben> phonics');
      sent = bot.chat.take();
      expect(privateTo(sent, 'ana').map((m) => m.text)).toEqual([
        "ben's topics were: google classroom, behaviour. Now: phonics.",
      ]);
      // No second welcome.
      expect(dmsTo(sent, 'ben')).toEqual([]);
      await bot.as('ana', 'D-ana').say('mentor add <@ben|ben> phonics');
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m.text)).toEqual([
        'ben already mentors on: phonics. Nothing else changed.',
      ]);
    });

    it('lets a facilitator name mentors only for their own circle, from its channel, and only people in it', async () => {
      const { bot } = await school();
      // fay facilitates Grade 5, not Grade 3; she is not an admin.
      await bot.as('fay', 'D-fay').say('mentor add <@dee|dee> phonics');
      expect(privateTo(bot.chat.take(), 'fay').map((m) => m.text)).toEqual([
        'Admins name mentors for the whole workspace; a facilitator can for their circle, in its channel.',
      ]);
      await bot.as('fay', 'C-five').say('mentor add <@dee|dee> phonics');
      expect(privateTo(bot.chat.take(), 'fay').map((m) => m.text)).toEqual([
        'dee now mentors for Grade 5, on: phonics. I have told them what that means.',
      ]);
      // A Grade 3 teacher does not see dee as their mentor when asking; the list says whose she is.
      await bot.as('tia').say('mentors');
      expect(privateTo(bot.chat.take(), 'tia')[0]?.sections?.[0]).toBe('• dee (for Grade 5): phonics; available');
      // Nor can fay remove a mentor the admin named.
      await bot.as('ana', 'D-ana').say('mentor add <@ben|ben> behaviour');
      bot.chat.take();
      await bot.as('fay', 'C-five').say('mentor remove <@ben|ben>');
      expect(privateTo(bot.chat.take(), 'fay').map((m) => m.text)).toEqual([
        'ben was named by an admin (or for another circle), so only an admin can stop them mentoring.',
      ]);
      await bot.as('fay', 'C-five').say('mentor remove <@dee|dee>');
      expect(privateTo(bot.chat.take(), 'fay').map((m) => m.text)).toEqual(['dee no longer mentors here.']);
    });

    it('refuses a teacher, and someone the platform has never shown the bot', async () => {
      const { bot } = await school();
      await bot.as('tia').say('mentor add <@ben|ben> phonics');
      expect(privateTo(bot.chat.take(), 'tia').map((m) => m.text)).toEqual([
        'Admins name mentors for the whole workspace; a facilitator can for their circle, in its channel.',
      ]);
      await bot.as('ana', 'D-ana').say('mentor add <@nobody|nobody> phonics');
      expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toMatch(/^That is not someone I can name a mentor/);
    });
  });

  describe("a mentor's own settings", () => {
    it('takes a break, passing on what was waiting, and comes back', async () => {
      const { bot } = await school();
      await bot.as('ana', 'D-ana').say('mentor add <@ben|ben> behaviour');
      await bot.as('ana', 'D-ana').say('mentor add <@cal|cal> behaviour, phonics');
      bot.chat.take();
      await bot.as('tia').say('ask behaviour in the lunch line');
      const first = bot.chat
        .take()
        .filter((s) => s.kind === 'dm')
        .map((s) => (s.kind === 'dm' ? s.to.user : ''));
      expect(first).toHaveLength(1);
      const [offeredTo = ''] = first;
      const other = offeredTo === 'ben' ? 'cal' : 'ben';
      await bot.as(offeredTo, `D-${offeredTo}`).say('mentor away 14');
      const sent = bot.chat.take();
      expect(privateTo(sent, offeredTo).map((m) => [m.text, m.sections])).toEqual([
        [
          'Enjoy the break: no asks come to you for 14 days. `mentor back` ends it sooner.',
          ['The ask that was waiting for you goes to another mentor.'],
        ],
      ]);
      expect(dmsTo(sent, other)[0]?.text).toMatch(/^tia would like some one-on-one help/);
      await bot.as('tia').say('mentors');
      expect(privateTo(bot.chat.take(), 'tia')[0]?.sections?.[0]).toContain(`${offeredTo}: `);
      await bot.as(offeredTo, `D-${offeredTo}`).say('mentor back');
      expect(privateTo(bot.chat.take(), offeredTo).map((m) => m.text)).toEqual([
        'Welcome back: asks that fit your topics can come to you again.',
      ]);
    });

    it('says how many asks a week suit them, and a full week is shown as such', async () => {
      const { bot } = await school();
      await bot.as('ana', 'D-ana').say('mentor add <@ben|ben> behaviour');
      bot.chat.take();
      await bot.as('ben', 'D-ben').say('mentor capacity 1');
      expect(privateTo(bot.chat.take(), 'ben').map((m) => m.text)).toEqual([
        'You will be offered up to one ask a week (it was 2).',
      ]);
      await bot.as('tia').say('ask behaviour at recess');
      await bot.as('cal').say('ask behaviour in assemblies');
      const sent = bot.chat.take();
      // ben's one place this week is taken by tia's ask: cal's goes to the leaders.
      expect(dmsTo(sent, 'ben')).toHaveLength(1);
      expect(privateTo(sent, 'cal')[0]?.text).toBe(
        'Thank you for asking. No mentor can take an ask just now (there may be none yet, or all are away or have a full week).',
      );
      await bot.as('tia').say('mentors');
      expect(privateTo(bot.chat.take(), 'tia')[0]?.sections?.[0]).toBe('• ben: behaviour; has a full week');
      await bot.as('tia').say('mentor capacity 3');
      expect(privateTo(bot.chat.take(), 'tia')[0]?.text).toMatch(/^You are not a mentor here/);
    });
  });
});
