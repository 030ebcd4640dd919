import { describe, expect, it } from 'vitest';
import type { Checkin, Reflection } from '../../src/core/model.js';
import { buildSummary, countParticipants, SUMMARY_MESSAGE_CHARS, summaryMessages } from '../../src/core/summary.js';

const checkin = (memberId: number, phase: Checkin['phase'], text: string | null): Checkin => ({
  memberId,
  memberName: `m${memberId}`,
  phase,
  text,
  sharedWithLeaders: false,
});
const reflection = (memberId: number, promptPostId = 1, text = 'thought'): Reflection => ({
  promptPostId,
  memberId,
  memberName: `m${memberId}`,
  text,
});

describe('the session summary', () => {
  it('counts distinct people across check-ins and reflections', () => {
    expect(
      countParticipants({
        checkins: [checkin(1, 'opening', 'a'), checkin(1, 'closing', 'b')],
        reflections: [reflection(1), reflection(2)],
      }),
    ).toBe(2);
  });

  it('quotes what is working and counts the rest, in the singular where it should', () => {
    const summary = buildSummary({
      communityName: 'Maths',
      topic: null,
      checkins: [checkin(1, 'opening', 'Number talks'), checkin(2, 'closing', null)],
      reflections: [reflection(3)],
      promptText: 'What surprised you?',
    });
    expect(summary.text).toBe(
      'Session summary: Maths\n3 participants · 1 opening check-in · 1 reflection · 1 closing check-in',
    );
    expect(summary.sections).toEqual([
      "What's working, at the start:\n• m1: Number talks",
      'Reflection: "What surprised you?" (1 answer in the thread)\n• m3: thought',
      'Thank you for making time for each other. Keep building on what is working.',
    ]);
  });

  it('keeps every answer a person gave in a phase, together under their name, and counts them once', () => {
    const summary = buildSummary({
      communityName: 'Maths',
      topic: null,
      checkins: [
        checkin(1, 'opening', 'Number talks'),
        checkin(2, 'opening', 'Exit tickets'),
        checkin(1, 'opening', 'and mini whiteboards'),
      ],
      reflections: [],
      promptText: null,
    });
    expect(summary.text).toBe(
      'Session summary: Maths\n2 participants · 2 opening check-ins · 0 reflections · 0 closing check-ins',
    );
    expect(summary.sections?.[0]).toBe(
      "What's working, at the start:\n• m1:\n   – Number talks\n   – and mini whiteboards\n• m2: Exit tickets",
    );
  });

  it('groups reflections under the prompt each answered, quoting them', () => {
    const summary = buildSummary({
      communityName: 'Maths',
      topic: null,
      checkins: [],
      reflections: [
        reflection(1, 10, 'first thought'),
        reflection(2, 11, 'on the second'),
        reflection(2, 11, 'and more'),
      ],
      promptText: 'Second?',
      prompts: [
        { id: 10, text: 'First?' },
        { id: 11, text: 'Second?' },
        { id: 12, text: 'Third?' },
      ],
    });
    expect(summary.text).toContain('2 participants · 0 opening check-ins · 3 reflections');
    expect(summary.sections?.slice(0, 3)).toEqual([
      'Reflection: "First?" (1 answer in the thread)\n• m1: first thought',
      'Reflection: "Second?" (2 answers in the thread)\n• m2:\n   – on the second\n   – and more',
      'Reflection: "Third?" (no answers this time)',
    ]);
  });

  it('splits several answers by one person between messages only between lines, losing none', () => {
    const long = 'x'.repeat(300);
    const checkins = Array.from({ length: 12 }, (_, i) => checkin(1 + (i % 2), 'opening', `${i} ${long}`));
    const messages = summaryMessages(
      { communityName: 'Maths', topic: null, checkins, reflections: [], promptText: null },
      1000,
    );
    expect(messages.length).toBeGreaterThan(1);
    const all = messages.flatMap((m) => m.sections ?? []).join('\n');
    for (let i = 0; i < 12; i++) expect(all).toContain(`– ${i} ${long}`);
    for (const message of messages)
      expect([message.text, ...(message.sections ?? [])].join('\n').length).toBeLessThanOrEqual(1000);
  });

  it('closes an empty session kindly', () => {
    const summary = buildSummary({
      communityName: 'Maths',
      topic: 'Fractions',
      checkins: [],
      reflections: [],
      promptText: null,
    });
    expect(summary.text).toContain('0 participants');
    expect(summary.sections?.at(-1)).toMatch(/fresh start/);
  });

  describe('in messages', () => {
    const long = (n: number) => `${n} `.padEnd(900, 'working 👍🏽 ');
    const input = (people: number) => ({
      communityName: 'Maths',
      topic: 'Fractions',
      checkins: Array.from({ length: people }, (_, i) => checkin(i + 1, i % 2 ? 'closing' : 'opening', long(i + 1))),
      reflections: [reflection(1)],
      promptText: 'What surprised you?',
    });
    const size = (message: { text: string; sections?: string[] }) =>
      [message.text, ...(message.sections ?? [])].join('\n').length;

    it('is the one summary when it is short', () => {
      const short = {
        communityName: 'Maths',
        topic: null,
        checkins: [checkin(1, 'opening', 'Number talks')],
        reflections: [],
        promptText: null,
      };
      expect(summaryMessages(short)).toEqual([buildSummary(short)]);
    });

    it('goes on in further messages between two answers, dropping none, keeping their order', () => {
      const messages = summaryMessages(input(12));
      expect(messages.length).toBe(2);
      for (const message of messages) expect(size(message)).toBeLessThanOrEqual(SUMMARY_MESSAGE_CHARS);
      expect(messages[1]?.text).toBe('Session summary: Fractions (Maths) (continued)');
      const lines = messages.flatMap((m) => (m.sections ?? []).flatMap((section) => section.split('\n')));
      expect(lines).toEqual(buildSummary(input(12)).sections?.flatMap((section) => section.split('\n')));
    });

    it('keeps every message within its size for any number of long answers', () => {
      for (const people of [1, 5, 30, 80]) {
        const messages = summaryMessages(input(people), 3000);
        for (const message of messages) expect(size(message), `${people} people`).toBeLessThanOrEqual(3000);
        const shown = messages.map((m) => (m.sections ?? []).join('\n')).join('\n');
        for (let i = 1; i <= people; i += 1) expect(shown).toContain(`• m${i}: ${long(i)}`);
      }
    });
  });
});
