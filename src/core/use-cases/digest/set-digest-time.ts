import type { LocalTime, Weekday } from '../../commands/command.js';
import type { Context } from '../../context.js';
import { describeDigestTime } from '../../digest/week.js';
import { replanDigests } from '../../plans/digests.js';
import { requireAdmin } from './require-admin.js';

const ISO_DAY: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/** `digest <day> <HH:MM>`: when the weekly digest goes out, for every admin in their own time. */
export async function setDigestTime(ctx: Context, choice: { day: Weekday; time: LocalTime }): Promise<void> {
  requireAdmin(ctx, 'set when the digest goes out');
  const time = { day: ISO_DAY[choice.day], minute: choice.time.hour * 60 + choice.time.minute };
  await ctx.deps.store.transaction(async (repos) => {
    await repos.digests.setTime(ctx.workspace.id, time);
    await replanDigests(repos, { workspace: ctx.workspace, now: ctx.deps.now });
  });
  await ctx.tellPrivately({
    text: `The weekly digest now goes to each admin on ${describeDigestTime(time)}, their own time. It covers the last full week, Monday to Sunday.`,
  });
}
