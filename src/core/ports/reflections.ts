import type { AnswerSource, Reflection } from '../model.js';
import type { AnswerSaved } from './check-ins.js';

export interface ReflectionRepo {
  /** Adds a reflection on a prompt post; the same platform message again changes it. As `CheckinRepo.save`. */
  add(input: {
    promptPostId: number;
    memberId: number;
    text: string;
    source: AnswerSource;
    messageId?: string;
    at: Date;
  }): Promise<AnswerSaved>;
  listForSession(sessionId: number): Promise<Reflection[]>;
  /** Reflections on prompts posted to the channel between sessions, in the window given. */
  countBetweenSessions(communityId: number, after: Date | null, before: Date): Promise<number>;
  /**
   * The member's reflection that came from this platform message gets the new text; false if none did.
   * `on` is the session whose prompts it answers, or the one prompt posted between sessions.
   */
  editByMessage(input: {
    on: ReflectionScope;
    memberId: number;
    messageId: string;
    text: string;
    at: Date;
  }): Promise<boolean>;
  removeByMessage(input: { on: ReflectionScope; memberId: number; messageId: string }): Promise<boolean>;
}

export type ReflectionScope = { sessionId: number } | { promptPostId: number };
