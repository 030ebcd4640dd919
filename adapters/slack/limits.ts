import { graphemes, shorten } from '../../src/core/text/graphemes.js';

// Slack's documented Block Kit limits, in one place, and the one way this adapter fits text into
// them: cut where a reader sees a character end (never inside an emoji), and for mrkdwn never inside
// an escape such as `&amp;`. Slack refuses a payload past any of these (`invalid_blocks`,
// `invalid_arguments`), so a cut here is what keeps a long check-in from losing a whole message.

export const SLACK_LIMITS = {
  /** A section's text object. */
  sectionText: 3000,
  /** A context block's text elements. */
  contextText: 3000,
  /** Blocks in one message; a longer one goes on in further messages. */
  blocksPerMessage: 50,
  /** Blocks in a modal or the Home tab. */
  blocksPerView: 100,
  /** The notification text beside blocks (Slack shows it where blocks cannot be). */
  notificationText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionDescription: 75,
  inputLabel: 2000,
  inputHint: 2000,
  /** `plain_text_input` takes a `max_length` of 1 to 3000. */
  inputMaxLength: 3000,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
} as const;

/** Slack's three control characters in mrkdwn. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text within `max`, with "…" where it was cut; Slack refuses an empty one, so never empty. */
export function plainText(text: string, max: number): { type: 'plain_text'; text: string } {
  return { type: 'plain_text', text: shorten(text, max) || ' ' };
}

/** Escaped text within `max` units, with "…" where it was cut. */
export function fitMrkdwn(raw: string, max: number): string {
  const escaped = escapeText(raw);
  if (escaped.length <= max) return escaped;
  return `${(splitLine(raw, max - 1)[0] ?? '').trimEnd()}…`;
}

/** `max_length` for a text input: what the form asks for, within the range Slack accepts. */
export function inputMaxLength(asked: number): number {
  return Math.min(Math.max(Math.floor(asked), 1), SLACK_LIMITS.inputMaxLength);
}

/** The longest start of `text` within `max` units that splits no surrogate pair. */
function byCodePoints(text: string, max: number): string {
  let kept = '';
  for (const point of text) {
    if (kept.length + point.length > max) break;
    kept += point;
  }
  return kept;
}

/** One line, escaped, in pieces of at most `max` units each, cut between graphemes. */
function splitLine(raw: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const grapheme of graphemes(raw)) {
    const escaped = escapeText(grapheme);
    if (current && current.length + escaped.length > max) {
      pieces.push(current);
      current = '';
    }
    // A single grapheme longer than a whole piece (hundreds of combining marks) keeps what fits.
    current += escaped.length > max ? byCodePoints(escaped, max) : escaped;
  }
  pieces.push(current);
  return pieces;
}

/**
 * Text as escaped mrkdwn pieces of at most `max` units each. Pieces break between lines where they
 * can (the core puts each person's answer on a line of its own), and inside a line only when the
 * line alone is too long; nothing is dropped.
 */
export function mrkdwnPieces(raw: string, max: number = SLACK_LIMITS.sectionText): string[] {
  const pieces: string[] = [];
  let current: string | undefined;
  for (const line of raw.split('\n')) {
    const escaped = escapeText(line);
    if (current !== undefined && current.length + 1 + escaped.length <= max) {
      current = `${current}\n${escaped}`;
      continue;
    }
    if (current !== undefined) pieces.push(current);
    if (escaped.length <= max) {
      current = escaped;
      continue;
    }
    const parts = splitLine(line, max);
    pieces.push(...parts.slice(0, -1));
    current = parts.at(-1);
  }
  if (current !== undefined) pieces.push(current);
  // Slack refuses a section without text; a blank piece (the end of a text ending in line breaks) shows nothing anyway.
  return pieces.filter((piece) => piece.trim());
}
