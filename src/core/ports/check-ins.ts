import type { AnswerSource, Checkin, CheckinPhase } from '../model.js';

/** What storing an answer did: a first one, one more beside the person's earlier ones, or an edit of one. */
export type AnswerSaved = 'created' | 'added' | 'edited';

export interface CheckinRepo {
  /**
   * Adds a check-in: a person may give several in one phase, and all are kept. The same platform
   * message again changes the check-in it made ('edited'); 'added' says the person had one already.
   */
  save(input: {
    sessionId: number;
    memberId: number;
    phase: CheckinPhase;
    text: string;
    sharedWithLeaders: boolean;
    source: AnswerSource;
    messageId?: string;
    at: Date;
  }): Promise<AnswerSaved>;
  /** Oldest first. */
  listForSession(sessionId: number): Promise<Checkin[]>;
  /** The member's latest check-ins with a text, newest first. */
  recentForMember(
    memberId: number,
    limit: number,
  ): Promise<{ communityName: string; phase: CheckinPhase; text: string; at: Date }[]>;
  /** The member's answer that came from this platform message gets the new text; false if none did. */
  editByMessage(input: {
    sessionId: number;
    memberId: number;
    messageId: string;
    text: string;
    at: Date;
  }): Promise<boolean>;
  /** Removes the member's answer that came from this platform message; false if none did. */
  removeByMessage(input: { sessionId: number; memberId: number; messageId: string }): Promise<boolean>;
}
