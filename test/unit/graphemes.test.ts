import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutToUnits, graphemes, shorten } from '../../src/core/text/graphemes.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('cutting text on grapheme boundaries', () => {
  it('never splits an emoji, a flag or a skin tone', () => {
    const text = 'ab👍🏽🇬🇧é👩‍🏫';
    for (let max = 0; max <= text.length; max += 1) {
      const cut = cutToUnits(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(text.startsWith(cut)).toBe(true);
      expect(graphemes(text).slice(0, graphemes(cut).length).join('')).toBe(cut);
    }
    expect(cutToUnits(text, 3)).toBe('ab');
    expect(cutToUnits(text, 6)).toBe('ab👍🏽');
  });

  it('shortens with an ellipsis only when something was cut', () => {
    expect(shorten('short', 10)).toBe('short');
    expect(shorten('a long sentence', 8)).toBe('a long…');
    expect(shorten('😀😀😀', 4)).toBe('😀…');
  });

  it('keeps any text within the limit and free of lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 1, max: 80 }), (text, max) => {
        const cut = shorten(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(loneSurrogate.test(cut)).toBe(false);
      }),
    );
  });
});
