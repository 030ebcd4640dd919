import { describe, expect, it } from 'vitest';
import {
  changeover,
  endDateProblem,
  freshRotation,
  ownFigures,
  rotationStep,
  schoolYearEnd,
  termEnd,
  termFigures,
  type TermAsk,
} from '../../src/core/mentoring/rotation.js';
import { atLocal } from '../../src/core/time/local-time.js';

const ZONE = 'Europe/London';
const at = (date: string, minute = 12 * 60) => atLocal(date, minute, ZONE);

describe('the end of the school year', () => {
  it('is the last school day before the first long break ahead', () => {
    // 2027-06-25 is a Friday: the Thursday before.
    expect(schoolYearEnd('2027-03-01', [{ from: '2027-06-25', to: '2027-08-31' }])).toBe('2027-06-24');
    // A break starting on a Monday: the Friday before, skipping a holiday on that Friday.
    expect(
      schoolYearEnd('2027-03-01', [
        { from: '2027-07-05', to: '2027-08-31' },
        { from: '2027-07-02', to: '2027-07-02' },
      ]),
    ).toBe('2027-07-01');
    // A southern-hemisphere calendar: the summer break in December.
    expect(schoolYearEnd('2026-10-01', [{ from: '2026-12-18', to: '2027-02-01' }])).toBe('2026-12-17');
  });

  it('is 30 June without a long break, and on its last day is still that day', () => {
    expect(schoolYearEnd('2027-03-01', [{ from: '2027-04-05', to: '2027-04-16' }])).toBe('2027-06-30');
    expect(schoolYearEnd('2027-06-30', [])).toBe('2027-06-30');
    expect(schoolYearEnd('2027-07-01', [])).toBe('2028-06-30');
    expect(schoolYearEnd('2027-06-24', [{ from: '2027-06-25', to: '2027-08-31' }])).toBe('2027-06-24');
  });

  it('ignores a long break that started already', () => {
    expect(schoolYearEnd('2027-07-10', [{ from: '2027-06-25', to: '2027-08-31' }])).toBe('2028-06-30');
  });
});

describe('a term', () => {
  it('ends on the date an admin chose, or by default at least two months after the last one ended', () => {
    const closures = [{ from: '2027-06-25', to: '2027-08-31' }];
    expect(
      termEnd({ state: { ...freshRotation(1), endsOn: '2027-05-20' }, closures, zone: ZONE, now: at('2027-03-01') }),
    ).toEqual({ endsOn: '2027-05-20', chosen: true });
    expect(termEnd({ state: freshRotation(1), closures, zone: ZONE, now: at('2027-03-01') })).toEqual({
      endsOn: '2027-06-24',
      chosen: false,
    });
    // Just after a term ended early in June, the default is not the same school year's end weeks later.
    const justEnded = { ...freshRotation(1), startedAt: at('2027-06-01', 16 * 60) };
    expect(termEnd({ state: justEnded, closures, zone: ZONE, now: at('2027-06-02') }).endsOn).toBe('2028-06-30');
    // Mentors first named a week before the summer mentor until the next one; a month before, until this one.
    expect(termEnd({ state: freshRotation(1), closures, zone: ZONE, now: at('2027-06-17') }).endsOn).toBe('2028-06-30');
    expect(termEnd({ state: freshRotation(1), closures, zone: ZONE, now: at('2027-05-24') }).endsOn).toBe('2027-06-24');
  });

  it('waits for the notice, sends it once, then waits for the end, and ends at 16:00 on the last day', () => {
    const state = { ...freshRotation(1), endsOn: '2027-06-24' };
    const early = rotationStep({ state, closures: [], zone: ZONE, now: at('2027-05-01') });
    expect(early).toMatchObject({ kind: 'wait', endsOn: '2027-06-24', next: at('2027-05-25', 9 * 60) });
    expect(rotationStep({ state, closures: [], zone: ZONE, now: at('2027-05-25', 9 * 60) })).toMatchObject({
      kind: 'notice',
      next: at('2027-06-24', 16 * 60),
    });
    const noticed = { ...state, noticeFor: '2027-06-24' };
    expect(rotationStep({ state: noticed, closures: [], zone: ZONE, now: at('2027-06-01') })).toMatchObject({
      kind: 'wait',
      next: at('2027-06-24', 16 * 60),
    });
    expect(rotationStep({ state: noticed, closures: [], zone: ZONE, now: at('2027-06-24', 15 * 60 + 59) }).kind).toBe(
      'wait',
    );
    expect(rotationStep({ state: noticed, closures: [], zone: ZONE, now: at('2027-06-24', 16 * 60) }).kind).toBe(
      'change',
    );
    // The date moved after the notice: the new date gets its own notice.
    expect(
      rotationStep({ state: { ...noticed, endsOn: '2027-07-09' }, closures: [], zone: ZONE, now: at('2027-06-10') })
        .kind,
    ).toBe('notice');
  });

  it('refuses an end date that is past or more than two years away', () => {
    expect(endDateProblem('2027-03-01', '2027-03-01')).toMatch(/still to come/);
    expect(endDateProblem('2029-04-01', '2027-03-01')).toMatch(/within two years/);
    expect(endDateProblem('2027-06-24', '2027-03-01')).toBeNull();
  });
});

