import { describe, expect, it } from 'vitest';
import { withoutNul } from '../../src/core/without-nul.js';

describe('NUL characters where requests come in', () => {
  it('are taken out of every string, keys included, and nothing else changes', () => {
    const at = new Date('2026-03-02T09:00:00Z');
    const value = { text: 'a\u0000b', list: ['\u0000', 3, null, { 'k\u0000ey': 'v\u0000' }], at, yes: true };
    expect(withoutNul(value)).toEqual({ text: 'ab', list: ['', 3, null, { key: 'v' }], at, yes: true });
    expect(withoutNul(value).at).toBe(at);
    expect(withoutNul('plain')).toBe('plain');
  });
});
