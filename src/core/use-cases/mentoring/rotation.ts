import type { UserMention } from '../../commands/command.js';
import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { Ask } from '../../mentoring/ask.js';
import {
  changeover,
  endDateProblem,
  rotationStep,
  termEnd,
  type RotationState,
  type RotationStep,
} from '../../mentoring/rotation.js';
import { rotationMessage } from '../../mentoring/rotation-messages.js';
import { carriedOnItem, noticeItem, thanksItem } from '../../mentoring/rotation-sends.js';
import { mentorWelcomeItem } from '../../mentoring/sends.js';
import type { Workspace } from '../../model.js';
import type { NewOutboxItem } from '../../outbox.js';
import type { Repositories } from '../../ports/store.js';
import { addDays, localDate } from '../../time/local-time.js';
import type { SystemDeps } from '../../system-deps.js';
import { named, platformKnows } from '../manage-roles.js';
import { routeAsk, routingFor } from './route-ask.js';

// Mentor terms: admins set when they end and name who mentors next; the planner sends the notice a
// month before and makes the change at the end (see src/scheduler/plan.ts).

const zoneOf = (workspace: Workspace) => workspace.timeZone ?? 'UTC';

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
  const zone = zoneOf(ctx.workspace);
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
  const zone = zoneOf(ctx.workspace);
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

/** One workspace's term at the planner's tick: what is due, and the messages it writes. */
export interface TermWork {
  step: RotationStep;
  /** The planner's write for this step, in its transaction; false when a person changed the term meanwhile. */
  apply: (repos: Repositories) => Promise<NewOutboxItem[] | null>;
}

/**
 * The step of a workspace's term due at `now`, and the change it makes: the notice to admins (once per
 * end date), the changeover at the end, or only the next time to look. Every write is guarded by the
 * term's version, so two replicas, or a replica and an admin, cannot both act on the same reading.
 */
export function termWork(input: {
  workspace: Workspace;
  state: RotationState;
  closures: Parameters<typeof rotationStep>[0]['closures'];
  now: Date;
}): TermWork {
  const { workspace, state, closures, now } = input;
  const zone = zoneOf(workspace);
  const step = rotationStep({ state, closures, zone, now });
  // The first plan of a workspace's mentoring begins its first term.
  const begins = state.startedAt === null ? { startedAt: now } : {};
  const apply = async (repos: Repositories): Promise<NewOutboxItem[] | null> => {
    if (step.kind === 'wait')
      return (await repos.rotation.advance(workspace.id, state.version, { nextAt: step.next, ...begins })) ? [] : null;
    if (step.kind === 'notice') {
      if (
        !(await repos.rotation.advance(workspace.id, state.version, {
          nextAt: step.next,
          noticeFor: step.endsOn,
          ...begins,
        }))
      )
        return null;
      const admins = await repos.digests.admins(workspace.id);
      return admins.map((admin) =>
        noticeItem({
          workspaceId: workspace.id,
          adminId: admin.member.id,
          endsOn: step.endsOn,
          termFrom: state.startedAt,
          at: now,
        }),
      );
    }
    if (
      !(await repos.rotation.advance(workspace.id, state.version, {
        nextAt: null,
        startedAt: step.changeAt,
        endsOn: null,
      }))
    )
      return null;
    return changeTerm(repos, { workspace, state, step, closures });
  };
  return { step, apply };
}

/**
 * The end of a term: mentors not named again step down (thanked, with their own counts), the ones
 * named again carry on (thanked too), newcomers are welcomed, and asks waiting for someone who
 * stepped down go on to another mentor. Nobody named: everyone carries on, and admins are told.
 */
async function changeTerm(
  repos: Repositories,
  input: {
    workspace: Workspace;
    state: RotationState;
    step: RotationStep;
    closures: Parameters<typeof rotationStep>[0]['closures'];
  },
): Promise<NewOutboxItem[]> {
  const { workspace, state, step } = input;
  const at = step.changeAt;
  const [current, next] = await Promise.all([
    repos.mentors.list(workspace.id),
    repos.rotation.nextMentors(workspace.id),
  ]);
  if (next.length === 0) {
    const { endsOn: nextEnd } = termEnd({
      state: { ...state, startedAt: at, endsOn: null },
      closures: input.closures,
      zone: zoneOf(workspace),
      now: at,
    });
    const admins = await repos.digests.admins(workspace.id);
    return current.length
      ? admins.map((admin) =>
          carriedOnItem({ workspaceId: workspace.id, adminId: admin.member.id, endedOn: step.endsOn, nextEnd, at }),
        )
      : [];
  }
  const { outgoing, continuing, incoming } = changeover(current, next);
  const from = (since: Date) => (state.startedAt && state.startedAt > since ? state.startedAt : since);
  const items: NewOutboxItem[] = [];
  for (const mentor of outgoing) {
    const waiting = await repos.asks.waitingFor(workspace.id, mentor.memberId);
    await repos.mentors.remove(workspace.id, mentor.memberId);
    items.push(
      thanksItem({
        workspaceId: workspace.id,
        memberId: mentor.memberId,
        from: from(mentor.since),
        to: at,
        continuing: false,
      }),
    );
    items.push(...waiting.map((ask) => reofferItem(ask, mentor.memberId, at)));
  }
  const currentById = new Map(current.map((m) => [m.memberId, m]));
  for (const person of continuing) {
    const mentor = currentById.get(person.memberId);
    if (!mentor) continue;
    await repos.mentors.upsert({
      workspaceId: workspace.id,
      memberId: person.memberId,
      communityId: mentor.communityId,
      topics: person.topics,
      namedBy: person.namedBy,
      at,
    });
    items.push(
      thanksItem({
        workspaceId: workspace.id,
        memberId: person.memberId,
        from: from(mentor.since),
        to: at,
        continuing: true,
      }),
    );
  }
  for (const person of incoming) {
    const { mentor } = await repos.mentors.upsert({
      workspaceId: workspace.id,
      memberId: person.memberId,
      communityId: null,
      topics: person.topics,
      namedBy: person.namedBy,
      at,
    });
    items.push(mentorWelcomeItem(mentor, person.namedBy, at));
  }
  await repos.rotation.clearNext(workspace.id);
  return items;
}

/** An ask waiting for a mentor who stepped down goes on to the next one, sent by the delivery loop. */
export const ASK_REOFFER = 'ask.reoffer';

const reofferItem = (ask: Ask, mentorId: number, at: Date): NewOutboxItem => ({
  workspaceId: ask.workspaceId,
  memberId: ask.askerId,
  kind: ASK_REOFFER,
  key: `${ASK_REOFFER}:${ask.id}:${mentorId}`,
  dueAt: at,
  payload: { askId: ask.id, mentorId },
});

/** The ask goes on if it still waits for that mentor and they no longer mentor here; otherwise it was settled meanwhile. */
export async function reofferAsk(
  deps: Pick<SystemDeps, 'store' | 'now'>,
  input: { askId: number; mentorId: number },
): Promise<void> {
  const { store, now } = deps;
  const ask = await store.asks.byId(input.askId);
  if (!ask || ask.status !== 'open') return;
  if (await store.mentors.find(ask.workspaceId, input.mentorId)) return;
  const routing = await routingFor(deps, ask);
  await store.transaction(async (repos) => {
    const offer = await repos.asks.waitingOffer(ask.id);
    if (
      !offer ||
      offer.mentorId !== input.mentorId ||
      !(await repos.asks.answerOffer(offer.id, input.mentorId, 'withdrawn', now))
    )
      return;
    await repos.outbox.enqueue((await routeAsk(repos, ask, routing, now)).items);
  });
}
