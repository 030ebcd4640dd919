import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText as escapeSlack } from '../../adapters/slack/blocks.js';
import { escapeTeams, type TeamsSurface } from '../../adapters/teams/escape.js';

// Text people wrote, escaped for each platform, tried with what an attacker would type. Each case is
// shown exactly as written (nothing lost), and nothing in it is left for the platform to read as
// markup: no link, image, emphasis, heading, list, HTML, mention or autolink.

const HOSTILE: [string, string][] = [
  ['a Markdown link', '[click here](https://evil.example/login) **bold**'],
  ['an image', '![logo](https://evil.example/pixel.png)'],
  ['a reference link', '[click][1]\n\n[1]: https://evil.example'],
  ['emphasis', '*one* _two_ **three** __four__ ~~five~~ ***six***'],
  ['a heading', '# Urgent: reset your password'],
  ['a setext heading', 'Urgent\n======'],
  ['lists', '- one\n+ two\n* three\n1. four\n2) five'],
  ['a block quote', '> the principal says'],
  ['a thematic break', '---\n***\n___'],
  ['code', '`inline` and ```fenced```\n```\nblock\n```'],
  ['an unmatched backtick', 'a ` then [link](https://evil.example) `'],
  ['HTML', '<b>bold</b> <a href="https://evil.example">x</a> <img src=x onerror=alert(1)> <script>alert(1)</script>'],
  ['entities', '&lt;b&gt; &amp; &#91;x&#93;(https://evil.example) &nbsp;'],
  ['a Teams mention', '<at>Everyone</at> <at id="0">Ben</at>'],
  ['Slack mentions', '<!channel> <!here> <@U123> <#C123> <!subteam^S1>'],
  ['a Slack link', '<https://evil.example|click here>'],
  ['an autolink', '<https://evil.example> <mailto:a@evil.example>'],
  ['a table', '| a | b |\n|---|---|\n| c | d |'],
  ['escapes', '\\[not a link\\](x) \\*'],
  ['zero-width characters', '[cl\u200bick](https://evil\u200b.example) *\u200bbold\u200b* <\u200bat>x</at> \u2060# x'],
  ['indented markers', '   # heading\n  - item\n\t1. item'],
];

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&' };
const readEntities = (text: string) => text.replace(/&(lt|gt|amp);/g, (_e, name: string) => ENTITIES[name] ?? '');
const readEscapes = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/**
 * What Teams shows: in a card, backslash escapes read; in message text, the same outside code spans
 * (whose backslashes are literal) and the three entities everywhere (the adapter writes `<`, `>` and
 * `&` as entities even in code, in case a client reads HTML there).
 */
function shownInTeams(markdown: string, surface: TeamsSurface): string {
  if (surface === 'card') return readEscapes(markdown);
  return markdown
    .split('\n')
    .map((line) =>
      codeSpans(line)
        .map((piece) => (piece.code ? readEntities(piece.text) : readEntities(readEscapes(piece.text))))
        .join(''),
    )
    .join('\n');
}

/** A line cut into code spans and the rest, as CommonMark pairs backtick runs (escaped ones never open). */
function codeSpans(line: string): { code: boolean; text: string }[] {
  const pieces: { code: boolean; text: string }[] = [];
  let from = 0;
  for (let at = 0; at < line.length; at++) {
    if (line[at] === '\\') {
      at++;
      continue;
    }
    if (line[at] !== '`') continue;
    const run = /^`+/.exec(line.slice(at))?.[0] ?? '`';
    let close = line.indexOf(run, at + run.length);
    while (close >= 0 && (line[close + run.length] === '`' || line[close - 1] === '`'))
      close = line.indexOf(run, close + 1);
    if (close < 0) {
      at += run.length - 1;
      continue;
    }
    pieces.push({ code: false, text: line.slice(from, at) }, { code: true, text: line.slice(at, close + run.length) });
    from = close + run.length;
    at = from - 1;
  }
  pieces.push({ code: false, text: line.slice(from) });
  return pieces;
}

/**
 * What Markdown would still act on in escaped text: an unescaped special character outside a code
 * span (code spans as CommonMark pairs them, within a line), or a line that opens a block.
 */
function liveMarkup(markdown: string, surface: TeamsSurface): string[] {
  const found: string[] = [];
  const specials = surface === 'text' ? '*_[]~|<>`' : '*_[]~|<>`&';
  for (const line of markdown.split('\n')) {
    if (/^\s*([#+=-]|\d+[.)]|>)/.test(line)) found.push(`line start: ${line}`);
    const plain =
      surface === 'text'
        ? codeSpans(line)
            .filter((piece) => !piece.code)
            .map((piece) => piece.text)
        : [line];
    for (const text of plain) {
      for (let at = 0; at < text.length; at++) {
        const c = text[at] ?? '';
        if (c === '\\') at++;
        else if (specials.includes(c)) found.push(`${c} in ${text}`);
        else if (c === '&' && !/^&(lt|gt|amp);/.test(text.slice(at))) found.push(`& in ${text}`);
      }
    }
  }
  return found;
}

describe.each(['text', 'card'] as const)('Teams escaping (%s)', (surface) => {
  it.each(HOSTILE)('shows %s as written, with no live markup', (_name, hostile) => {
    const escaped = escapeTeams(hostile, surface);
    expect(shownInTeams(escaped, surface)).toBe(hostile);
    expect(liveMarkup(escaped, surface)).toEqual([]);
  });

  it('holds for any text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            'a',
            ' ',
            '\n',
            '`',
            '*',
            '_',
            '[',
            ']',
            '(',
            ')',
            '<',
            '>',
            '&',
            '#',
            '-',
            '+',
            '1',
            '.',
            '\\',
            '!',
            '|',
            '~',
            '=',
            '\u200b',
          ),
        }),
        (text) => {
          const escaped = escapeTeams(text, surface);
          expect(shownInTeams(escaped, surface)).toBe(text);
          expect(liveMarkup(escaped, surface)).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('Teams escaping keeps what the core means', () => {
  it("keeps the core's code spans as code in message text, and escapes the link the issue found", () => {
    expect(escapeTeams('Try `prompts weekly wed 12:00` now.', 'text')).toBe('Try `prompts weekly wed 12:00` now.');
    expect(escapeTeams('Ana Ruiz: [click here](https://evil.example/login) **bold**', 'text')).toBe(
      'Ana Ruiz: \\[click here\\](https://evil.example/login) \\*\\*bold\\*\\*',
    );
    expect(escapeTeams('<at>Ben</at>', 'card')).toBe('\\<at\\>Ben\\</at\\>');
  });
});

describe('Slack escaping', () => {
  it.each(HOSTILE)('shows %s as written, with no link, mention or special', (_name, hostile) => {
    const escaped = escapeSlack(hostile);
    // mrkdwn acts on <...> (links, mentions, @channel) and on entities; both are escaped.
    expect(escaped).not.toMatch(/[<>]/);
    expect(escaped.replace(/&(?!(lt|gt|amp);)/g, '')).toBe(escaped);
    expect(escaped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(hostile);
  });
});
