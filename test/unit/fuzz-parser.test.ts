import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/parse.js';
import { USAGE } from '../../src/core/commands/usage.js';

// Thousands of generated lines through the one command parser: huge, empty, unicode, emoji and
// control characters. None throws; every one becomes a command or a short, clean answer.

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom(' ', '\t', '\n', '\u0000', '\u001b', '\u200b', '🙂', '/', '@', '<', '>', ':', '-'),
    maxLength: 50,
  }),
);
const words = Object.keys(USAGE);

// Words such as `tomorrow` are read against a person's present when one is given: fuzzed both ways.
const present = { now: new Date('2026-12-03T09:00:00Z'), zone: 'Pacific/Auckland' };

function checkAnswer(line: string): void {
  checkResult(parseCommand(line));
  checkResult(parseCommand(line, present));
}

function checkResult(result: ReturnType<typeof parseCommand>): void {
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
    fc.assert(
      fc.property(anyText, (line) => checkAnswer(line)),
      { numRuns: 3000 },
    );
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
      fc.property(
        fc.constantFrom('', ...words.map((w) => `${w} `)),
        fc.string({ unit: 'grapheme', minLength: 5000, maxLength: 20000 }),
        (prefix, body) => {
          checkAnswer(prefix + body);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads dates in words in calendar add as real dates in order, or coaches', () => {
    const vocabulary = [
      'next',
      'monday',
      'friday',
      'in',
      '3',
      'weeks',
      'dec',
      '21',
      'jan',
      '31',
      'feb',
      '30',
      'tomorrow',
      'today',
      'Winter',
      'break',
      '2026-12-21',
      '12/01',
      '-',
      'to',
      '3pm',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 8 }), (picked) => {
        const result = parseCommand(`calendar add ${picked.join(' ')}`, present);
        checkResult(result);
        if (result.ok && result.command.name === 'calendar.add') {
          const { from, to, label } = result.command;
          for (const date of [from, to]) expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
          expect(from <= to).toBe(true);
          expect(label.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
