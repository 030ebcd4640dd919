import { describe, expect, it } from 'vitest';
import type { Checkin, Reflection } from '../../src/core/model.js';
import { buildSummary, countParticipants } from '../../src/core/summary.js';

const checkin = (memberId: number, phase: Checkin['phase'], text: string | null): Checkin => ({
  memberId,
  memberName: `m${memberId}`,
  phase,
  text,
  sharedWithLeaders: false,
});
const reflection = (memberId: number): Reflection => ({ memberId, memberName: `m${memberId}`, text: 'thought' });

describe('the session summary', () => {
  it('counts distinct people across check-ins and reflections', () => {
    expect(countParticipants({ checkins: [checkin(1, 'opening', 'a'), checkin(1, 'closing', 'b')], reflections: [reflection(1), reflection(2)] })).toBe(2);
  });

  it('quotes what is working and counts the rest, in the singular where it should', () => {
    const summary = buildSummary({
      communityName: 'Maths',
      topic: null,
      checkins: [checkin(1, 'opening', 'Number talks'), checkin(2, 'closing', null)],
      reflections: [reflection(3)],
      promptText: 'What surprised you?',
    });
    expect(summary.text).toBe('Session summary: Maths\n3 participants · 1 opening check-in · 1 reflection · 1 closing check-in');
    expect(summary.sections).toEqual([
      "What's working, at the start:\n• m1: Number talks",
      'Reflection: "What surprised you?" (1 answer in the thread)',
      'Thank you for making time for each other. Keep building on what is working.',
    ]);
  });

  it('closes an empty session kindly', () => {
    const summary = buildSummary({ communityName: 'Maths', topic: 'Fractions', checkins: [], reflections: [], promptText: null });
    expect(summary.text).toContain('0 participants');
    expect(summary.sections?.at(-1)).toMatch(/fresh start/);
  });
});
