// What people wrote, made inert for Teams. Message text is Markdown with a little HTML; Adaptive Card
// TextBlocks take a Markdown subset (emphasis, lists, links) and no HTML. A check-in reading
// `[click here](https://evil.example/login)` must show those characters, never a live link, bold
// text, a heading, a list, a mention or markup. The core's own text uses only `code` spans and line
// breaks (see src/core/messages.ts), so escaping the whole of it loses nothing the core meant.

export type TeamsSurface = 'text' | 'card';

/** Always Markdown, wherever they stand: emphasis, strikethrough, links and images, tables, escapes. */
const INLINE = new Set(['\\', '*', '_', '[', ']', '~', '|', '`']);
/** Markdown only at the start of a line: headings, list items, setext underlines. */
const LINE_START = /^([ \t]*)([#+=-]|\d{1,9}[.)])/gm;
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes `text` for a Teams surface: in message text (`text`) every Markdown character people might
 * use is backslash-escaped and `&`, `<`, `>` become entities (no HTML, no `<at>` mention, no
 * `<https://...>` autolink); the core's `code` spans stay code spans, whose content Markdown leaves
 * alone. In a card (`card`), where there are no code spans or HTML, `<`, `>` and `&` are
 * backslash-escaped too, since a TextBlock would otherwise read `<https://...>` as a link and
 * `&lt;` as `<`.
 */
export function escapeTeams(text: string, surface: TeamsSurface): string {
  const pieces = surface === 'text' ? splitCodeSpans(text) : [{ code: false, text }];
  return pieces
    .map((piece) => (piece.code ? htmlOnly(piece.text) : escapePlain(piece.text, surface)))
    .join('')
    .replace(LINE_START, (_line, indent: string, marker: string) => `${indent}${escapeLineStart(marker)}`);
}

function htmlOnly(text: string): string {
  return text.replace(/[&<>]/g, (c) => HTML[c] ?? c);
}

function escapePlain(text: string, surface: TeamsSurface): string {
  let out = '';
  for (const c of text) {
    if (INLINE.has(c)) out += `\\${c}`;
    else if (c === '&' || c === '<' || c === '>') out += surface === 'text' ? (HTML[c] ?? c) : `\\${c}`;
    else out += c;
  }
  return out;
}

/** `# x` -> `\# x`, `- x` -> `\- x`, `1. x` -> `1\. x`. */
function escapeLineStart(marker: string): string {
  return /^\d/.test(marker) ? `${marker.slice(0, -1)}\\${marker.slice(-1)}` : `\\${marker}`;
}

/**
 * Splits text into code spans and the rest as CommonMark reads them: a run of n backticks opens a
 * span that the next run of exactly n backticks closes. Spans are kept within a line, so a line in
 * between can never turn into a heading or list the span was thought to hold; a run with no closer
 * on its line is plain text (and its backticks are escaped), so the renderer pairs the same runs.
 */
function splitCodeSpans(text: string): { code: boolean; text: string }[] {
  const pieces: { code: boolean; text: string }[] = [];
  let plainFrom = 0;
  let at = 0;
  while (at < text.length) {
    if (text[at] !== '`') {
      at++;
      continue;
    }
    let end = at;
    while (text[end] === '`') end++;
    const run = end - at;
    const close = closingRun(text, end, run);
    if (close === -1) {
      at = end;
      continue;
    }
    if (at > plainFrom) pieces.push({ code: false, text: text.slice(plainFrom, at) });
    pieces.push({ code: true, text: text.slice(at, close + run) });
    at = close + run;
    plainFrom = at;
  }
  if (plainFrom < text.length) pieces.push({ code: false, text: text.slice(plainFrom) });
  return pieces;
}

/** Where the run of exactly `length` backticks after `from` starts, on the same line; -1 if none. */
function closingRun(text: string, from: number, length: number): number {
  let at = from;
  while (at < text.length && text[at] !== '\n') {
    if (text[at] !== '`') {
      at++;
      continue;
    }
    let end = at;
    while (text[end] === '`') end++;
    if (end - at === length) return at;
    at = end;
  }
  return -1;
}
