import type { Context } from '../../context.js';
import { lastFullWeek, weekSoFar } from '../../digest/week.js';
import { zoneOf } from '../nudges/set-nudges.js';
import { buildDigest } from './build-digest.js';
import { requireAdmin } from './require-admin.js';

/**
 * `digest`: the digest that is sent for the last full week, as stored, only to the admin who asked.
 * A week still under way shows only its sessions held: figures about people are counted once, when
 * the week is over, so no two previews (nor a preview and the digest) differ by what a few did.
 */
export async function previewDigest(ctx: Context): Promise<void> {
  requireAdmin(ctx, 'see the digest');
  const { store, now } = ctx.deps;
  const timeZone = zoneOf(ctx.member, ctx.workspace);
  const { message } = await buildDigest({ store, workspace: ctx.workspace, week: lastFullWeek(now, timeZone), now, preview: true, soFar: weekSoFar(now, timeZone) });
  await ctx.tellPrivately(message);
}
