import type { ExportedMentoring } from '../../src/core/export/member-data.js';
import type { Ask, AskOffer } from '../../src/core/mentoring/ask.js';
import { DEFAULT_PER_WEEK, type Mentor } from '../../src/core/mentoring/mentor.js';
import type { AskRepo } from '../../src/core/ports/asks.js';
import type { MentorLoad, MentorRepo } from '../../src/core/ports/mentors.js';

// Mentors, asks and offers in memory, for the MemoryStore: the same promises as the database (one
// waiting offer per ask, compare-and-set answers and takes, a facilitator never narrowing an admin's
// naming), so a use case that relies on them behaves the same here.

export class MemoryMentoring {
  readonly data = {
    mentors: [] as Mentor[],
    asks: [] as (Ask & { followUpAt: Date | null })[],
    offers: [] as AskOffer[],
  };

  constructor(
    private readonly nextId: () => number,
    private readonly memberName: (memberId: number) => string,
  ) {}

  private mentor(workspaceId: number, memberId: number) {
    return this.data.mentors.find((m) => m.workspaceId === workspaceId && m.memberId === memberId);
  }

  private ask(askId: number) {
    return this.data.asks.find((a) => a.id === askId);
  }

  private readonly copyMentor = (mentor: Mentor): Mentor => ({ ...mentor, topics: [...mentor.topics] });
  private readonly copyAsk = ({ followUpAt: _kept, ...ask }: Ask & { followUpAt: Date | null }): Ask => ({ ...ask });

