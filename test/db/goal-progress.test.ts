import { describe, expect, it } from 'vitest';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { privateTo, setUpAna, values } from '../helpers/goal-teacher.js';
import { storedCommunities, storedGoals } from '../helpers/stored-rows.js';

// A goal under way through the core: progress, ending, undoing, celebrating and reworking it.

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  const goals = () => storedGoals(newStore.database());
  const setUp = () => setUpAna(newStore());

  describe("a teacher's goals", () => {
    it('logs progress, shows percent and trend, and ends goals in kind words', async () => {
      const { bot, ana } = await setUp();
      await ana.submit({ kind: 'goal', context: {}, values: values({ celebrate: true }) });
      await ana.submit({
        kind: 'goal',
        context: {},
        values: values({ specific: 'Exit tickets every Friday', measure: '10 exit tickets' }),
      });
      bot.chat.take();
      await ana.say('progress 1 10');
      await ana.say('progress 1 14 read aloud with the whole group');
      await ana.say('progress 2 10');
      const logged = privateTo(bot.chat.take(), 'ana');
      expect(logged[1]?.text).toContain('14 of 20 read-alouds (70%), up from 10');
      expect(logged[2]?.sections).toEqual([
        'You reached your target. When it feels done, `goal achieved 2` marks it achieved.',
      ]);

      await ana.say('goals');
      expect(privateTo(bot.chat.take(), 'ana')[0]?.sections?.[0]).toBe(
        '1. Read aloud to small groups twice a week: 14 of 20 read-alouds (70%), up from 10. By 2026-05-29, checking in every week.\n' +
          '2. Exit tickets every Friday: 10 of 10 exit tickets (100%). By 2026-05-29, checking in every week.',
      );

      await ana.say('goal achieved 1');
      const sent = bot.chat.take();
      expect(sent.find((s) => s.kind === 'post')?.kind === 'post' && sent.find((s) => s.kind === 'post')).toMatchObject(
        {
          to: { channel: 'C-circle' },
          message: { text: 'ana reached a goal: "Read aloud to small groups twice a week". Congratulations!' },
        },
      );
      // Numbers stay put: goal 2 is still goal 2 after goal 1 ended, and goal 1 is still goal 1.
      await ana.say('goal drop 2');
      expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toMatch(
        /^Set aside: goal 2, "Exit tickets every Friday"\. Letting go of a goal that no longer fits is part of the process\./,
      );
      await ana.say('goal drop 2');
      await ana.say('goal rework 1');
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        'Goal 2, "Exit tickets every Friday", is set aside already, so nothing changed. `goals` lists the ones going now.',
        'Goal 1, "Read aloud to small groups twice a week", is achieved already, so nothing changed. `goals` lists the ones going now.',
      ]);
      await ana.say('goals');
      expect(privateTo(bot.chat.take(), 'ana')[0]?.sections).toEqual([
        'No goals going right now; the ones you set have ended (`goals all` lists every one). `goal` sets a new one up.',
        'Lately\n2. Exit tickets every Friday: set aside\n1. Read aloud to small groups twice a week: achieved',
      ]);
      expect((await goals()).map((g) => g.status)).toEqual(['achieved', 'dropped']);

      // A new goal takes the next number, never one already used.
      await ana.submit({
        kind: 'goal',
        context: {},
        values: values({ specific: 'Conferences with every reader', measure: '24 conferences' }),
      });
      bot.chat.take();
      await ana.say('progress 3 4');
      await ana.say('progress 1 4');
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)[1]).toBe(
        'Goal 1, "Read aloud to small groups twice a week", is achieved already, so nothing changed. `goals` lists the ones going now.',
      );
      await ana.say('goals all');
      expect(privateTo(bot.chat.take(), 'ana')[0]?.sections?.[1]).toBe(
        'Ended\n2. Exit tickets every Friday: set aside\n1. Read aloud to small groups twice a week: achieved',
      );
    });

    it('brings back a goal ended by mistake, with the Undo button or `undo`, for a day', async () => {
      const { bot, ana } = await setUp();
      await ana.submit({ kind: 'goal', context: {}, values: values() });
      await ana.submit({
        kind: 'goal',
        context: {},
        values: values({ specific: 'Exit tickets every Friday', measure: '10 exit tickets' }),
      });
      await ana.say('progress 1 6');
      bot.chat.take();

      await ana.say('goal drop 1');
      const dropped = privateTo(bot.chat.take(), 'ana')[0];
      const undo = dropped?.buttons?.find((b) => b.label === 'Undo');
      expect(undo?.action).toEqual({ kind: 'goal.undo', goalId: (await goals())[0]?.id });
      await ana.press(undo?.action);
      expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toBe(
        'Back on: goal 1, "Read aloud to small groups twice a week", with its progress and its nudges.',
      );
      expect((await goals()).map((g) => [g.number, g.status])).toEqual([
        [1, 'active'],
        [2, 'active'],
      ]);
      // Pressed again, it is going already: nothing changes.
      await ana.press(undo?.action);
      expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toBe(
        'That goal is going already, or it ended more than a day ago, so nothing changed.',
      );

      // `undo` in words takes back the latest ending; not past the cap, and not after a day.
      await ana.say('goal achieved 2');
      await ana.submit({
        kind: 'goal',
        context: {},
        values: values({ specific: 'Conferences', measure: '24 conferences' }),
      });
      await ana.submit({
        kind: 'goal',
        context: {},
        values: values({ specific: 'Book talks', measure: '6 book talks' }),
      });
      bot.chat.take();
      await ana.say('undo');
      expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toMatch(
        /^You have 3 goals going already, so that one stays ended/,
      );
      await ana.say('goal drop 4');
      bot.advance(25 * 60);
      await ana.say('undo');
      expect(privateTo(bot.chat.take(), 'ana').at(-1)?.text).toBe(
        'There is nothing you ended, set aside or retired in the last day to bring back.',
      );
      expect((await goals()).map((g) => [g.number, g.status])).toEqual([
        [1, 'active'],
        [2, 'achieved'],
        [3, 'active'],
        [4, 'dropped'],
      ]);
    });

    it('celebrates only goals whose owner asked for it', async () => {
      const { bot, ana } = await setUp();
      await ana.submit({ kind: 'goal', context: {}, values: values() });
      bot.chat.take();
      await ana.say('goal achieved 1');
      expect(bot.chat.take().filter((s) => s.kind === 'post')).toEqual([]);
    });

    it('reworks a goal into a new one linked to it', async () => {
      const { bot, ana } = await setUp();
      await ana.submit({ kind: 'goal', context: {}, values: values() });
      bot.chat.take();
      await ana.say('goal rework 1');
      const form = bot.chat.take().find((s) => s.kind === 'form');
      // The community it is reworked in travels with the form, to be checked again when it comes back.
      expect(form?.kind === 'form' && form.form.context).toEqual({
        reworks: (await goals())[0]?.id,
        communityId: (await storedCommunities(newStore.database()))[0]?.id,
      });
      expect(form?.kind === 'form' && form.form.fields.find((f) => f.name === 'specific')).toMatchObject({
        initial: 'Read aloud to small groups twice a week',
      });
      await ana.submit({
        kind: 'goal',
        context: { reworks: (await goals())[0]?.id },
        values: values({ measure: '12 read-alouds' }),
      });
      expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toMatch(/^Reworked:/);
      expect((await goals()).map((g) => [g.status, g.target])).toEqual([
        ['reworked', 20],
        ['active', 12],
      ]);
    });

    it('says none is going, not none at all, after four goals have ended, and where to see them', async () => {
      const { bot, ana } = await setUp();
      for (const specific of ['Read aloud', 'Exit tickets', 'Conferences'])
        await ana.submit({ kind: 'goal', context: {}, values: values({ specific }) });
      await ana.say('goal achieved 1');
      await ana.say('goal drop 2');
      await ana.say('goal achieved 3');
      await ana.submit({ kind: 'goal', context: {}, values: values({ specific: 'Book talks' }) });
      await ana.say('goal drop 4');
      bot.chat.take();

      await ana.say('goals');
      const [listed] = privateTo(bot.chat.take(), 'ana');
      expect(listed?.sections?.[0]).toBe(
        'No goals going right now; the ones you set have ended (`goals all` lists every one). `goal` sets a new one up.',
      );
      expect(listed?.sections?.join('\n')).not.toMatch(/no goals yet/i);
      await ana.say('progress 2 3');
      expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toBe(
        'Goal 2, "Exit tickets", is set aside already, so nothing changed. `goals` lists the ones going now.',
      );
      await ana.say('progress 9 3');
      expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toBe(
        'You have no goals going right now; the ones you set have ended (`goals all` lists every one). `goal` sets a new one up.',
      );
      await ana.say('goals all');
      expect(privateTo(bot.chat.take(), 'ana')[0]?.sections?.[0]).toBe(
        'No goals going right now; the ones you set have ended (all listed below). `goal` sets a new one up.',
      );
    });
  });
});
