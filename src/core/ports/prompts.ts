import type { PromptPost } from '../model.js';
import type { Prompt, PromptTheme } from '../prompts/library.js';

/** A prompt taken out of a community's draw; `by` is null for retirements made before it was kept. */
export interface PromptRetirement {
  id: number;
  communityId: number;
  promptKey: string;
  by: number | null;
  at: Date;
}

export interface PromptRepo {
  listCustom(communityId: number): Promise<Prompt[]>;
  retiredKeys(communityId: number): Promise<Set<string>>;
  /** Keys of the prompts posted to this community, oldest first. */
  history(communityId: number): Promise<string[]>;
  recordPost(input: {
    communityId: number;
    sessionId: number | null;
    prompt: Prompt;
    channelId: string;
    at: Date;
  }): Promise<PromptPost>;
  setPostMessage(postId: number, messageId: string): Promise<void>;
  latestForSession(sessionId: number): Promise<PromptPost | null>;
  /** The prompts posted in a session, oldest first. */
  postsForSession(sessionId: number): Promise<PromptPost[]>;
  addCustom(input: { communityId: number; theme: PromptTheme; text: string; createdBy: number }): Promise<Prompt>;
  /**
   * Each prompt's number in this community, fixed for life. The keys given that have none yet take
   * the next free numbers, in the order given, under a lock on the community; call inside a transaction.
   */
  numbered(communityId: number, keys: readonly string[]): Promise<Map<string, number>>;
  /** Null when the prompt is retired here already. */
  retire(input: { communityId: number; promptKey: string; by: number; at: Date }): Promise<PromptRetirement | null>;
  /** Brings a retired prompt back; false when it was not retired (or, with `retirementId`, not by that retirement). */
  restore(input: { communityId: number; promptKey: string; retirementId?: number }): Promise<boolean>;
  /** A retirement by its id, the one an Undo button names. */
  findRetirement(retirementId: number): Promise<PromptRetirement | null>;
  /** The latest retirement this member made at or after `since`, in any community. */
  latestRetirementBy(memberId: number, since: Date): Promise<PromptRetirement | null>;
  /** A prompt posted outside a session, found by the message that roots its thread. */
  postByMessage(communityId: number, messageId: string): Promise<PromptPost | null>;
  /** A recorded post by its id, for the outbox item that posts it. */
  findPost(postId: number): Promise<PromptPost | null>;
}
