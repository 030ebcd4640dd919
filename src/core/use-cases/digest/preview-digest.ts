import type { Context } from '../../context.js';
import { lastFullWeek, weekSoFar } from '../../digest/week.js';
import { zoneOf } from '../../time/zone-of.js';
import { buildDigest } from './build-digest.js';
import { handDigest } from './hand-digest.js';
import { requireAdmin } from './require-admin.js';

/**
 * `digest`: the digest that is sent for the last full week, as stored, only to the admin who asked.
 * A week still under way shows only its sessions held: figures about people are counted once, when
 * the week is over, so no two previews (nor a preview and the digest) differ by what a few did.
 * A larger school's preview comes as its digest does, with the table as a file in a direct message;
 * asked in a channel, the asker is told privately where it went.
 */
export async function previewDigest(ctx: Context): Promise<void> {
  requireAdmin(ctx, 'see the digest');
  const { store, now } = ctx.deps;
  const timeZone = zoneOf(ctx.member, ctx.workspace);
  const digest = await buildDigest({
    store,
    workspace: ctx.workspace,
    week: lastFullWeek(now, timeZone),
    now,
    preview: true,
    soFar: weekSoFar(now, timeZone),
  });
  const withTable = await handDigest(
    ctx.deps.chat,
    { workspace: ctx.here.workspace, user: ctx.member.externalId },
    digest,
    (message) => ctx.tellPrivately(message),
  );
  if (withTable && !ctx.incoming.channel.isDirect)
    await ctx.tellPrivately({
      text: 'I have sent the digest preview, with its table of every circle, to you in a direct message.',
    });
}
