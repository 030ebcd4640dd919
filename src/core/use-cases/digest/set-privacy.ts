import type { Context } from '../../context.js';
import { requireAdmin } from './require-admin.js';

/**
 * `privacy <3..10>`: the smallest group a digest figure may describe. It applies to each week counted
 * from now on; a week already counted keeps what it showed, since showing it another way would let
 * the two be subtracted.
 */
export async function setPrivacy(ctx: Context, threshold: number): Promise<void> {
  requireAdmin(ctx, 'set how small a group the digest may describe');
  await ctx.deps.store.digests.setThreshold(ctx.workspace.id, threshold);
  await ctx.tellPrivately({
    text: `Digest figures now need at least ${threshold} people: a figure drawn from fewer shows as "fewer than ${threshold}", and circles with fewer than ${threshold} members are counted together.`,
    sections: [
      'This applies from the next week the digest counts. Weeks already counted stay as they were shown, in the trend and in `export workspace`.',
    ],
  });
}
