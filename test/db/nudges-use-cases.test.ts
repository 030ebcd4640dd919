import { describe, expect, it } from 'vitest';
import { sendNudge } from '../../src/core/use-cases/nudges/send-nudge.js';
import { createDriver, silentLog } from '../helpers/driver.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { nextNudgeAt, storedMembers } from '../helpers/stored-rows.js';
import type { Sent } from '../helpers/recording-chat.js';

const monday = new Date('2026-03-02T15:00:00Z');
const goal = (specific: string) => ({
  specific,
  measure: '10 read-alouds',
  dueOn: '2026-05-29',
  cadence: 'weekly',
  celebrate: false,
});
const privateTo = (sent: Sent[], user: string) =>
  sent
    .filter((s) => s.kind === 'ephemeral' && s.user === user)
    .map((s) => (s.kind === 'ephemeral' ? s.message.text : ''));

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  const nextNudge = (memberId: number) => nextNudgeAt(newStore.database(), memberId);

  async function teacher() {
    const store = newStore();
    const bot = createDriver(store, { now: monday });
    await bot.as('ana').submit({ kind: 'goal', context: {}, values: goal('Read aloud twice a week') });
    const memberId = (await storedMembers(newStore.database()))[0]?.id ?? 0;
    return { store, bot, memberId, ana: bot.as('ana') };
  }

  describe('nudges', () => {
    it("are planned for Tuesday 15:30 in the teacher's zone once they have a goal, and follow their choice", async () => {
      const { bot, memberId, ana } = await teacher();
      expect((await nextNudge(memberId))?.toISOString()).toBe('2026-03-03T21:30:00.000Z');
      await ana.say('nudges thu 08:00');
      expect((await nextNudge(memberId))?.toISOString()).toBe('2026-03-05T14:00:00.000Z');
      await ana.say('nudges off');
      expect(await nextNudge(memberId)).toBeNull();
      expect(privateTo(bot.chat.take(), 'ana').slice(-2)).toEqual([
        'I will check in on your goals on Thursdays at 08:00, America/Chicago time, on school days only.',
        'Nudges are off. Your goals stay as they are; `nudges tue 15:30` turns nudges back on.',
      ]);
      await ana.say('nudges sat 10:00');
      expect(privateTo(bot.chat.take(), 'ana')).toEqual([
        expect.stringMatching(/Nudges come on school days, Monday to Friday/),
      ]);
    });

    it('stop being planned when the last goal ends', async () => {
      const { memberId, ana } = await teacher();
      await ana.say('goal achieved 1');
      expect(await nextNudge(memberId)).toBeNull();
    });

    it('come as one direct message covering the due goals, with answers', async () => {
      const { store, bot, memberId, ana } = await teacher();
      await ana.submit({ kind: 'goal', context: {}, values: goal('Exit tickets on Fridays') });
      bot.chat.take();
      const goalIds = (await store.goals.listActive(memberId)).map((g) => g.id);
      await sendNudge({ store, now: monday, log: silentLog, chatFor: async () => bot.chat }, { memberId, goalIds });
      const [dm] = bot.chat.take();
      expect(dm?.kind).toBe('dm');
      if (dm?.kind !== 'dm') return;
      expect(dm.to).toEqual({ workspace: 'T1', user: 'ana' });
      expect(dm.message.sections?.[0]).toBe(
        '1. Read aloud twice a week: no progress logged yet. By 2026-05-29, checking in every week.\n2. Exit tickets on Fridays: no progress logged yet. By 2026-05-29, checking in every week.',
      );
      expect(dm.message.buttons?.map((b) => b.label)).toEqual([
        'Log progress',
        'On track',
        "I'm stuck",
        'Snooze a week',
      ]);
      expect((await store.goals.listActive(memberId)).map((g) => g.unanswered)).toEqual([1, 1]);

      await ana.press(dm.message.buttons?.[2]?.action);
      const stuck = bot.chat.take().find((s) => s.kind === 'ephemeral');
      expect(stuck?.kind === 'ephemeral' && stuck.message.text).toBe(
        'Being stuck is part of it. What is one thing you could do this week to move this forward?',
      );
      expect((await store.goals.listActive(memberId)).map((g) => g.unanswered)).toEqual([0, 0]);
      // The question can be answered: a form keeps the next step with the goal, its total left as it is.
      const write =
        stuck?.kind === 'ephemeral' ? stuck.message.buttons?.find((b) => b.label === 'Write my next step') : undefined;
      await ana.press(write?.action);
      const stepForm = bot.chat.take().find((s) => s.kind === 'form');
      expect(stepForm?.kind === 'form' && stepForm.form.fields.map((f) => [f.name, f.label])).toEqual([
        ['goal', 'Which goal?'],
        ['value', 'Anything to add to your total? (+0 leaves it as it is)'],
        ['note', 'One thing you could do this week'],
      ]);
      await ana.submit({ kind: 'progress', values: { goal: '1', value: '+0', note: 'Ask Ben how he groups readers' } });
      expect(privateTo(bot.chat.take(), 'ana')).toEqual(['Kept with goal 1: Ask Ben how he groups readers']);

      await ana.press(dm.message.buttons?.[3]?.action);
      expect((await store.goals.listActive(memberId)).map((g) => g.snoozedUntil?.toISOString())).toEqual([
        '2026-03-09T15:00:00.000Z',
        '2026-03-09T15:00:00.000Z',
      ]);

      await ana.press(dm.message.buttons?.[0]?.action);
      const form = bot.chat.take().find((s) => s.kind === 'form');
      expect(form?.kind === 'form' && form.form.fields.map((f) => f.name)).toEqual(['goal', 'value', 'note']);
      await ana.submit({ kind: 'progress', values: { goal: '2', value: '4', note: 'two Fridays so far' } });
      expect(privateTo(bot.chat.take(), 'ana')[0]).toContain('Exit tickets on Fridays: 4 of 10 read-alouds (40%)');
      await ana.submit({ kind: 'progress', values: { goal: '2', value: 'lots' } });
      expect(privateTo(bot.chat.take(), 'ana')).toEqual([
        'Progress needs a number: your total so far, like 14, or what to add, like +3.',
      ]);
    });

    it('ask whether a goal still fits after three nudges without an answer', async () => {
      const { store, bot, memberId } = await teacher();
      const goalIds = (await store.goals.listActive(memberId)).map((g) => g.id);
      for (let i = 0; i < 4; i++)
        await sendNudge({ store, now: monday, log: silentLog, chatFor: async () => bot.chat }, { memberId, goalIds });
      const dms = bot.chat.take().filter((s) => s.kind === 'dm');
      expect(dms[2]?.kind === 'dm' && dms[2].message.sections?.[0]).toMatch(
        /^1\. Read aloud twice a week: no progress/,
      );
      expect(dms[3]?.kind === 'dm' && dms[3].message.sections?.[0]).toMatch(
        /it has been a few weeks\. Does this goal still fit where you are\?/,
      );
    });

    it('move off a break an admin adds, and only admins keep the calendar', async () => {
      const { bot, memberId } = await teacher();
      // In the console the first speaker (ana) is an admin.
      await bot.as('ben').say('calendar add 2026-03-03 Staff day');
      await bot.as('ana').say('calendar add 2026-03-03 Staff day');
      await bot.as('ana').say('calendar');
      const sent = bot.chat.take();
      expect(privateTo(sent, 'ben')).toEqual([
        expect.stringMatching(/^Only Mentor Circle admins keep the school calendar/),
      ]);
      expect((await nextNudge(memberId))?.toISOString()).toBe('2026-03-04T21:30:00.000Z');
      const ana = sent.filter((s) => s.kind === 'ephemeral' && s.user === 'ana');
      expect(ana.at(-1)).toMatchObject({ message: { sections: ['• 1. Staff day: 2026-03-03'] } });
    });

    it("refuse answers about someone else's goals, and snooze by number", async () => {
      const { store, bot, memberId, ana } = await teacher();
      const goalIds = (await store.goals.listActive(memberId)).map((g) => g.id);
      await bot.as('ben').press({ kind: 'nudge.answer', answer: 'on-track', goalIds });
      expect(privateTo(bot.chat.take(), 'ben')).toEqual([
        'Those goals are not active any more, so there is nothing to answer.',
      ]);
      await ana.say('snooze 1 10');
      expect(privateTo(bot.chat.take(), 'ana')).toEqual([
        'Snoozed "Read aloud twice a week" for 10 days. It will be waiting for you.',
      ]);
      expect((await store.goals.listActive(memberId))[0]?.snoozedUntil?.toISOString()).toBe('2026-03-12T15:00:00.000Z');
    });
  });
});
