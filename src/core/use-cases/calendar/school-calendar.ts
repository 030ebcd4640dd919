import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { localDate } from '../../goals/smart.js';
import { replanWorkspace } from '../../plans/workspace.js';
import type { CalendarEntry } from '../../ports/calendar.js';
import type { Repositories } from '../../ports/store.js';
import { workspaceZone } from '../../time/zone-of.js';

const MAX_LABEL = 80;

function requireAdmin(ctx: Context, doing: string): void {
  if (!ctx.member.isAdmin) {
    throw new DomainError(
      'NotAdmin',
      `Only Mentor Circle admins ${doing} the school calendar. An admin can add breaks and holidays with \`calendar add\`.`,
    );
  }
}

const datesOf = (entry: { from: string; to: string }) =>
  entry.from === entry.to ? entry.from : `${entry.from} to ${entry.to}`;
const described = (entry: CalendarEntry) => `${entry.number}. ${entry.label}: ${datesOf(entry)}`;

/**
 * A change to the calendar and its consequences, in one transaction: nudges, sessions and mid-week
 * prompts planned around breaks are planned again, whichever way the calendar changed.
 */
function changeCalendar<T>(ctx: Context, change: (repos: Repositories) => Promise<T>): Promise<T> {
  const { store, now } = ctx.deps;
  return store.transaction(async (repos) => {
    const changed = await change(repos);
    await replanWorkspace(repos, { workspace: ctx.workspace, now, digests: false });
    return changed;
  });
}

/** `calendar add <from> [<to>] <label>`: a break or holiday; no nudges or scheduled sessions then. */
export async function addClosure(ctx: Context, input: { from: string; to: string; label: string }): Promise<void> {
  requireAdmin(ctx, 'keep');
  // Nudges, sessions and mid-week prompts already planned into the new break move, with it.
  const number = await changeCalendar(ctx, (repos) =>
    repos.calendar.add({
      workspaceId: ctx.workspace.id,
      ...input,
      label: input.label.slice(0, MAX_LABEL),
      createdBy: ctx.member.id,
    }),
  );
  await ctx.tellPrivately({
    text: `Added ${input.label}, ${datesOf(input)}. No nudges then; a nudge that falls on it moves to the next school day that week. It is number ${number} in \`calendar\`.`,
  });
}

/** `calendar`: the breaks and holidays to come, each with the number it keeps. */
export async function listClosures(ctx: Context): Promise<void> {
  const today = localDate(ctx.deps.now, workspaceZone(ctx.workspace));
  const upcoming = await ctx.deps.store.calendar.upcoming(ctx.workspace.id, today);
  await ctx.tellPrivately({
    text: 'School calendar',
    sections: [
      upcoming.length
        ? upcoming.map((entry) => `• ${described(entry)}`).join('\n')
        : 'No breaks or holidays ahead. An admin adds them with `calendar add <from> [<to>] <label>`.',
    ],
  });
}

/** The number of the one entry that covers `date`; a refusal naming them when none or several do. */
async function entryCovering(repos: Repositories, workspaceId: number, date: string): Promise<number> {
  const covering = await repos.calendar.covering(workspaceId, date);
  const [only] = covering;
  if (!only)
    throw new DomainError(
      'NoSuchEntry',
      `Nothing in the school calendar covers ${date}. \`calendar\` lists the breaks and holidays ahead, with their numbers.`,
    );
  if (covering.length > 1) {
    throw new DomainError(
      'NoSuchEntry',
      `Several entries cover ${date}: ${covering.map(described).join('; ')}. Say which with \`calendar remove <n>\`.`,
    );
  }
  return only.number;
}

/**
 * `calendar remove <n|date>`: takes an entry out by the number `calendar` shows (which no other entry
 * ever gets) or by a date only it covers; what was planned around it is planned again.
 */
export async function removeClosure(ctx: Context, entry: { number: number } | { date: string }): Promise<void> {
  requireAdmin(ctx, 'change');
  const workspaceId = ctx.workspace.id;
  const removed = await changeCalendar(ctx, async (repos) => {
    const number = 'number' in entry ? entry.number : await entryCovering(repos, workspaceId, entry.date);
    const found = await repos.calendar.remove(workspaceId, number);
    if (!found)
      throw new DomainError(
        'NoSuchEntry',
        `There is no calendar entry ${number}. \`calendar\` lists the breaks and holidays ahead, with their numbers.`,
      );
    return found;
  });
  await ctx.tellPrivately({
    text: `Removed ${described(removed)}. Nudges and scheduled sessions go ahead on those days again.`,
  });
}
