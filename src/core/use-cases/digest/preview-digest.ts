import type { Context } from '../../context.js';
import { weekSoFar } from '../../digest/week.js';
import { zoneOf } from '../nudges/set-nudges.js';
import { buildDigest } from './build-digest.js';
import { requireAdmin } from './require-admin.js';

/** `digest`: this week so far, only to the admin who asked, and stored nowhere. */
export async function previewDigest(ctx: Context): Promise<void> {
  requireAdmin(ctx, 'see the digest');
  const timeZone = zoneOf(ctx.member, ctx.workspace);
  const { message } = await buildDigest({
    store: ctx.deps.store,
    workspace: ctx.workspace,
    adminMemberId: ctx.member.id,
    week: weekSoFar(ctx.deps.now, timeZone),
    timeZone,
    preview: true,
  });
  await ctx.tellPrivately(message);
}
