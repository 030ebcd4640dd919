import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROMPTS } from '../../src/core/prompts/library.js';
import { createDriver } from '../helpers/driver.js';
import { MemoryStore } from '../helpers/memory-store.js';
import type { Sent } from '../helpers/recording-chat.js';

const privateTo = (sent: Sent[], user: string) => sent.filter((s) => s.kind === 'ephemeral' && s.user === user).map((s) => (s.kind === 'ephemeral' ? s.message : null));

async function community() {
  const store = new MemoryStore();
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
    expect(list?.text).toBe('Reflection prompts for Grade 3: each is used once before any comes back.');
    expect(list?.sections?.[0]?.split('\n')[0]).toBe('Strengths');
    expect(list?.sections?.[0]?.split('\n')[1]).toBe(`1. ${BUILT_IN_PROMPTS[0]?.text}`);
    expect(list?.sections?.join('\n')).toContain(`${BUILT_IN_PROMPTS.length}. ${BUILT_IN_PROMPTS.at(-1)?.text}`);
  });

  it('adds open questions, suggests rephrasing closed ones, and retires by number', async () => {
    const { store, bot, ana } = await community();
    await ana.say('prompt add Did the new seating plan help?');
    await ana.say('prompt add What did the new seating plan change for your quietest students?');
    await ana.say('prompt retire 1');
    const answers = privateTo(bot.chat.take(), 'ana').map((m) => m?.text);
    expect(answers[0]).toMatch(/can be answered with a yes or a no.*"In what ways did the new seating plan help\?"/);
    expect(answers[1]).toMatch(/^Added as prompt \d+: "What did the new seating plan change for your quietest students\?"/);
    expect(answers[2]).toBe(`Retired: "${BUILT_IN_PROMPTS[0]?.text}". It will not be posted in Grade 3 again.`);
    expect(store.data.customPrompts.map((p) => [p.theme, p.text])).toEqual([['community', 'What did the new seating plan change for your quietest students?']]);
    expect(store.data.retired.map((r) => r.key)).toEqual([BUILT_IN_PROMPTS[0]?.key]);
    await ana.say('prompts');
    expect(privateTo(bot.chat.take(), 'ana')[0]?.sections?.[0]?.split('\n')[1]).toBe(`1. ${BUILT_IN_PROMPTS[1]?.text}`);
  });

  it('leaves the library to facilitators', async () => {
    const { store, bot, ben } = await community();
    await ben.say('prompt add What surprised you?');
    await ben.say('prompt retire 2');
    await ben.say('prompt');
    expect(privateTo(bot.chat.take(), 'ben').map((m) => m?.text)).toEqual([
      expect.stringMatching(/^Only facilitators of Grade 3 can add prompts/),
      expect.stringMatching(/^Only facilitators of Grade 3 can retire prompts/),
      expect.stringMatching(/^Only facilitators of Grade 3 can post prompts/),
    ]);
    expect(store.data.customPrompts).toEqual([]);
  });

  it('posts a prompt between sessions whose thread collects reflections', async () => {
    const { store, bot, ana, ben } = await community();
    await ana.say('prompt');
    const post = bot.chat.take().find((s) => s.kind === 'post');
    expect(post?.kind === 'post' && post.message.text).toMatch(/^Reflection: .+\?/);
    expect(store.data.posts).toEqual([expect.objectContaining({ sessionId: null })]);
    if (post?.kind !== 'post') return;
    await ben.replyIn(post.ref.id, 'Choral reading warms everyone up');
    expect(store.data.reflections).toEqual([expect.objectContaining({ text: 'Choral reading warms everyone up', promptPostId: store.data.posts[0]?.id })]);
    expect(privateTo(bot.chat.take(), 'ben').map((m) => m?.text)).toEqual(['Thanks, ben: your reflection is saved.']);
  });

  it('posts another prompt in a session only during its reflection', async () => {
    const { store, bot, ana } = await community();
    await ana.say('start');
    await ana.say('prompt');
    expect(privateTo(bot.chat.take(), 'ana').map((m) => m?.text)).toEqual(['A session is open: `next` moves it to its reflection prompt.']);
    await ana.say('next');
    await ana.say('prompt');
    expect(store.data.posts.map((p) => p.sessionId)).toEqual([store.data.sessions[0]?.id, store.data.sessions[0]?.id]);
    expect(new Set(store.data.posts.map((p) => p.promptKey)).size).toBe(2);
  });
});
