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
