import { cutToUnits } from '../../src/core/text/graphemes.js';

// The texts the corpus writes into every field.

/** Cut points: a wall of one emoji sequence, shifted by 0-3 units, puts a cut inside it at any limit. */
const EMOJI = { thumbs: '👍🏽', flag: '🇺🇦', family: '👩‍👩‍👧‍👦', rainbow: '🏳️‍🌈' } as const;

/** The texts people write into every field, each made as long as the field takes. */
export const TEXTS: Record<string, (max: number) => string> = {
  normal: () => 'Small-group phonics went well this week',
  markup: (max) =>
    cutToUnits(
      '*bold* _it_ ~gone~ `code` [click here](https://evil.example/login) <https://evil.example|x> <!channel> <@U123> @everyone ' +
        '<at>Ana</at> <script>alert(1)</script> &amp; &lt;b&gt;\n# heading\n- item\n1. one > quote | a | b |',
      max,
    ),
  nul: (max) => cutToUnits(`before\u0000after ${'word '.repeat(max)}`, max),
  plainLong: (max) => 'a'.repeat(max),
  // Quotes, backslashes and control characters grow when a button's value carries them as JSON.
  escapes: (max) => cutToUnits('"\\\u0001\t'.repeat(max), max),
  ...Object.fromEntries(
    Object.entries(EMOJI).flatMap(([label, sequence]) =>
      [0, 1, 2, 3].map((shift) => [
        `${label}+${shift}`,
        (max: number) => cutToUnits('x'.repeat(shift) + sequence.repeat(Math.ceil(max / sequence.length) + 1), max),
      ]),
    ),
  ),
};
