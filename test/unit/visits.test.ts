import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/parse.js';
import { checkSlot, noticingQuestions, reminderAt, schoolDayBefore } from '../../src/core/visits/visit.js';

// Classroom visits in the core: the words, and the school days they may fall on.

// Tuesday 3 March 2026, 09:00 in Chicago.
const now = new Date('2026-03-03T15:00:00Z');
const chicago = { now, zone: 'America/Chicago' };

describe('visit, invite and model commands', () => {
  it('read a colleague, a day in words or digits, a time as people type it, and the rest as the focus', () => {
    expect(parseCommand('visit <@UBEN|ben> thu 10:00 questioning in small groups', chicago)).toEqual({
      ok: true,
      command: {
        name: 'visit',
        kind: 'visit',
        user: { userId: 'UBEN', label: 'ben' },
        date: '2026-03-05',
        time: { hour: 10, minute: 0 },
        focus: 'questioning in small groups',
      },
    });
    expect(parseCommand('invite <@UBEN> tomorrow 1:30 pm', chicago)).toEqual({
      ok: true,
      command: {
        name: 'visit',
        kind: 'invite',
        user: { userId: 'UBEN' },
        date: '2026-03-04',
        time: { hour: 13, minute: 30 },
      },
    });
    expect(parseCommand('model <@UBEN> next monday 9am guided reading', chicago)).toMatchObject({
      ok: true,
      command: { kind: 'model', date: '2026-03-09', time: { hour: 9, minute: 0 }, focus: 'guided reading' },
    });
    expect(parseCommand('visit <@UBEN> 2026-12-08 10:00', chicago)).toMatchObject({
      ok: true,
      command: { date: '2026-12-08' },
    });
  });

  it('explain what is missing or unclear', () => {
    const message = (text: string) => {
      const parsed = parseCommand(text, chicago);
      return parsed.ok ? 'parsed' : parsed.error.message;
    };
    expect(message('visit ben thu 10:00')).toContain('Name your colleague with an @mention');
    expect(message('visit <@UBEN>')).toContain('Say which day and time');
    expect(message('visit <@UBEN> thu 10')).toContain("Is '10' in the morning or the afternoon?");
    expect(message('visit <@UBEN> someday 10:00')).toContain("'someday' isn't a date I can read");
  });
});

describe('the school days a visit may fall on', () => {
  const closures = [{ from: '2026-03-16', to: '2026-03-20' }];
  const check = (date: string, minute = 600) => checkSlot({ date, minute, zone: 'America/Chicago', now, closures });

  it("takes a school day ahead, in the requester's zone", () => {
    expect(check('2026-03-05')).toEqual({ ok: true, at: new Date('2026-03-05T16:00:00Z') });
  });

  it('refuses a weekend, a break and the past, naming the next school day', () => {
    expect(check('2026-03-07')).toEqual({
      ok: false,
      problem: 'Saturday 7 March is a weekend. The next school day is Monday 9 March.',
    });
    expect(check('2026-03-17')).toEqual({
      ok: false,
      problem:
        'Tuesday 17 March is in a school break or holiday on the calendar. The next school day is Monday 23 March.',
    });
    expect(check('2026-03-03', 8 * 60)).toEqual({
      ok: false,
      problem: 'That time has passed already. The next school day is Wednesday 4 March.',
    });
    expect(check('2026-09-03')).toMatchObject({ ok: false });
  });

  it("reminds on the school day before at 15:00 in each person's own zone, and not once that has passed", () => {
    const monday = new Date('2026-03-23T15:00:00Z');
    expect(schoolDayBefore('2026-03-23', closures)).toBe('2026-03-13');
    expect(reminderAt({ at: monday, lessonZone: 'America/Chicago', zone: 'America/Chicago', now, closures })).toEqual(
      new Date('2026-03-13T20:00:00Z'),
    );
    expect(reminderAt({ at: monday, lessonZone: 'America/Chicago', zone: 'Europe/London', now, closures })).toEqual(
      new Date('2026-03-13T15:00:00Z'),
    );
    expect(
      reminderAt({
        at: new Date('2026-03-04T15:00:00Z'),
        lessonZone: 'America/Chicago',
        zone: 'America/Chicago',
        now: new Date('2026-03-03T22:00:00Z'),
        closures,
      }),
    ).toBeNull();
  });

  it('asks noticing questions shaped by the focus, all of them open', () => {
    const questions = noticingQuestions('exit tickets');
    expect(questions[0]).toBe('What did you notice about exit tickets? What did students say or do?');
    for (const question of [...questions, ...noticingQuestions(null)]) expect(question).toMatch(/^What /);
  });
});
