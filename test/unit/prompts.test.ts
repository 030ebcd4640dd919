import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROMPTS, PROMPT_THEMES, type Prompt } from '../../src/core/prompts/library.js';
import { checkOpenEnded } from '../../src/core/prompts/open-ended.js';
import { selectPrompt } from '../../src/core/prompts/select.js';

describe('the built-in prompt library', () => {
  it('holds at least 40 prompts, at least 8 in each of the six themes', () => {
    expect(BUILT_IN_PROMPTS.length).toBeGreaterThanOrEqual(40);
    for (const theme of PROMPT_THEMES) {
      expect(BUILT_IN_PROMPTS.filter((p) => p.theme === theme).length, theme).toBeGreaterThanOrEqual(8);
    }
  });

  it('has permanent keys of the form theme-N, each used once', () => {
    const keys = BUILT_IN_PROMPTS.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const prompt of BUILT_IN_PROMPTS) expect(prompt.key).toMatch(new RegExp(`^${prompt.theme}-\\d+$`));
  });

  it('asks only open questions, short enough for a chat message, none twice', () => {
    const texts = BUILT_IN_PROMPTS.map((p) => p.text);
    expect(new Set(texts).size).toBe(texts.length);
    for (const prompt of BUILT_IN_PROMPTS) {
      expect(checkOpenEnded(prompt.text), prompt.text).toEqual({ ok: true });
      expect(prompt.text.endsWith('?'), prompt.text).toBe(true);
      expect(prompt.text.length, prompt.text).toBeLessThan(200);
    }
  });
});

describe('checkOpenEnded', () => {
  it.each([
    'Did your students enjoy the lesson?',
    'Is group work helping?',
    'Are you happy with your routines?',
    "Don't you think phonics matters?",
    'Can you share a win?',
    '  "Have you tried exit tickets?"',
    'Would you change anything?',
    'SHOULD we meet weekly?',
  ])('flags the yes/no question %j with a suggestion', (question) => {
    const check = checkOpenEnded(question);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.suggestion).toMatch(/What or How/);
  });

  it('shows an open rewrite of the question', () => {
    expect(checkOpenEnded('Did your students enjoy the lesson?')).toEqual({
      ok: false,
      suggestion: expect.stringContaining('For example: "In what ways did your students enjoy the lesson?"'),
    });
    expect(checkOpenEnded('"Is group work helping?"')).toEqual({
      ok: false,
      suggestion: expect.stringContaining('"In what ways is group work helping?"'),
    });
  });

  it.each([
    'What surprised you this week?',
    'How might you try this tomorrow?',
    'Which routine helps most?',
    'Tell us about a moment that worked.',
    'Doors: what do they open for your class?',
  ])('accepts %j', (question) => {
    expect(checkOpenEnded(question)).toEqual({ ok: true });
  });

  it('refuses empty and overlong questions', () => {
    expect(checkOpenEnded('   ').ok).toBe(false);
    expect(checkOpenEnded(`What ${'x'.repeat(600)}?`).ok).toBe(false);
  });
});

describe('selectPrompt', () => {
  const custom: Prompt[] = [
    { key: 'custom-1', theme: 'community', text: 'What would you like the group to try together?' },
    { key: 'custom-2', theme: 'goals', text: 'What is one goal you could share with the group?' },
  ];

  function walk(
    count: number,
    options: { prompts?: readonly Prompt[]; retired?: Set<string>; history?: string[]; seed?: number } = {},
  ) {
    const history = [...(options.history ?? [])];
    const picked: string[] = [];
    for (let i = 0; i < count; i++) {
      const prompt = selectPrompt({
        prompts: options.prompts ?? BUILT_IN_PROMPTS,
        retiredKeys: options.retired ?? new Set(),
        history,
        seed: (options.seed ?? 7) * 7919 + history.length,
      });
      if (!prompt) break;
      history.push(prompt.key);
      picked.push(prompt.key);
    }
    return picked;
  }

  it('visits every prompt once before any repeats', () => {
    const first = walk(BUILT_IN_PROMPTS.length);
    expect(new Set(first).size).toBe(BUILT_IN_PROMPTS.length);
    const twoRounds = walk(BUILT_IN_PROMPTS.length * 2);
    expect(new Set(twoRounds.slice(BUILT_IN_PROMPTS.length)).size).toBe(BUILT_IN_PROMPTS.length);
  });

  it('covers all six themes in the first six prompts of a new community', () => {
    const themes = walk(6).map((key) => key.replace(/-\d+$/, ''));
    expect(new Set(themes).size).toBe(6);
  });

  it('never picks a retired prompt, and includes custom prompts in the cycle', () => {
    const prompts = [...BUILT_IN_PROMPTS, ...custom];
    const retired = new Set(['strengths-1', 'goals-3', 'custom-2']);
    const cycle = walk(prompts.length - retired.size, { prompts, retired });
    expect(cycle.some((key) => retired.has(key))).toBe(false);
    expect(cycle).toContain('custom-1');
    expect(new Set(cycle).size).toBe(prompts.length - retired.size);
  });

  it('keeps the no-repeat promise when prompts are added and retired mid-cycle', () => {
    const history = walk(10);
    const prompts = [...BUILT_IN_PROMPTS, ...custom];
    const retired = new Set([history[0] ?? '', 'challenge-8']);
    const rest = walk(prompts.length - retired.size - (history.length - 1), { prompts, retired, history });
    const cycle = [...history.slice(1), ...rest];
    expect(new Set(cycle).size).toBe(cycle.length);
    expect(cycle).toHaveLength(prompts.length - retired.size);
  });

  it('is deterministic for one seed and differs between communities', () => {
    expect(walk(5, { seed: 3 })).toEqual(walk(5, { seed: 3 }));
    const firsts = new Set(Array.from({ length: 20 }, (_, seed) => walk(1, { seed })[0]));
    expect(firsts.size).toBeGreaterThan(3);
  });

  it('returns nothing when every prompt is retired', () => {
    expect(
      selectPrompt({ prompts: custom, retiredKeys: new Set(['custom-1', 'custom-2']), history: [], seed: 1 }),
    ).toBeUndefined();
  });
});
