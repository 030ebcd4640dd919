import { describe, expect, it } from 'vitest';
import { goalDraftSchema } from '../../src/core/goals/goal-form.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { draft } from '../helpers/goal-drafts.js';
import { privateTo, setUpAna, values } from '../helpers/goal-teacher.js';
import { storedCommunities, storedGoals } from '../helpers/stored-rows.js';

// Setting a goal up through the core: the form, coaching, the limit on goals, and what a broken form
// or a wrong number gets.

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  const goals = () => storedGoals(newStore.database());
  const setUp = () => setUpAna(newStore());

  describe("a teacher's goals", () => {
    it('opens the form, then saves a SMART goal at once', async () => {
      const { bot, ana } = await setUp();
      await ana.say('goal');
      const form = bot.chat.take().find((s) => s.kind === 'form');
      expect(form?.kind === 'form' && form.form.fields.map((f) => f.name)).toEqual([
        'specific',
        'measure',
        'firstStep',
        'relevance',
        'dueOn',
        'cadence',
        'celebrate',
      ]);
      await ana.submit({ kind: 'goal', context: {}, values: values() });
      expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toBe(
        'Saved as goal 1: "Read aloud to small groups twice a week", by 2026-05-29.',
      );
      expect(await goals()).toEqual([
        expect.objectContaining({
          target: 20,
          unit: 'read-alouds',
          communityId: (await storedCommunities(newStore.database()))[0]?.id,
          status: 'active',
        }),
      ]);
    });

    it('asks coaching questions first, and still saves it as it is if the teacher wants', async () => {
      const { bot, ana } = await setUp();
      await ana.submit({
        kind: 'goal',
        context: {},
        values: values({ specific: 'Improve reading', measure: 'more engagement' }),
      });
      const coaching = privateTo(bot.chat.take(), 'ana')[0];
      expect(coaching?.sections).toHaveLength(2);
      expect(coaching?.buttons?.map((b) => b.label)).toEqual(['Change it', 'Save as it is']);
      expect(await goals()).toEqual([]);

      await ana.press(coaching?.buttons?.[0]?.action);
      expect(bot.chat.take().find((s) => s.kind === 'form')?.kind === 'form').toBe(true);
      await ana.press(coaching?.buttons?.[1]?.action);
      expect(await goals()).toEqual([expect.objectContaining({ specific: 'Improve reading', target: null })]);
    });

    it('keeps goals few: a fourth is refused kindly', async () => {
      const { bot, ana } = await setUp();
      for (let i = 0; i < 3; i++)
        await ana.submit({ kind: 'goal', context: {}, values: values({ specific: `Goal ${i} twice a week` }) });
      bot.chat.take();
      await ana.say('goal');
      await ana.submit({ kind: 'goal', context: {}, values: values() });
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        expect.stringMatching(/You have 3 goals going already/),
        expect.stringMatching(/You have 3 goals/),
      ]);
      expect(await goals()).toHaveLength(3);
    });

    it('answers a wrong goal number and a broken form clearly', async () => {
      const { bot, ana } = await setUp();
      await ana.say('progress 4 2');
      await ana.submit({ kind: 'goal', context: {}, values: { specific: '', measure: 'x', dueOn: '2026-02-30' } });
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        'You have no goals going right now. `goal` sets one up.',
        expect.stringMatching(/^Some answers were missing or too long/),
      ]);
    });
  });

  describe('the goal form parser', () => {
    it('refuses a date that is not one, without throwing', () => {
      for (const dueOn of ['someday', '2026-02-30', '']) {
        expect(goalDraftSchema.safeParse({ ...draft(), dueOn }).success, dueOn).toBe(false);
      }
      expect(goalDraftSchema.safeParse(draft()).success).toBe(true);
    });
  });
});
