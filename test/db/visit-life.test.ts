import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/messages.js';
import type { OutboxItem } from '../../src/core/outbox.js';
import { deliverVisitItem, VISIT_NOTICING, VISIT_REMINDER } from '../../src/core/visits/sends.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { createDriver } from '../helpers/driver.js';
import { dmsTo } from '../helpers/recording-chat.js';
import { outboxPayloads, waitingOutbox } from '../helpers/stored-rows.js';

// A visit's life in the core, from request to reflection, with its timed messages sent when the test
// says so rather than by the scheduler.

// Tuesday 3 March 2026, 09:00 in Chicago.
const now = new Date('2026-03-03T15:00:00Z');

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  describe('a visit through the core', () => {
    function setUp() {
      const store = newStore();
      const bot = createDriver(store, { now });
      return { store, bot };
    }
    const timed = (kind: string) => waitingOutbox(newStore.database(), kind);

    it('runs from request to reflection: the notes reach the observed teacher alone', async () => {
      const { store, bot } = setUp();
      await bot.as('ben', 'D-ben').say('help');
      await bot.as('ana', 'D-ana').say('invite <@ben> thu 10:00 exit tickets');
      const request = dmsTo(bot.chat.sent, 'ben').at(-1);
      expect(request?.text).toBe('ana would like you to come and watch their lesson on Thu 5 Mar, 10:00 (your time).');
      const accept = request?.buttons?.[0]?.action;
      expect(accept).toMatchObject({ kind: 'visit.accept' });
      // Ana cannot answer her own request: the server knows Ben is the one asked.
      await bot.as('ana', 'D-ana').press(accept);
      expect(bot.chat.sent.at(-1)).toMatchObject({
        kind: 'ephemeral',
        message: { text: 'That visit is not one I can find for you, so nothing was changed.' },
      });
      await bot.as('ben', 'D-ben').press(accept);
      expect(dmsTo(bot.chat.sent, 'ana').at(-1)?.text).toBe('ben said yes: Thu 5 Mar, 10:00 (your time).');
      expect((await timed(VISIT_REMINDER)).map((i) => i.dueAt.toISOString())).toEqual([
        '2026-03-04T21:00:00.000Z',
        '2026-03-04T21:00:00.000Z',
      ]);
      const [noticing] = await timed(VISIT_NOTICING);
      expect(noticing?.dueAt.toISOString()).toBe('2026-03-05T17:00:00.000Z');
      expect(JSON.stringify(await outboxPayloads(newStore.database()))).not.toContain('exit tickets');

      for (const item of await timed(VISIT_REMINDER)) await deliverVisitItem({ store, chat: bot.chat }, 'T1', item);
      expect(dmsTo(bot.chat.sent, 'ben').at(-1)?.text).toBe(
        "A reminder: you are watching ana's lesson on Thu 5 Mar, 10:00 (your time).",
      );
      expect(dmsTo(bot.chat.sent, 'ana').at(-1)?.text).toBe(
        'A reminder: ben comes to watch your lesson on Thu 5 Mar, 10:00 (your time).',
      );

      // Thursday 11:00 in Chicago, an hour after the lesson began.
      bot.advance(50 * 60);
      await deliverVisitItem({ store, chat: bot.chat }, 'T1', noticing as OutboxItem);
      const form = dmsTo(bot.chat.sent, 'ben').at(-1);
      expect(form?.text).toBe("Thank you for visiting ana's classroom. What did you notice?");
      await bot.as('ben', 'D-ben').press(form?.buttons?.[0]?.action);
      expect(bot.chat.sent.at(-1)).toMatchObject({
        kind: 'form',
        form: {
          kind: 'visit-notes',
          fields: [{ label: 'What did you notice about exit tickets? What did students say or do?' }, {}, {}],
        },
      });
      const visitId = (accept as { visitId: number }).visitId;
      await bot.as('ben', 'D-ben').submit({
        kind: 'visit-notes',
        context: { visitId },
        values: {
          noticed: 'Every student wrote one before leaving',
          wondered: 'How you use them the next day',
          next: '',
        },
      });
      const notes = dmsTo(bot.chat.sent, 'ana').at(-2);
      expect(notes?.text).toBe('ben wrote down what they noticed in your lesson. These notes are for you alone.');
      expect(notes?.sections?.[0]).toContain('Every student wrote one before leaving');
      expect(dmsTo(bot.chat.sent, 'ana').at(-1)?.buttons?.[0]?.action).toEqual({ kind: 'visit.reflect', visitId });
      expect(
        bot.chat.sent
          .filter((s) => s.kind !== 'dm' || s.to.user !== 'ana')
          .map((s) => JSON.stringify(s))
          .join('\n'),
      ).not.toContain('Every student wrote one');

      await bot
        .as('ana', 'D-ana')
        .submit({ kind: 'visit-reflection', context: { visitId }, values: { text: 'Use them to start Friday' } });
      expect((await store.visits.byId(visitId))?.reflection).toBe('Use them to start Friday');
      // Ben cannot write Ana's reflection.
      await bot
        .as('ben', 'D-ben')
        .submit({ kind: 'visit-reflection', context: { visitId }, values: { text: 'not mine to write' } });
      expect((await store.visits.byId(visitId))?.reflection).toBe('Use them to start Friday');
    });

    it('tells the requester of a decline without a reason, and a cancel to the other person, and sends nothing planned after a cancel', async () => {
      const { store, bot } = setUp();
      await bot.as('ben', 'D-ben').say('help');
      await bot.as('ana', 'D-ana').say('visit <@ben> thu 10:00');
      const first = dmsTo(bot.chat.sent, 'ben').at(-1);
      await bot.as('ben', 'D-ben').press(first?.buttons?.[1]?.action);
      expect(dmsTo(bot.chat.sent, 'ana').at(-1)?.text).toBe("ben can't make Thu 5 Mar, 10:00 (your time) this time.");

      await bot.as('ana', 'D-ana').say('visit <@ben> fri 11:00');
      await bot.as('ben', 'D-ben').press(dmsTo(bot.chat.sent, 'ben').at(-1)?.buttons?.[0]?.action);
      await bot.as('ben', 'D-ben').say('visits');
      const list = bot.chat.sent.at(-1) as { message: Message };
      expect(list.message.sections?.[0]).toBe('• Fri 6 Mar, 11:00: ana watching yours');
      await bot.as('ben', 'D-ben').press(list.message.buttons?.[0]?.action);
      expect(dmsTo(bot.chat.sent, 'ana').at(-1)?.text).toBe(
        'ben has called off the visit on Fri 6 Mar, 11:00 (your time).',
      );
      const before = bot.chat.sent.length;
      for (const item of [...(await timed(VISIT_REMINDER)), ...(await timed(VISIT_NOTICING))])
        await deliverVisitItem({ store, chat: bot.chat }, 'T1', item);
      expect(bot.chat.sent.length).toBe(before);
    });

    it('takes no yes once the lesson has begun, and no notes before it', async () => {
      const { store, bot } = setUp();
      await bot.as('ben', 'D-ben').say('help');
      await bot.as('ana', 'D-ana').say('visit <@ben> wed 10:00');
      const accept = dmsTo(bot.chat.sent, 'ben').at(-1)?.buttons?.[0]?.action;
      const visitId = (accept as { visitId: number }).visitId;
      await bot.as('ben', 'D-ben').press(accept);
      // ana observes; a notes form sent before the lesson is refused.
      await bot
        .as('ana', 'D-ana')
        .submit({ kind: 'visit-notes', context: { visitId }, values: { noticed: 'too soon' } });
      expect(bot.chat.sent.at(-1)).toMatchObject({
        message: {
          text: 'The lesson has not begun yet, so there is nothing to note. I will send you the questions an hour after it starts.',
        },
      });
      expect((await store.visits.byId(visitId))?.notes).toBeNull();

      await bot.as('ana', 'D-ana').say('visit <@ben> wed 11:00');
      const late = dmsTo(bot.chat.sent, 'ben').at(-1)?.buttons?.[0]?.action;
      bot.advance(2 * 24 * 60);
      await bot.as('ben', 'D-ben').press(late);
      expect(bot.chat.sent.at(-1)).toMatchObject({
        message: {
          text: 'That lesson has begun already, so it is too late to say yes to it. They can ask again for another day.',
        },
      });
      expect((await store.visits.byId((late as { visitId: number }).visitId))?.status).toBe('requested');
    });

    it('does not ask someone whose status says they are away then, nor on a weekend', async () => {
      const { store, bot } = setUp();
      await bot.as('ben', 'D-ben').say('help');
      const ben = await store.members.find(
        (await store.workspaces.ensure({ platform: 'console', externalId: 'T1' })).id,
        'ben',
      );
      await store.members.recordAway(ben?.id ?? 0, { away: true, until: new Date('2026-03-10T00:00:00Z') }, now);
      await bot.as('ana', 'D-ana').say('visit <@ben> thu 10:00');
      expect(bot.chat.sent.at(-1)).toMatchObject({
        message: {
          text: "ben's status says they are away then, so I have not asked them. Another day, once they are back, may suit.",
        },
      });
      await bot.as('ana', 'D-ana').say('visit <@ben> sat 10:00');
      expect(bot.chat.sent.at(-1)).toMatchObject({
        message: { text: 'Saturday 7 March is a weekend. The next school day is Monday 9 March. Nothing was sent.' },
      });
      expect(dmsTo(bot.chat.sent, 'ben')).toEqual([]);
    });
  });
});
