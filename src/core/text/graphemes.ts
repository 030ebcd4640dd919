// Cuts text where a reader sees a character end. `slice` counts UTF-16 units, so a cut can split an
// emoji into a lone surrogate or take the skin tone off a thumbs-up; Slack and Teams may refuse the
// first and show the second as a broken glyph.

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The text's characters as a reader sees them (an emoji with its modifiers is one). */
export const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), (part) => part.segment);

/**
 * The longest start of `text` that is at most `maxUnits` UTF-16 units long (the unit Slack and Teams
 * count in) and ends on a grapheme boundary.
 */
export function cutToUnits(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  let end = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (end + segment.length > maxUnits) break;
    end += segment.length;
  }
  return text.slice(0, end);
}

/** `text` within `maxUnits` units, ending with "…" when something was cut. */
export function shorten(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  return `${cutToUnits(text, maxUnits - 1).trimEnd()}…`;
}
