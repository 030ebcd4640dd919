import type { Deps } from '../../context.js';
import type { Ask } from '../../mentoring/ask.js';
import { MAX_PASSES } from '../../mentoring/ask.js';
import { rankMentors, type Candidate } from '../../mentoring/match.js';
import { deadlineItem, leaderItem, offerItem, unansweredItem } from '../../mentoring/sends.js';
import { isAwayAt } from '../../away.js';
import type { NewOutboxItem } from '../../outbox.js';
import type { Repositories, Store } from '../../ports/store.js';

// Where an ask goes next: to the best-fitting mentor who can take it, or, when none can (two passed,
// nobody fits the week, or time ran out), to the circle's facilitators or the workspace's admins,
// who learn only that someone is waiting. Nobody is left without an answer.

const WEEK_MS = 7 * 24 * 3_600_000;

/** Who could be offered asks now, by name, with how busy they are and whether their chat status says away. */
export async function loadCandidates(
  deps: Pick<Deps, 'store' | 'now'>,
  workspaceId: number,
): Promise<(Candidate & { name: string })[]> {
  const { store, now } = deps;
  const [mentors, loads] = await Promise.all([
    store.mentors.list(workspaceId),
    store.mentors.loads(workspaceId, new Date(now.getTime() - WEEK_MS)),
  ]);
  return Promise.all(
    mentors.map(async (mentor) => {
      const status = await store.members.awayStatus(mentor.memberId);
      return {
        mentor,
        name: mentor.name,
        load: loads.get(mentor.memberId) ?? { waiting: 0, takenSince: 0, takenEver: 0 },
        statusAway: status !== null && isAwayAt(status.status, now),
      };
    }),
  );
}

export interface Leaders {
  who: 'facilitators' | 'admins' | 'nobody';
  memberIds: number[];
}

/** The circle's facilitators, or, for an ask made outside a circle (or one without any), the admins; never the asker. */
export async function leadersFor(
  store: Store,
  ask: Pick<Ask, 'communityId' | 'askerId' | 'workspaceId'>,
): Promise<Leaders> {
  if (ask.communityId !== null) {
    const facilitators = (await store.communities.facilitators(ask.communityId))
      .map((m) => m.id)
      .filter((id) => id !== ask.askerId);
    if (facilitators.length) return { who: 'facilitators', memberIds: facilitators };
  }
  const admins = (await store.digests.admins(ask.workspaceId))
    .map((a) => a.member.id)
    .filter((id) => id !== ask.askerId);
  return admins.length ? { who: 'admins', memberIds: admins } : { who: 'nobody', memberIds: [] };
}

/** No mentor will take it: the asker is told, and leaders are offered it without its words. */
export async function escalate(repos: Repositories, ask: Ask, leaders: Leaders, now: Date): Promise<NewOutboxItem[]> {
  const waiting = await repos.asks.waitingOffer(ask.id);
  // The mentor answered in the same moment: their answer stands.
  if (waiting && !(await repos.asks.answerOffer(waiting.id, waiting.mentorId, 'withdrawn', now))) return [];
  if (!(await repos.asks.markUnanswered(ask.id, now))) return [];
  return [unansweredItem(ask, leaders.who, now), ...leaders.memberIds.map((leader) => leaderItem(ask, leader, now))];
}

export interface Routing {
  candidates: readonly Candidate[];
  askerCircles: ReadonlySet<number>;
  leaders: Leaders;
}

/** What routing needs, read before the transaction that routes. */
export async function routingFor(
  deps: Pick<Deps, 'store' | 'now'>,
  ask: Pick<Ask, 'communityId' | 'askerId' | 'workspaceId'>,
): Promise<Routing> {
  const [candidates, circles, leaders] = await Promise.all([
    loadCandidates(deps, ask.workspaceId),
    deps.store.communities.listForMember(ask.askerId),
    leadersFor(deps.store, ask),
  ]);
  return { candidates, askerCircles: new Set(circles.map((c) => c.community.id)), leaders };
}

/**
 * Offers an open ask to the next mentor, or escalates it. Run in the transaction of the change that
 * calls for it (a new ask, a pass, a mentor going away); returns the messages to write with it.
 * `outcome` says which happened.
 */
export async function routeAsk(
  repos: Repositories,
  ask: Ask,
  routing: Routing,
  now: Date,
): Promise<{ outcome: 'offered' | 'escalated' | 'moved-on'; items: NewOutboxItem[] }> {
  const offers = await repos.asks.offers(ask.id);
  if (ask.passes < MAX_PASSES) {
    const ranked = rankMentors({
      askText: `${ask.text ?? ''} ${ask.whenSuits ?? ''}`,
      askId: ask.id,
      askerId: ask.askerId,
      askerCircles: routing.askerCircles,
      offeredBefore: new Set(offers.map((offer) => offer.mentorId)),
      candidates: routing.candidates,
      now,
    });
    const best = ranked[0];
    if (best) {
      const offer = await repos.asks.offer(ask.id, best.mentor.memberId, now);
      // Another process offered it first, or it was taken: that one's messages stand.
      if (!offer) return { outcome: 'moved-on', items: [] };
      return {
        outcome: 'offered',
        items: [offerItem(ask, offer, now), ...(offers.length === 0 ? [deadlineItem(ask)] : [])],
      };
    }
  }
  const items = await escalate(repos, ask, routing.leaders, now);
  return { outcome: items.length ? 'escalated' : 'moved-on', items };
}
