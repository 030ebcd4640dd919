import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { localDate } from '../../goals/smart.js';
import { replanWorkspace } from '../../plans/workspace.js';

const MAX_LABEL = 80;

function requireAdmin(ctx: Context): void {
  if (!ctx.member.isAdmin) {
    throw new DomainError('NotAdmin', 'Only Mentor Circle admins keep the school calendar. An admin can add breaks and holidays with `calendar add`.');
  }
}

/** `calendar add <from> [<to>] <label>`: a break or holiday; no nudges or scheduled sessions then. */
export async function addClosure(ctx: Context, input: { from: string; to: string; label: string }): Promise<void> {
  requireAdmin(ctx);
  const { store, now } = ctx.deps;
  // Nudges, sessions and mid-week prompts already planned into the new break move, with it.
  await store.transaction(async (repos) => {
    await repos.calendar.add({ workspaceId: ctx.workspace.id, ...input, label: input.label.slice(0, MAX_LABEL), createdBy: ctx.member.id });
    await replanWorkspace(repos, { workspace: ctx.workspace, now, digests: false });
  });
  const when = input.from === input.to ? input.from : `${input.from} to ${input.to}`;
  await ctx.tellPrivately({ text: `Added ${input.label}, ${when}. No nudges then; a nudge that falls on it moves to the next school day that week.` });
}

/** `calendar`: the breaks and holidays to come. */
export async function listClosures(ctx: Context): Promise<void> {
  const today = localDate(ctx.deps.now, ctx.workspace.timeZone ?? 'UTC');
  const upcoming = await ctx.deps.store.calendar.upcoming(ctx.workspace.id, today);
  await ctx.tellPrivately({
    text: 'School calendar',
    sections: [
      upcoming.length
        ? upcoming.map((c) => `• ${c.label}: ${c.from === c.to ? c.from : `${c.from} to ${c.to}`}`).join('\n')
        : 'No breaks or holidays ahead. An admin adds them with `calendar add <from> [<to>] <label>`.',
    ],
  });
}
