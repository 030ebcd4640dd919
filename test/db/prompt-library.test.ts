import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROMPTS } from '../../src/core/prompts/library.js';
import { createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { storedIn } from '../helpers/stored-rows.js';
import type { Sent } from '../helpers/recording-chat.js';

const privateTo = (sent: Sent[], user: string) =>
  sent.filter((s) => s.kind === 'ephemeral' && s.user === user).map((s) => (s.kind === 'ephemeral' ? s.message : null));

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  const stored = storedIn(newStore.database);

  async function community() {
    const store = newStore();
    const bot = createDriver(store);
    await bot.as('ana').say('setup Grade 3');
    bot.chat.take();
    return { store, bot, ana: bot.as('ana'), ben: bot.as('ben') };
  }

  describe('the prompt library of a community', () => {
    it('lists every prompt, numbered, by theme', async () => {
      const { bot, ana } = await community();
      await ana.say('prompts');
      const [list] = privateTo(bot.chat.take(), 'ana');
      expect(list?.text).toBe(
        'Reflection prompts for Grade 3: each is used once before any comes back, and each keeps its number.',
      );
      expect(list?.sections?.[0]?.split('\n')[0]).toBe('Strengths');
      expect(list?.sections?.[0]?.split('\n')[1]).toBe(`1. ${BUILT_IN_PROMPTS[0]?.text}`);
      expect(list?.sections?.join('\n')).toContain(`${BUILT_IN_PROMPTS.length}. ${BUILT_IN_PROMPTS.at(-1)?.text}`);
    });

    it('adds open questions, suggests rephrasing closed ones, and retires by number', async () => {
      const { bot, ana } = await community();
      await ana.say('prompt add Did the new seating plan help?');
      await ana.say('prompt add What did the new seating plan change for your quietest students?');
      await ana.say('prompt retire 1');
      const answers = privateTo(bot.chat.take(), 'ana').map((m) => m?.text);
      expect(answers[0]).toMatch(/can be answered with a yes or a no.*"In what ways did the new seating plan help\?"/);
      // A new prompt takes the next free number, after the whole library: nothing after it moves.
      expect(answers[1]).toBe(
        `Added as prompt ${BUILT_IN_PROMPTS.length + 1}: "What did the new seating plan change for your quietest students?". It joins the others; each is used once before any comes back.`,
      );
      expect(answers[2]).toBe(
        `Retired: prompt 1, "${BUILT_IN_PROMPTS[0]?.text}". It will not be posted in Grade 3 again; the other prompts keep their numbers. Undo (or \`undo\`) brings it back within a day, \`prompt restore 1\` at any time.`,
      );
      expect((await stored.customPrompts()).map((p) => [p.theme, p.text])).toEqual([
        ['community', 'What did the new seating plan change for your quietest students?'],
      ]);
      expect((await stored.retired()).map((r) => r.key)).toEqual([BUILT_IN_PROMPTS[0]?.key]);
      await ana.say('prompts');
      const list = privateTo(bot.chat.take(), 'ana')[0];
      expect(list?.sections?.[0]?.split('\n')[1]).toBe(`2. ${BUILT_IN_PROMPTS[1]?.text}`);
      expect(list?.sections?.join('\n')).toContain(
        `${BUILT_IN_PROMPTS.length + 1}. What did the new seating plan change for your quietest students? (added here)`,
      );
      expect(list?.sections?.at(-2)).toBe('Retired: 1 (`prompt restore <n>` brings one back).');
    });

    it('keeps every number through adds, retirements, undo and restore', async () => {
      const { bot, ana } = await community();
      const numberOf = async (text: string | undefined) => {
        await ana.say('prompts');
        const lines = privateTo(bot.chat.take(), 'ana')[0]?.sections?.join('\n').split('\n') ?? [];
        return lines.find((line) => line.endsWith(` ${text}`))?.split('.')[0];
      };
      const last = BUILT_IN_PROMPTS.at(-1)?.text;
      expect(await numberOf(last)).toBe(String(BUILT_IN_PROMPTS.length));
      await ana.say('prompt add What would you like to try with your newest students?');
      await ana.say('prompt retire 1');
      await ana.say('prompt retire 2');
      bot.chat.take();
      expect(await numberOf(last)).toBe(String(BUILT_IN_PROMPTS.length));
      expect(await numberOf(BUILT_IN_PROMPTS[2]?.text)).toBe('3');

      // `undo` takes back the latest retirement (2), then the one before (1).
      await ana.say('undo');
      expect(privateTo(bot.chat.take(), 'ana')[0]?.text).toBe(
        `Back in: prompt 2, "${BUILT_IN_PROMPTS[1]?.text}". It can be posted in Grade 3 again.`,
      );
      await ana.say('prompt retire 2');
      await ana.say('prompt retire 2');
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        expect.stringMatching(/^Retired: prompt 2,/),
        'Prompt 2 is retired already; `prompt restore 2` brings it back.',
      ]);
      await ana.say('prompt restore 1');
      await ana.say('prompt restore 1');
      await ana.say('prompt restore 500');
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        `Back in: prompt 1, "${BUILT_IN_PROMPTS[0]?.text}". It can be posted in Grade 3 again.`,
        'Prompt 1 is not retired; `prompts` lists them.',
        'There is no prompt 500; `prompts` lists them.',
      ]);
      expect(await numberOf(BUILT_IN_PROMPTS[0]?.text)).toBe('1');
    });

    it('undoes a retirement with its button, once, for its facilitator, for a day', async () => {
      const { bot, ana, ben } = await community();
      await ana.say('prompt retire 5');
      const undo = privateTo(bot.chat.take(), 'ana')[0]?.buttons?.find((b) => b.label === 'Undo');
      expect(undo?.action).toEqual({ kind: 'prompt.undo', retirementId: (await stored.retired())[0]?.id });
      // Someone else pressing it (a forwarded payload) changes nothing.
      await ben.press(undo?.action);
      expect(privateTo(bot.chat.take(), 'ben').map((m) => m?.text)).toEqual([
        'That button does not belong here, so nothing was changed.',
      ]);
      expect(await stored.retired()).toHaveLength(1);
      await ana.press(undo?.action);
      await ana.press(undo?.action);
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        `Back in: prompt 5, "${BUILT_IN_PROMPTS[4]?.text}". It can be posted in Grade 3 again.`,
        'That retirement was undone or restored already, so nothing changed.',
      ]);
      expect(await stored.retired()).toEqual([]);

      await ana.say('prompt retire 5');
      const again = privateTo(bot.chat.take(), 'ana')[0]?.buttons?.[0];
      bot.advance(25 * 60);
      await ana.press(again?.action);
      await ana.say('undo');
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        "That was retired more than a day ago, so Undo has run out; `prompt restore 5` in Grade 3's channel brings it back.",
        'There is nothing you ended, set aside or retired in the last day to bring back.',
      ]);
      expect(await stored.retired()).toHaveLength(1);
    });

    it('undoes whichever came last, a goal ending or a retirement', async () => {
      const { bot, ana } = await community();
      await ana.submit({
        kind: 'goal',
        context: {},
        values: {
          specific: 'Read aloud to small groups twice a week',
          measure: '20 read-alouds',
          firstStep: 'Pick the first three books',
          dueOn: '2026-05-29',
          cadence: 'weekly',
          celebrate: false,
        },
      });
      await ana.say('prompt retire 3');
      bot.advance(1);
      await ana.say('goal achieved 1');
      bot.chat.take();
      await ana.say('undo');
      await ana.say('undo');
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        'Back on: goal 1, "Read aloud to small groups twice a week", with its progress and its nudges.',
        `Back in: prompt 3, "${BUILT_IN_PROMPTS[2]?.text}". It can be posted in Grade 3 again.`,
      ]);
      expect((await stored.goals()).map((g) => g.status)).toEqual(['active']);
    });

    it('leaves the library to facilitators', async () => {
      const { bot, ben } = await community();
      await ben.say('prompt add What surprised you?');
      await ben.say('prompt retire 2');
      await ben.say('prompt');
      expect(privateTo(bot.chat.take(), 'ben').map((m) => m?.text)).toEqual([
        expect.stringMatching(/^Only facilitators of Grade 3 can add prompts/),
        expect.stringMatching(/^Only facilitators of Grade 3 can retire prompts/),
        expect.stringMatching(/^Only facilitators of Grade 3 can post prompts/),
      ]);
      expect(await stored.customPrompts()).toEqual([]);
    });

    it('posts a prompt between sessions whose thread collects reflections', async () => {
      const { bot, ana, ben } = await community();
      await ana.say('prompt');
      const post = bot.chat.take().find((s) => s.kind === 'post');
      expect(post?.kind === 'post' && post.message.text).toMatch(/^Reflection: .+\?/);
      expect(await stored.posts()).toEqual([expect.objectContaining({ sessionId: null })]);
      if (post?.kind !== 'post') return;
      await ben.replyIn(post.ref.id, 'Choral reading warms everyone up');
      expect(await stored.reflections()).toEqual([
        expect.objectContaining({
          text: 'Choral reading warms everyone up',
          promptPostId: (await stored.posts())[0]?.id,
        }),
      ]);
      expect(privateTo(bot.chat.take(), 'ben').map((m) => m?.text)).toEqual(['Thanks, ben: your reflection is saved.']);
    });

    it('posts another prompt in a session only during its reflection', async () => {
      const { bot, ana } = await community();
      await ana.say('start');
      await ana.say('prompt');
      expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual([
        'A session is open: `next` moves it to its reflection prompt.',
      ]);
      await ana.say('next');
      await ana.say('prompt');
      expect((await stored.posts()).map((p) => p.sessionId)).toEqual([
        (await stored.sessions())[0]?.id,
        (await stored.sessions())[0]?.id,
      ]);
      expect(new Set((await stored.posts()).map((p) => p.promptKey)).size).toBe(2);
    });
  });
});
