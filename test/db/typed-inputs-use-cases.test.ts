import { describe, expect, it } from 'vitest';
import type { GoalDraft } from '../../src/core/goals/goal.js';
import { coachGoal } from '../../src/core/goals/smart.js';
import { createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { goalUpdateValues, nextNudgeAt, rowCount, storedMembers } from '../helpers/stored-rows.js';
import type { Sent } from '../helpers/recording-chat.js';

// Progress as teachers mean it, goals dated and measured as they write them, and a teacher's own zone.

const monday = new Date('2026-03-02T15:00:00Z');
const draft = (over: Partial<GoalDraft> = {}): GoalDraft => ({
  specific: 'Read aloud to small groups twice a week',
  measure: '20 read-alouds',
  firstStep: null,
  relevance: null,
  dueOn: '2026-05-29',
  cadence: 'weekly',
  celebrate: false,
  ...over,
});
/** What the form sends: no answer to an optional question is left out. */
const values = (over: Partial<GoalDraft> = {}) => {
  const { firstStep: _first, relevance: _relevance, ...rest } = draft(over);
  return rest;
};
const privateTo = (sent: Sent[], user: string) =>
  sent.filter((s) => s.kind === 'ephemeral' && s.user === user).map((s) => (s.kind === 'ephemeral' ? s.message : null));

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  async function teacher() {
    const store = newStore();
    const bot = createDriver(store, { now: monday });
    const ana = bot.as('ana');
    await ana.submit({ kind: 'goal', context: {}, values: values() });
    bot.chat.take();
    return { store, bot, ana, memberId: (await storedMembers(newStore.database()))[0]?.id ?? 0 };
  }

  describe('progress', () => {
    it('sets a total or adds to the latest one, and says which', async () => {
      const { bot, ana } = await teacher();
      await ana.say('progress 1 14');
      await ana.say('progress 1 +3 two more groups');
      await ana.say('progress 1 -1 one did not happen');
      const texts = privateTo(bot.chat.take(), 'ana').map((m) => m?.text);
      expect(texts[0]).toMatch(/^Now 14 of 20 read-alouds \(your total\)\. Read aloud/);
      expect(texts[1]).toMatch(/^Added 3: now 17 of 20 read-alouds\. .*\(85%\), up from 14/);
      expect(texts[2]).toMatch(/^Took back 1: now 16 of 20 read-alouds\./);
    });

    it('refuses a total below zero and keeps the latest', async () => {
      const { bot, ana } = await teacher();
      await ana.say('progress 1 -4');
      await ana.say('progress 1 2');
      await ana.say('progress 1 -3');
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        'That would take goal 1 below zero: no progress is logged on it yet. What have you done so far? `progress 1 <total>` sets it, `progress 1 +2` adds two.',
        expect.stringMatching(/^Now 2 of 20/),
        expect.stringMatching(/^That would take goal 1 below zero: it is at 2 now\./),
      ]);
      expect(await goalUpdateValues(newStore.database())).toEqual([2]);
    });

    it('points out a total lower than the last, in case it was meant as more', async () => {
      const { bot, ana } = await teacher();
      await ana.say('progress 1 5');
      await ana.say('progress 1 2 did two more');
      const answer = privateTo(bot.chat.take(), 'ana')[1];
      expect(answer?.text).toMatch(/^Now 2 of 20 read-alouds \(your total\)\./);
      expect(answer?.sections).toEqual([
        'That is less than your last total, 5. If you meant 2 more, `progress 1 7` puts it right (next time, `progress 1 +2` adds).',
      ]);
    });

    it('takes an increment from the progress form too', async () => {
      const { bot, ana } = await teacher();
      await ana.submit({ kind: 'progress', values: { goal: '1', value: '6' } });
      await ana.submit({ kind: 'progress', values: { goal: '1', value: '+4' } });
      await ana.submit({ kind: 'progress', values: { goal: '1', value: '-11' } });
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        expect.stringMatching(/^Now 6 of 20/),
        expect.stringMatching(/^Added 4: now 10 of 20/),
        expect.stringMatching(/^That would take goal 1 below zero: it is at 10 now/),
      ]);
    });
  });

  describe('goals as teachers write them', () => {
    it('refuses a due date that has passed with a question, and offers no "Save as it is"', async () => {
      const { bot, ana } = await teacher();
      await ana.submit({
        kind: 'goal',
        context: {},
        values: values({ specific: 'Exit tickets every Friday', dueOn: '2026-02-27' }),
      });
      const coaching = privateTo(bot.chat.take(), 'ana')[0];
      expect(coaching?.sections).toEqual([
        '• 2026-02-27 has already passed. What nearer date in the coming weeks would suit this goal, such as in 6 weeks?',
      ]);
      expect(coaching?.buttons?.map((b) => b.label)).toEqual(['Change it']);
      expect(await rowCount(newStore.database(), 'goals')).toBe(1);
    });

    it('refuses a "Save as it is" whose date has passed since it was drawn', async () => {
      const { bot, ana } = await teacher();
      await ana.submit({
        kind: 'goal',
        context: {},
        values: values({ specific: 'Improve engagement', dueOn: '2026-03-03' }),
      });
      const coaching = privateTo(bot.chat.take(), 'ana')[0];
      bot.advance(3 * 24 * 60);
      await ana.press(coaching?.buttons?.[1]?.action);
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        expect.stringMatching(/^2026-03-03 has already passed/),
      ]);
      expect(await rowCount(newStore.database(), 'goals')).toBe(1);
    });

    it('reads "By when?" typed in words against the teacher\'s own today', async () => {
      const { store, bot, ana, memberId } = await teacher();
      await ana.submit({
        kind: 'goal',
        context: {},
        values: values({ specific: 'Exit tickets every Friday', dueOn: 'in 6 weeks' }),
      });
      expect((await store.goals.listActive(memberId))[1]?.dueOn).toBe('2026-04-13');
      await ana.submit({
        kind: 'goal',
        context: {},
        values: values({ specific: 'Exit tickets every Monday', dueOn: 'when it feels right' }),
      });
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        expect.stringMatching(/by 2026-04-13/),
        "By when? I couldn't read a date in that answer. Try dec 18, in 6 weeks, next friday or 2026-12-18.",
      ]);
    });

    it('counts a measure without a digit and questions a vague goal whatever its date', () => {
      const today = '2026-03-02';
      for (const measure of [
        'Number of lessons with exit tickets',
        'every lesson',
        'weekly',
        'how many students answer',
      ]) {
        expect(coachGoal(draft({ measure }), today), measure).toEqual([]);
      }
      expect(coachGoal(draft({ measure: 'students seem happier' }), today)).toEqual([
        expect.stringMatching(/What could you count/),
      ]);
      for (const specific of [
        'be better at reading',
        'improve engagement',
        'Improving student engagement',
        'Be a better teacher',
        'Become a better listener',
      ]) {
        for (const dueOn of ['2026-03-20', '2027-02-26']) {
          expect(coachGoal(draft({ specific, dueOn }), today), `${specific} ${dueOn}`).toEqual([
            expect.stringMatching(/What would it look like in your classroom/),
          ]);
        }
      }
      expect(coachGoal(draft({ specific: 'Improve reading by running small groups twice a week' }), today)).toEqual([]);
    });
  });

  describe('my timezone', () => {
    it("shows the zone in use, sets a teacher's own and replans their nudges in it", async () => {
      const { bot, ana, memberId } = await teacher();
      expect((await nextNudgeAt(newStore.database(), memberId))?.toISOString()).toBe('2026-03-03T21:30:00.000Z');
      await ana.say('my timezone');
      await ana.say('my timezone London');
      expect((await nextNudgeAt(newStore.database(), memberId))?.toISOString()).toBe('2026-03-03T15:30:00.000Z');
      await ana.say('nudges tue 3:30pm');
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        'Your time zone is America/Chicago (from your profile). Change it with `my timezone <city or zone>`, for example `my timezone London`.',
        'Your time zone is now Europe/London: your nudges come on your school days at your time there.',
        'I will check in on your goals on Tuesdays at 15:30, Europe/London time, on school days only.',
      ]);
    });

    it('keeps the zone a teacher chose over the one their platform reports', async () => {
      const { bot, ana } = await teacher();
      await ana.say('my timezone new york');
      // Every interaction of the driver reports America/Chicago, as a platform profile would.
      await ana.say('my timezone');
      expect((await storedMembers(newStore.database()))[0]?.timeZone).toBe('America/New_York');
      expect(privateTo(bot.chat.take(), 'ana')[1]?.text).toMatch(
        /^Your time zone is America\/New_York \(you set it\)\./,
      );
    });
  });
});