  mentors: MentorRepo = {
    upsert: async ({ workspaceId, memberId, communityId, topics, at }) => {
      const found = this.mentor(workspaceId, memberId);
      if (!found) {
        const mentor: Mentor = { memberId, workspaceId, communityId, topics: [...topics], perWeek: DEFAULT_PER_WEEK, awayUntil: null, since: at };
        this.data.mentors.push(mentor);
        return { mentor: this.copyMentor(mentor), before: null };
      }
      const before = this.copyMentor(found);
      found.communityId = communityId === null || found.communityId === null ? null : communityId;
      found.topics = [...topics];
      return { mentor: this.copyMentor(found), before };
    },
    remove: async (workspaceId, memberId) => {
      const found = this.mentor(workspaceId, memberId);
      this.data.mentors = this.data.mentors.filter((m) => m !== found);
      return found ? this.copyMentor(found) : null;
    },
    find: async (workspaceId, memberId) => {
      const found = this.mentor(workspaceId, memberId);
      return found ? this.copyMentor(found) : null;
    },
    list: async (workspaceId) =>
      this.data.mentors
        .filter((m) => m.workspaceId === workspaceId)
        .map((m) => ({ ...this.copyMentor(m), name: this.memberName(m.memberId) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.memberId - b.memberId)),
    setAwayUntil: async (workspaceId, memberId, until) => {
      const found = this.mentor(workspaceId, memberId);
      if (found) found.awayUntil = until;
      return found !== undefined;
    },
    setPerWeek: async (workspaceId, memberId, perWeek) => {
      const found = this.mentor(workspaceId, memberId);
      if (found) found.perWeek = perWeek;
      return found !== undefined;
    },
    loads: async (workspaceId, since) => {
      const loads = new Map<number, MentorLoad>();
      for (const mentor of this.data.mentors.filter((m) => m.workspaceId === workspaceId)) {
        const waiting = this.data.offers.filter((o) => o.mentorId === mentor.memberId && o.answer === null && this.ask(o.askId)?.workspaceId === workspaceId).length;
        const taken = this.data.asks.filter((a) => a.workspaceId === workspaceId && a.helperId === mentor.memberId && a.takenAt !== null);
        const takenSince = taken.filter((a) => a.takenAt !== null && a.takenAt.getTime() >= since.getTime()).length;
        if (waiting > 0 || taken.length > 0) loads.set(mentor.memberId, { waiting, takenSince, takenEver: taken.length });
      }
      return loads;
    },
  };

  asks: AskRepo = {
    create: async ({ workspaceId, askerId, communityId, text, whenSuits, urgency, answerBy, at }) => {
      const ask = { id: this.nextId(), workspaceId, askerId, communityId, text, whenSuits, urgency, status: 'open' as const, helperId: null, passes: 0, createdAt: at, answerBy, takenAt: null, followUp: null, followUpAt: null };
      this.data.asks.push(ask);
      return this.copyAsk(ask);
    },
    find: async (workspaceId, askId) => {
      const found = this.ask(askId);
      return found && found.workspaceId === workspaceId ? this.copyAsk(found) : null;
    },
    byId: async (askId) => {
      const found = this.ask(askId);
      return found ? this.copyAsk(found) : null;
    },
    offer: async (askId, mentorId, at) => {
      if (this.ask(askId)?.status !== 'open' || this.data.offers.some((o) => o.askId === askId && o.answer === null)) return null;
      const offer: AskOffer = { id: this.nextId(), askId, mentorId, offeredAt: at, answer: null, answeredAt: null };
      this.data.offers.push(offer);
      return { ...offer };
    },
    waitingOffer: async (askId) => {
      const found = this.data.offers.find((o) => o.askId === askId && o.answer === null);
      return found ? { ...found } : null;
    },
    offers: async (askId) => this.data.offers.filter((o) => o.askId === askId).map((o) => ({ ...o })),
    answerOffer: async (offerId, mentorId, answer, at) => {
      const offer = this.data.offers.find((o) => o.id === offerId && o.mentorId === mentorId && o.answer === null);
      if (!offer) return false;
      Object.assign(offer, { answer, answeredAt: at });
      const ask = this.ask(offer.askId);
      if (ask && answer === 'pass') ask.passes++;
      return true;
    },
    take: async (askId, helperId, at) => {
      const ask = this.ask(askId);
      if (!ask || ask.status === 'taken') return false;
      Object.assign(ask, { status: 'taken', helperId, takenAt: at });
      return true;
    },
    markUnanswered: async (askId) => {
      const ask = this.ask(askId);
      if (ask?.status !== 'open') return false;
      ask.status = 'unanswered';
      return true;
    },
    saveFollowUp: async (askId, askerId, text, at) => {
      const ask = this.ask(askId);
      if (ask?.askerId !== askerId) return false;
      Object.assign(ask, { followUp: text, followUpAt: at });
      return true;
    },
    waitingFor: async (workspaceId, mentorId) => {
      const waiting = new Set(this.data.offers.filter((o) => o.mentorId === mentorId && o.answer === null).map((o) => o.askId));
      return this.data.asks.filter((a) => a.workspaceId === workspaceId && a.status === 'open' && waiting.has(a.id)).map(this.copyAsk);
    },
  };

  /** Forget-me, as the database's cascades do it: their mentor row, asks and offers go; asks they helped with lose their helper. */
  forget(memberId: number): void {
    const theirAsks = new Set(this.data.asks.filter((a) => a.askerId === memberId).map((a) => a.id));
    this.data.mentors = this.data.mentors.filter((m) => m.memberId !== memberId);
    this.data.asks = this.data.asks.filter((a) => !theirAsks.has(a.id));
    this.data.offers = this.data.offers.filter((o) => o.mentorId !== memberId && !theirAsks.has(o.askId));
    for (const ask of this.data.asks) if (ask.helperId === memberId) ask.helperId = null;
  }

  /** Their part of `export`: the mentor row, their own asks in full, asks they helped with as dates only. */
  exported(memberId: number, communityName: (id: number | null) => string | null): Omit<ExportedMentoring, 'suggestions' | 'pairings' | 'nextTerm' | 'visits'> {
    const mentor = this.data.mentors.find((m) => m.memberId === memberId);
    return {
      mentor: mentor ? { circle: communityName(mentor.communityId), topics: [...mentor.topics], perWeek: mentor.perWeek, awayUntil: mentor.awayUntil, since: mentor.since } : null,
      asks: this.data.asks
        .filter((a) => a.askerId === memberId)
        .map((a) => ({ text: a.text, whenSuits: a.whenSuits, urgency: a.urgency, status: a.status, askedAt: a.createdAt, takenAt: a.takenAt, followUp: a.followUp })),
      helped: this.data.asks.flatMap((a) => (a.helperId === memberId && a.takenAt ? [{ askedAt: a.createdAt, takenAt: a.takenAt }] : [])),
    };
  }
}