describe('figures for the admins', () => {
  const from = at('2026-09-01');
  const to = at('2027-05-25');
  const ask = (askerId: number, text: string | null, helperId: number | null = null): TermAsk => ({
    askerId,
    createdAt: at('2026-10-01'),
    helperId,
    takenAt: helperId === null ? null : at('2026-10-02'),
    text,
  });

  it('shows counts drawn from enough people, and hides one mentor who took every ask', () => {
    const asks = [
      ask(1, 'google classroom', 10),
      ask(2, 'google classroom rubric', 10),
      ask(3, 'Google Classroom quiz', 10),
      ask(4, 'behaviour', 10),
    ];
    const figures = termFigures({ asks, topics: ['google classroom', 'behaviour'], from, to, threshold: 3 });
    expect(figures.made).toEqual({ kind: 'count', count: 4 });
    expect(figures.taken).toEqual({ kind: 'too-few' });
    // Behaviour: one asker, so not named; topics come without counts.
    expect(figures.topics).toEqual(['google classroom']);
  });

  it('counts asks taken by enough mentors from enough askers, and nothing outside the term', () => {
    const asks = [
      ask(1, 'a', 10),
      ask(2, 'b', 11),
      ask(3, 'c', 12),
      { ...ask(4, 'd', 13), createdAt: at('2026-08-01'), takenAt: at('2026-08-02') },
    ];
    const figures = termFigures({ asks, topics: [], from, to, threshold: 3 });
    expect(figures).toEqual({ made: { kind: 'count', count: 3 }, taken: { kind: 'count', count: 3 }, topics: [] });
    // A raised threshold hides both.
    expect(termFigures({ asks, topics: [], from, to, threshold: 4 })).toMatchObject({
      made: { kind: 'too-few' },
      taken: { kind: 'too-few' },
    });
  });

  it('names topics asked by enough different people, however often one person asked, and skips cleared words', () => {
    const asks = [
      ask(1, 'behaviour'),
      ask(1, 'behaviour again'),
      ask(1, 'behaviour once more'),
      ask(2, null),
      ask(3, null),
      ask(4, null),
    ];
    expect(termFigures({ asks, topics: ['behaviour'], from, to, threshold: 3 }).topics).toEqual([]);
  });

  it('gives a mentor their own counts only', () => {
    const asks = [ask(1, 'a', 10), ask(1, 'b', 10), ask(2, 'c', 10), ask(3, 'd', 11)];
    expect(ownFigures(asks, 10, from, to)).toEqual({ taken: 3, people: 2 });
    expect(ownFigures(asks, 12, from, to)).toEqual({ taken: 0, people: 0 });
  });
});

describe('the changeover', () => {
  it('splits mentors into those stepping down, carrying on and coming in', () => {
    const result = changeover([{ memberId: 1 }, { memberId: 2 }], [{ memberId: 2 }, { memberId: 3 }]);
    expect(result).toEqual({ outgoing: [{ memberId: 1 }], continuing: [{ memberId: 2 }], incoming: [{ memberId: 3 }] });
  });
});
