import type { Context } from '../../context.js';
import { DomainError, FORGED_BUTTON } from '../../errors.js';
import type { PromptRetirement } from '../../ports/prompts.js';
import { requireFacilitator } from '../../session-flow.js';
import { UNDO_FOR_MS } from '../goals/undo-ending.js';
import { numberedPrompts, restored } from './prompt-library.js';

/** The retirement is gone: undone, or restored (and perhaps retired again since, as a new one). */
const GONE = 'That retirement was undone or restored already, so nothing changed.';

/**
 * `undo`, or the Undo button under `prompt retire`: the prompt is back in the draw, under its own
 * number. What is undone is read from the database: a retirement this person made, in a community of
 * this workspace they still facilitate, within the undo window. The button names only which one.
 */
export async function undoRetirement(ctx: Context, retirementId: number): Promise<void> {
  const { store, now } = ctx.deps;
  const retirement = await store.prompts.findRetirement(retirementId);
  const community = retirement ? await store.communities.find(ctx.workspace.id, retirement.communityId) : null;
  if (retirement && (!community || retirement.by !== ctx.member.id)) throw new DomainError('BadPayload', FORGED_BUTTON);
  if (!retirement || !community) throw new DomainError('NothingToUndo', GONE);
  await requireFacilitator(ctx, community, 'restore prompts');
  if (retirement.at.getTime() < now.getTime() - UNDO_FOR_MS) {
    const number = (await store.transaction((repos) => numberedPrompts(repos, community))).find(
      (p) => p.key === retirement.promptKey,
    )?.number;
    throw new DomainError(
      'NothingToUndo',
      `That was retired more than a day ago, so Undo has run out; \`prompt restore ${number ?? '<n>'}\` in ${community.name}'s channel brings it back.`,
    );
  }
  const prompt = await store.transaction(async (repos) => {
    if (
      !(await repos.prompts.restore({
        communityId: community.id,
        promptKey: retirement.promptKey,
        retirementId: retirement.id,
      }))
    )
      return null;
    return (await numberedPrompts(repos, community)).find((p) => p.key === retirement.promptKey) ?? null;
  });
  if (!prompt) throw new DomainError('NothingToUndo', GONE);
  await ctx.tellPrivately({ text: restored(prompt, community) });
}

/** The latest retirement this person made within the undo window, for `undo` to weigh against their goal endings. */
export function latestRetirement(ctx: Context): Promise<PromptRetirement | null> {
  return ctx.deps.store.prompts.latestRetirementBy(ctx.member.id, new Date(ctx.deps.now.getTime() - UNDO_FOR_MS));
}
