import { PROMPT_THEMES, type Prompt, type PromptTheme } from './library.js';

export interface SelectPromptInput {
  /** The built-in library plus the community's custom prompts. */
  prompts: readonly Prompt[];
  retiredKeys: ReadonlySet<string>;
  /** Keys already posted to this community, oldest first; may name prompts that no longer exist. */
  history: readonly string[];
  /** Breaks ties, so communities do not all walk the library in the same order. */
  seed: number;
}

/**
 * The posts since the community last saw every available prompt: walking the history, a cycle ends
 * once it holds every available key, and the prompts of the current cycle are not repeated.
 */
function currentCycle(history: readonly string[], available: ReadonlySet<string>): string[] {
  let cycle: string[] = [];
  const seen = new Set<string>();
  for (const key of history) {
    if (!available.has(key)) continue;
    cycle.push(key);
    seen.add(key);
    if (seen.size === available.size) {
      cycle = [];
      seen.clear();
    }
  }
  return cycle;
}

/** A deterministic spread of the seed over [0, n): same inputs, same prompt. */
function pick<T>(items: readonly T[], seed: number): T | undefined {
  const mixed = Math.imul(seed ^ (seed >>> 16), 0x45d9f3b) >>> 0;
  return items[mixed % items.length];
}

/**
 * Chooses the next reflection prompt: never a retired one, no repeat until every available prompt has
 * been posted, and from the theme the community has seen least in the current cycle, for variety.
 */
export function selectPrompt({ prompts, retiredKeys, history, seed }: SelectPromptInput): Prompt | undefined {
  const available = prompts.filter((prompt) => !retiredKeys.has(prompt.key));
  if (available.length === 0) return undefined;
  const used = new Set(currentCycle(history, new Set(available.map((prompt) => prompt.key))));
  const unused = available.filter((prompt) => !used.has(prompt.key));

  const seenPerTheme = new Map<PromptTheme, number>(PROMPT_THEMES.map((theme) => [theme, 0]));
  for (const prompt of available) {
    if (used.has(prompt.key)) seenPerTheme.set(prompt.theme, (seenPerTheme.get(prompt.theme) ?? 0) + 1);
  }
  const fewest = Math.min(...unused.map((prompt) => seenPerTheme.get(prompt.theme) ?? 0));
  const candidates = unused.filter((prompt) => (seenPerTheme.get(prompt.theme) ?? 0) === fewest);
  return pick(candidates, seed);
}
