import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canTake,
  fittingTopics,
  rankMentors,
  type Candidate,
  type MatchInput,
} from '../../src/core/mentoring/match.js';
import { readTopics, type Mentor } from '../../src/core/mentoring/mentor.js';

const NOW = new Date('2026-03-03T10:00:00Z');

function mentor(memberId: number, topics: string[], extra: Partial<Mentor> = {}): Mentor {
  return {
    memberId,
    workspaceId: 1,
    communityId: null,
    topics,
    perWeek: 2,
    awayUntil: null,
    since: new Date('2026-01-01T00:00:00Z'),
    ...extra,
  };
}

function candidate(m: Mentor, load: Partial<Candidate['load']> = {}, statusAway = false): Candidate {
  return { mentor: m, load: { waiting: 0, takenSince: 0, takenEver: 0, ...load }, statusAway };
}

function input(askText: string, candidates: Candidate[], extra: Partial<MatchInput> = {}): MatchInput {
  return {
    askText,
    askId: 7,
    askerId: 100,
    askerCircles: new Set([10]),
    offeredBefore: new Set(),
    candidates,
    now: NOW,
    ...extra,
  };
}

const ids = (ranked: ReturnType<typeof rankMentors>) => ranked.map((r) => r.mentor.memberId);

describe('the mentor matcher', () => {
  it('offers the mentor whose topics fit the ask best, and says which topics fit', () => {
    const ranked = rankMentors(
      input('Could someone help me set up Google Classroom assignments for grade 3?', [
        candidate(mentor(1, ['behaviour', 'classroom management'])),
        candidate(mentor(2, ['google classroom', 'grade 3 literacy'])),
        candidate(mentor(3, ['maths manipulatives'])),
      ]),
    );
    expect(ids(ranked)).toEqual([2, 1, 3]);
    expect(ranked[0]?.fitting).toEqual(['google classroom', 'grade 3 literacy']);
    expect(ranked[2]?.fit).toBe(0);
  });

  it('reads plurals and case alike, and ignores little words', () => {
    expect(fittingTopics(['Google Classroom', 'behaviour'], 'my google classrooms')).toEqual(['Google Classroom']);
    expect(fittingTopics(['the and of'], 'the and of')).toEqual([]);
  });

  it('never offers an ask to the asker, to someone who had it already, to someone away, or to someone with a full week', () => {
    const ranked = rankMentors(
      input(
        'google classroom',
        [
          candidate(mentor(100, ['google classroom'])),
          candidate(mentor(1, ['google classroom'])),
          candidate(mentor(2, ['google classroom'], { awayUntil: new Date('2026-03-10T00:00:00Z') })),
          candidate(mentor(3, ['google classroom']), {}, true),
          candidate(mentor(4, ['google classroom'], { perWeek: 2 }), { waiting: 1, takenSince: 1 }),
          candidate(mentor(5, ['google classroom'], { awayUntil: new Date('2026-03-01T00:00:00Z') })),
        ],
        { offeredBefore: new Set([1]) },
      ),
    );
    expect(ids(ranked)).toEqual([5]);
  });

  it("offers a circle's mentor only to people of that circle", () => {
    const circleMentor = candidate(mentor(1, ['phonics'], { communityId: 10 }));
    const otherCircle = candidate(mentor(2, ['phonics'], { communityId: 11 }));
    expect(ids(rankMentors(input('phonics', [circleMentor, otherCircle])))).toEqual([1]);
    expect(ids(rankMentors(input('phonics', [circleMentor, otherCircle], { askerCircles: new Set() })))).toEqual([]);
  });

  it('shares asks out among equally fitting mentors: least busy this week first, then who has helped least', () => {
    const busy = candidate(mentor(1, ['phonics'], { perWeek: 5 }), { takenSince: 2, takenEver: 2 });
    const veteran = candidate(mentor(2, ['phonics'], { perWeek: 5 }), { takenSince: 0, takenEver: 30 });
    const fresh = candidate(mentor(3, ['phonics'], { perWeek: 5 }), { takenSince: 0, takenEver: 1 });
    expect(ids(rankMentors(input('phonics', [busy, veteran, fresh])))).toEqual([3, 2, 1]);
  });

  it('breaks a tie the same way every time, but not the same way for every ask', () => {
    const many = Array.from({ length: 6 }, (_, i) => candidate(mentor(i + 1, ['phonics'])));
    const firstFor = (askId: number) => ids(rankMentors(input('phonics', many, { askId })))[0];
    expect(firstFor(7)).toBe(firstFor(7));
    expect(new Set(Array.from({ length: 30 }, (_, askId) => firstFor(askId + 1))).size).toBeGreaterThan(2);
  });

  it('property: everyone ranked can take the ask, everyone who can is ranked, and nobody twice', () => {
    const mentorArb = fc.record({
      memberId: fc.integer({ min: 1, max: 40 }),
      topics: fc.array(fc.constantFrom('phonics', 'google classroom', 'behaviour', 'grade 3 literacy', 'maths'), {
        maxLength: 3,
      }),
      perWeek: fc.integer({ min: 1, max: 4 }),
      communityId: fc.option(fc.integer({ min: 10, max: 12 }), { nil: null }),
      awayDays: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }),
      waiting: fc.integer({ min: 0, max: 3 }),
      takenSince: fc.integer({ min: 0, max: 3 }),
      statusAway: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(mentorArb, { selector: (m) => m.memberId, maxLength: 12 }),
        fc.string(),
        fc.integer({ min: 1, max: 40 }),
        (rows, askText, askerId) => {
          const candidates = rows.map((r) =>
            candidate(
              mentor(r.memberId, r.topics, {
                perWeek: r.perWeek,
                communityId: r.communityId,
                awayUntil: r.awayDays === null ? null : new Date(NOW.getTime() + r.awayDays * 86_400_000),
              }),
              { waiting: r.waiting, takenSince: r.takenSince },
              r.statusAway,
            ),
          );
          const given = input(askText, candidates, { askerId, offeredBefore: new Set([3]) });
          const ranked = ids(rankMentors(given));
          const able = candidates.filter((c) => canTake(c, given)).map((c) => c.mentor.memberId);
          expect(new Set(ranked).size).toBe(ranked.length);
          expect([...ranked].sort()).toEqual([...able].sort());
          expect(ranked).not.toContain(askerId);
          expect(ranked).not.toContain(3);
        },
      ),
    );
  });
});

describe('topic tags', () => {
  it('are split on commas, tidied, and kept once', () => {
    expect(readTopics(' google   classroom, #behaviour;Behaviour ,, grade 3 literacy ')).toEqual({
      topics: ['google classroom', 'behaviour', 'grade 3 literacy'],
    });
    expect(readTopics('')).toEqual({ topics: [] });
  });

  it('refuse a tag that is a sentence, or too many of them', () => {
    expect(readTopics('x'.repeat(41))).toHaveProperty('problem');
    expect(readTopics(Array.from({ length: 9 }, (_, i) => `t${i}`).join(','))).toHaveProperty('problem');
  });
});
