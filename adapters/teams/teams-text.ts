import { cutToUnits, shorten } from '../../src/core/text/graphemes.js';

// Teams' length limits, and the one way this adapter cuts text to them: on grapheme boundaries, so a
// cut never leaves half an emoji (a lone surrogate) in an activity or a card.

export const TEAMS_LIMITS = {
  /** A message's text or a TextBlock's: far below Teams' 28 KB per activity. */
  text: 20_000,
  /** The notification line (`summary`) shown in the activity feed. */
  summary: 200,
  /** Button and choice titles: longer ones are cut off by Teams anyway. */
  title: 80,
  /** Input labels. */
  label: 200,
} as const;

/** `text` within the Teams limit named, cut where a reader sees a character end. */
export function teamsText(text: string, limit: keyof typeof TEAMS_LIMITS): string {
  return cutToUnits(text, TEAMS_LIMITS[limit]);
}

/** Like teamsText, with "…" when something was cut: for titles and labels a reader should know are shortened. */
export function teamsTitle(text: string, limit: keyof typeof TEAMS_LIMITS): string {
  return shorten(text, TEAMS_LIMITS[limit]);
}
