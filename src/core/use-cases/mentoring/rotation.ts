import type { UserMention } from '../../commands/command.js';
import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { endDateProblem, termEnd } from '../../mentoring/rotation.js';
import { rotationMessage } from '../../mentoring/rotation-messages.js';
import { addDays, localDate } from '../../time/local-time.js';
import { named, platformKnows } from '../manage-roles.js';
import { workspaceZone } from '../../time/zone-of.js';

// Mentor terms: admins set when they end and name who mentors next; the planner sends the notice a
// month before and makes the change at the end (term-work.ts, run from src/scheduler/plan.ts).

function requireAdmin(ctx: Context): void {
  if (!ctx.member.isAdmin)
    throw new DomainError(
      'NotAdmin',
      "Only Mentor Circle admins set mentor terms and name next term's mentors. `mentors` shows who mentors now.",
    );
}

/** `rotation`: when this term ends, and who is named for the next. */
export async function showRotation(ctx: Context): Promise<void> {
  requireAdmin(ctx);
  const { store, now } = ctx.deps;
  const [state, closures, next] = await Promise.all([
    store.rotation.state(ctx.workspace.id),
    store.calendar.closures(ctx.workspace.id),
    store.rotation.nextMentors(ctx.workspace.id),
  ]);
  const zone = workspaceZone(ctx.workspace);
  const { endsOn, chosen } = termEnd({ state, closures, zone, now });
  const noticeOn = addDays(endsOn, -30);
  const noticeSent = state.noticeFor === endsOn;
  await ctx.tellPrivately({
    ...rotationMessage({
      endsOn,
      chosen,
      noticeOn: noticeOn < localDate(now, zone) ? localDate(now, zone) : noticeOn,
      noticeSent,
      next,
    }),
    revealsNothingPrivate: true,
  });
}

/** `rotation <date>`: the term ends then. Bumps the term's version, so a planner mid-step writes nothing. */
export async function setRotation(ctx: Context, endsOn: string): Promise<void> {
  requireAdmin(ctx);
  const { store, now } = ctx.deps;
  const zone = workspaceZone(ctx.workspace);
  const problem = endDateProblem(endsOn, localDate(now, zone));
  if (problem) throw new DomainError('BadDate', problem);
  await store.rotation.setEndsOn(ctx.workspace.id, endsOn);
  const noticeOn = addDays(endsOn, -30);
  const when = noticeOn <= localDate(now, zone) ? 'today' : `on ${noticeOn}`;
  await ctx.tellPrivately({
    text: `Mentor terms now end on ${endsOn}. Admins get the note to choose next term's mentors ${when}.`,
    sections: [
      "`rotation next @person [topics]` names next term's mentors at any time; `rotation` shows who is named so far.",
    ],
  });
}

/** `rotation next @person [topics]`: someone mentors from the next term on; a mentor now keeps their topics unless new ones are given. */
export async function nameNextMentor(ctx: Context, mention: UserMention, topics: string[]): Promise<void> {
  requireAdmin(ctx);
  if (!(await platformKnows(ctx, mention))) {
    throw new DomainError(
      'UnknownPerson',
      'That is not someone I can name a mentor: mentors must be full members of this workspace (not a guest, a bot or a deactivated account). Nobody was named.',
    );
  }
  const member = await named(ctx, mention);
  const { store, now } = ctx.deps;
  const current = await store.mentors.find(ctx.workspace.id, member.id);
  const chosen = topics.length ? topics : (current?.topics ?? []);
  const { before } = await store.transaction(async (repos) => {
    // Named under the term's version: a changeover running now either ends first (and this names
    // them for the term after) or sees them.
    await repos.rotation.replan(ctx.workspace.id);
    return repos.rotation.nameNext({
      workspaceId: ctx.workspace.id,
      memberId: member.id,
      topics: chosen,
      namedBy: ctx.member.id,
      at: now,
    });
  });
  const on = chosen.length ? chosen.join(', ') : 'any topic';
  const text = before
    ? `${member.name} was already named for next term; their topics were ${before.length ? before.join(', ') : 'any topic'}, now ${on}.`
    : `${member.name} is named to mentor next term, on ${on}.${current ? ' They mentor now, and carry on.' : ' I will welcome them when the term begins.'}`;
  await ctx.tellPrivately({
    text,
    sections: ['Nobody is told until the term ends. `rotation` shows everyone named so far.'],
  });
}

/** `rotation drop @person`: takes back a name for next term. */
export async function dropNextMentor(ctx: Context, mention: UserMention): Promise<void> {
  requireAdmin(ctx);
  const { store } = ctx.deps;
  const member = await store.members.find(ctx.workspace.id, mention.userId);
  const dropped =
    member !== null &&
    (await store.transaction(async (repos) => {
      await repos.rotation.replan(ctx.workspace.id);
      return repos.rotation.dropNext(ctx.workspace.id, member.id);
    }));
  await ctx.tellPrivately({
    text:
      dropped && member
        ? `${member.name} is no longer named for next term.`
        : 'That person was not named for next term, so nothing changed. `rotation` shows who is.',
  });
}
