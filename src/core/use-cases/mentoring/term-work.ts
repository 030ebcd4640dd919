import type { Ask } from '../../mentoring/ask.js';
import { changeover, rotationStep, termEnd, type RotationState, type RotationStep } from '../../mentoring/rotation.js';
import { carriedOnItem, noticeItem, thanksItem } from '../../mentoring/rotation-sends.js';
import { mentorWelcomeItem } from '../../mentoring/sends.js';
import type { Workspace } from '../../model.js';
import type { NewOutboxItem } from '../../outbox.js';
import type { Repositories } from '../../ports/store.js';
import type { SystemDeps } from '../../system-deps.js';
import { routeAsk, routingFor } from './route-ask.js';
import { workspaceZone } from '../../time/zone-of.js';

// The planner's side of mentor terms: the notice a month before a term ends and the changeover at its
// end (see src/scheduler/plan.ts); admins set the terms in rotation.ts.

/** Terms end on dates in the workspace's zone. */

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
  const zone = workspaceZone(workspace);
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
      zone: workspaceZone(workspace),
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
