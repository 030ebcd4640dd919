import type { Ask, AskOffer, Urgency } from '../mentoring/ask.js';

// What mentoring needs from storage, in the core's terms. Races are settled by the database: each
// compare-and-set says what it returns when it loses.

export interface AskRepo {
  create(input: {
    workspaceId: number;
    askerId: number;
    communityId: number | null;
    text: string;
    whenSuits: string | null;
    urgency: Urgency | null;
    answerBy: Date;
    at: Date;
  }): Promise<Ask>;
  /** The ask, only if it is of this workspace. */
  find(workspaceId: number, askId: number): Promise<Ask | null>;
  byId(askId: number): Promise<Ask | null>;
  /**
   * Offers an open ask to a mentor; null when it has a waiting offer already or is no longer open
   * (one offer waits at a time, so two replicas cannot offer it twice).
   */
  offer(askId: number, mentorId: number, at: Date): Promise<AskOffer | null>;
  /** The offer waiting for an answer, if any. */
  waitingOffer(askId: number): Promise<AskOffer | null>;
  /** Everyone it was offered to, in order. */
  offers(askId: number): Promise<AskOffer[]>;
  /**
   * Answers the waiting offer, if it is still waiting and still this mentor's: a compare-and-set, so
   * a double press answers once. `pass` counts towards the ask's passes.
   */
  answerOffer(offerId: number, mentorId: number, answer: 'help' | 'pass' | 'withdrawn', at: Date): Promise<boolean>;
  /** open or unanswered → taken by this helper, once; false when it was taken (or is gone) already. */
  take(askId: number, helperId: number, at: Date): Promise<boolean>;
  /** open → unanswered, once. */
  markUnanswered(askId: number, at: Date): Promise<boolean>;
  /** The asker's answer to the follow-up; false when the ask is not theirs or is gone. */
  saveFollowUp(askId: number, askerId: number, text: string, at: Date): Promise<boolean>;
  /** Open asks whose waiting offer is to this mentor (they stopped mentoring or went away). */
  waitingFor(workspaceId: number, mentorId: number): Promise<Ask[]>;
}
