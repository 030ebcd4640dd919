import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { Community } from '../../model.js';
import { BUILT_IN_PROMPTS, PROMPT_THEMES, THEME_LABELS, type Prompt } from '../../prompts/library.js';
import { checkOpenEnded } from '../../prompts/open-ended.js';
import {
  commitWithMessages,
  pickPrompt,
  postSessionPrompt,
  requireCommunity,
  requireFacilitator,
} from '../../session-flow.js';
import { PROMPT_POST, promptPost } from '../../prompt-posts.js';
import type { Repositories } from '../../ports/store.js';

/** A prompt of this community under the number it keeps for life here. */
export interface NumberedPrompt extends Prompt {
  number: number;
  retired: boolean;
}

/**
 * Every prompt of the community, retired ones too, by number. Built-in prompts are numbered before
 * custom ones the first time a community needs numbers, so a new community starts at 1 as the
 * library reads; a prompt added later takes the next free number.
 */
export async function numberedPrompts(repos: Repositories, community: Community): Promise<NumberedPrompt[]> {
  const [custom, retired] = await Promise.all([
    repos.prompts.listCustom(community.id),
    repos.prompts.retiredKeys(community.id),
  ]);
  const all = [...BUILT_IN_PROMPTS, ...custom];
  const numbers = await repos.prompts.numbered(
    community.id,
    all.map((prompt) => prompt.key),
  );
  return all
    .flatMap((prompt) => {
      const number = numbers.get(prompt.key);
      return number === undefined ? [] : [{ ...prompt, number, retired: retired.has(prompt.key) }];
    })
    .sort((a, b) => a.number - b.number);
}

/** The prompt with this number here, or a refusal that says where the numbers are. */
function promptNumbered(prompts: readonly NumberedPrompt[], number: number): NumberedPrompt {
  const prompt = prompts.find((p) => p.number === number);
  if (!prompt) throw new DomainError('NoSuchPrompt', `There is no prompt ${number}; \`prompts\` lists them.`);
  return prompt;
}

/** `prompts`: the reflection prompts this community draws from, by theme, each under its own number. */
export async function listPrompts(ctx: Context): Promise<void> {
  const community = requireCommunity(ctx);
  const prompts = await ctx.deps.store.transaction((repos) => numberedPrompts(repos, community));
  const sections = PROMPT_THEMES.map((theme) => {
    const lines = prompts
      .filter((prompt) => prompt.theme === theme && !prompt.retired)
      .map((prompt) => `${prompt.number}. ${prompt.text}${prompt.key.startsWith('custom-') ? ' (added here)' : ''}`);
    return lines.length ? [THEME_LABELS[theme], ...lines].join('\n') : null;
  }).filter((section): section is string => section !== null);
  const retired = prompts.filter((prompt) => prompt.retired).map((prompt) => prompt.number);
  await ctx.tellPrivately({
    text: `Reflection prompts for ${community.name}: each is used once before any comes back, and each keeps its number.`,
    sections: [
      ...sections,
      ...(retired.length ? [`Retired: ${retired.join(', ')} (\`prompt restore <n>\` brings one back).`] : []),
      'Facilitators: `prompt add <question>` adds one, `prompt retire <n>` takes one out, `prompt` posts one now.',
    ],
  });
}

/** `prompt add <question>`: an open question of the community's own, under the next free number. */
export async function addPrompt(ctx: Context, text: string): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'add prompts');
  const check = checkOpenEnded(text);
  if (!check.ok) throw new DomainError('ClosedQuestion', check.suggestion);
  const added = await ctx.deps.store.transaction(async (repos) => {
    const prompt = await repos.prompts.addCustom({
      communityId: community.id,
      theme: 'community',
      text: text.trim(),
      createdBy: ctx.member.id,
    });
    return (await numberedPrompts(repos, community)).find((p) => p.key === prompt.key);
  });
  if (!added) throw new Error('a prompt just added has no number');
  await ctx.tellPrivately({
    text: `Added as prompt ${added.number}: "${added.text}". It joins the others; each is used once before any comes back.`,
  });
}

/** `prompt retire <n>`: not posted in this community again, until it is restored; Undo (or `undo`) for a day. */
export async function retirePrompt(ctx: Context, number: number): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'retire prompts');
  const { prompt, retirement } = await ctx.deps.store.transaction(async (repos) => {
    const found = promptNumbered(await numberedPrompts(repos, community), number);
    return {
      prompt: found,
      retirement: await repos.prompts.retire({
        communityId: community.id,
        promptKey: found.key,
        by: ctx.member.id,
        at: ctx.deps.now,
      }),
    };
  });
  if (!retirement)
    throw new DomainError(
      'NoSuchPrompt',
      `Prompt ${number} is retired already; \`prompt restore ${number}\` brings it back.`,
    );
  await ctx.tellPrivately({
    text: `Retired: prompt ${number}, "${prompt.text}". It will not be posted in ${community.name} again; the other prompts keep their numbers. Undo (or \`undo\`) brings it back within a day, \`prompt restore ${number}\` at any time.`,
    buttons: [{ label: 'Undo', action: { kind: 'prompt.undo', retirementId: retirement.id } }],
  });
}

/** `prompt restore <n>`: a retired prompt back in this community's draw, under its own number. */
export async function restorePrompt(ctx: Context, number: number): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'restore prompts');
  const prompt = await ctx.deps.store.transaction(async (repos) => {
    const found = promptNumbered(await numberedPrompts(repos, community), number);
    return (await repos.prompts.restore({ communityId: community.id, promptKey: found.key })) ? found : null;
  });
  if (!prompt) throw new DomainError('NoSuchPrompt', `Prompt ${number} is not retired; \`prompts\` lists them.`);
  await ctx.tellPrivately({ text: restored(prompt, community) });
}

/** What bringing a prompt back answers, by `prompt restore` or by undoing its retirement. */
export function restored(prompt: NumberedPrompt, community: Community): string {
  return `Back in: prompt ${prompt.number}, "${prompt.text}". It can be posted in ${community.name} again.`;
}

/** `prompt`: a reflection prompt now: in the session's thread during its reflection, or to the channel between sessions. */
export async function postPromptNow(ctx: Context): Promise<void> {
  const { store, now } = ctx.deps;
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'post prompts');
  const session = await store.sessions.findOpen(community.id);
  if (session && session.phase !== 'reflection') {
    throw new DomainError('SessionMovedOn', 'A session is open: `next` moves it to its reflection prompt.');
  }
  const prompt = await pickPrompt(store, community);
  if (!prompt)
    throw new DomainError('NoPromptAvailable', 'Every prompt here is retired. `prompt add <question>` adds one.');
  if (session) {
    await postSessionPrompt(ctx, community, session, prompt);
    return;
  }
  // Between sessions the prompt roots a thread of its own; replies there are reflections on it.
  await commitWithMessages(ctx, async (repos) => {
    const post = await repos.prompts.recordPost({
      communityId: community.id,
      sessionId: null,
      prompt,
      channelId: community.channelId,
      at: now,
    });
    return [promptPost(community, post.id, `${PROMPT_POST}:${post.id}`, now)];
  });
}
