import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/parse.js';
import { USAGE } from '../../src/core/commands/usage.js';

// Thousands of generated lines through the one command parser: huge, empty, unicode, emoji and
// control characters. None throws; every one becomes a command or a short, clean answer.

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u0000', '\u001b', '\u200b', '🙂', '/', '@', '<', '>', ':', '-'), maxLength: 50 }),
);
const words = Object.keys(USAGE);

function checkAnswer(line: string): void {
  const result = parseCommand(line);
  if (result.ok) {
    expect(typeof result.command.name).toBe('string');
    return;
  }
  expect(result.error.message.length).toBeGreaterThan(0);
  // The answer never repeats a whole line back, nor its control characters.
  expect(result.error.message.length).toBeLessThan(400);
  expect(result.error.message).not.toMatch(/[\p{Cc}]/u);
}

describe('the command parser, fuzzed', () => {
  it('answers any line at all', () => {
    fc.assert(fc.property(anyText, (line) => checkAnswer(line)), { numRuns: 3000 });
  });

  it('answers every command word followed by anything', () => {
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.constantFrom(' ', '  ', '\t', '\n'), anyText, (word, gap, rest) => {
        checkAnswer(`${word}${gap}${rest}`);
        const result = parseCommand(`/circle ${word}${gap}${rest}`);
        // A known word is never "unknown", whatever follows it.
        if (!result.ok) expect(result.error.kind).not.toBe('unknown');
      }),
      { numRuns: 3000 },
    );
  });

  it('answers huge lines quickly enough to stay inside a platform deadline', () => {
    fc.assert(
      fc.property(fc.constantFrom('', ...words.map((w) => `${w} `)), fc.string({ unit: 'grapheme', minLength: 5000, maxLength: 20000 }), (prefix, body) => {
        checkAnswer(prefix + body);
      }),
      { numRuns: 100 },
    );
  });
});
