import type { SuggestionShown } from '../mentoring/suggestion.js';

export interface SuggestionRepo {
  add(input: { workspaceId: number; memberId: number; text: string; at: Date }): Promise<number>;
  /** Puts the sender's name to their own suggestion; false when it is not theirs or is gone. */
  name(suggestionId: number, memberId: number): Promise<boolean>;
  /** The workspace's suggestions made in [from, to), oldest first, with names where given. */
  between(input: {
    workspaceId: number;
    from: Date;
    to: Date;
    limit: number;
  }): Promise<{ shown: SuggestionShown[]; total: number }>;
}
