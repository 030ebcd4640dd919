// `suggest`: mentors and facilitators pass on to school leaders what they see (the seeds' "mouthpieces
// for the entire faculty"). Unlike reflections, these are written for leaders; they appear in the
// next weekly digest, without the sender's name unless the sender chose to put it to them.

export const MAX_SUGGESTION_LENGTH = 500;
/** A digest shows at most this many; the rest are counted. */
export const SUGGESTIONS_IN_DIGEST = 10;

export interface SuggestionShown {
  text: string;
  /** The sender's name, only when they put their name to it. */
  by: string | null;
}

export interface SuggestionRepo {
  add(input: { workspaceId: number; memberId: number; text: string; at: Date }): Promise<number>;
  /** Puts the sender's name to their own suggestion; false when it is not theirs or is gone. */
  name(suggestionId: number, memberId: number): Promise<boolean>;
  /** The workspace's suggestions made in [from, to), oldest first, with names where given. */
  between(input: { workspaceId: number; from: Date; to: Date; limit: number }): Promise<{ shown: SuggestionShown[]; total: number }>;
}
