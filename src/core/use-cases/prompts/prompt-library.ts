import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { Community } from '../../model.js';
import { BUILT_IN_PROMPTS, PROMPT_THEMES, THEME_LABELS, type Prompt } from '../../prompts/library.js';
import { checkOpenEnded } from '../../prompts/open-ended.js';
import { reflectionPrompt } from '../../session-messages.js';
import { commitWithMessages, pickPrompt, postSessionPrompt, requireCommunity, requireFacilitator } from '../../session-flow.js';
import { PROMPT_POST, promptPost } from '../../prompt-posts.js';

/** The community's prompts in the order `prompts` numbers them: by theme, built-in before custom. */
async function available(ctx: Context, community: Community): Promise<Prompt[]> {
  const [custom, retired] = await Promise.all([ctx.deps.store.prompts.listCustom(community.id), ctx.deps.store.prompts.retiredKeys(community.id)]);
  const all = [...BUILT_IN_PROMPTS, ...custom].filter((prompt) => !retired.has(prompt.key));
  return PROMPT_THEMES.flatMap((theme) => all.filter((prompt) => prompt.theme === theme));
}

/** `prompts`: the reflection prompts this community draws from, numbered, by theme. */
export async function listPrompts(ctx: Context): Promise<void> {
  const community = requireCommunity(ctx);
  const prompts = await available(ctx, community);
  const sections = PROMPT_THEMES.map((theme) => {
    const lines = prompts.flatMap((prompt, index) => (prompt.theme === theme ? [`${index + 1}. ${prompt.text}${prompt.key.startsWith('custom-') ? ' (added here)' : ''}`] : []));
    return lines.length ? [THEME_LABELS[theme], ...lines].join('\n') : null;
  }).filter((section): section is string => section !== null);
  await ctx.tellPrivately({
    text: `Reflection prompts for ${community.name}: each is used once before any comes back.`,
    sections: [...sections, 'Facilitators: `prompt add <question>` adds one, `prompt retire <n>` takes one out, `prompt` posts one now.'],
  });
}

/** `prompt add <question>`: an open question of the community's own. */
export async function addPrompt(ctx: Context, text: string): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'add prompts');
  const check = checkOpenEnded(text);
  if (!check.ok) throw new DomainError('ClosedQuestion', check.suggestion);
  const prompt = await ctx.deps.store.prompts.addCustom({ communityId: community.id, theme: 'community', text: text.trim(), createdBy: ctx.member.id });
  const number = (await available(ctx, community)).findIndex((p) => p.key === prompt.key) + 1;
  await ctx.tellPrivately({ text: `Added as prompt ${number}: "${prompt.text}". It joins the others; each is used once before any comes back.` });
}

/** `prompt retire <n>`: not posted in this community again. */
export async function retirePrompt(ctx: Context, number: number): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'retire prompts');
  const prompt = (await available(ctx, community))[number - 1];
  if (!prompt) throw new DomainError('NoSuchPrompt', `There is no prompt ${number}; \`prompts\` lists them.`);
  await ctx.deps.store.prompts.retire(community.id, prompt.key);
  await ctx.tellPrivately({ text: `Retired: "${prompt.text}". It will not be posted in ${community.name} again.` });
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
  if (!prompt) throw new DomainError('NoPromptAvailable', 'Every prompt here is retired. `prompt add <question>` adds one.');
  if (session) {
    await postSessionPrompt(ctx, community, session, prompt);
    return;
  }
  // Between sessions the prompt roots a thread of its own; replies there are reflections on it.
  await commitWithMessages(ctx, async (repos) => {
    const post = await repos.prompts.recordPost({ communityId: community.id, sessionId: null, prompt, channelId: community.channelId, at: now });
    return [promptPost(community, post.id, `${PROMPT_POST}:${post.id}`, now)];
  });
}
