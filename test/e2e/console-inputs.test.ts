import { describe, expect, it } from 'vitest';
import { consoleRuns } from '../helpers/console-runs.js';

// A teacher types what people type, through `npm start` on the embedded database with lines piped
// in: times with am/pm, dates in words, cities for zones, progress as a total or as more, and goals
// dated in words or in the past. The clock is a test clock, so "tomorrow" is a known day.

const consoles = consoleRuns();

/** A new user's console in UTC on Thursday 3 December 2026, 09:00, with `lines` typed in. */
const typeIn = (lines: string[]) => consoles.typeInAt('2026-12-03T09:00:00Z', lines);

describe('input people type, in the console', () => {
  it('takes times, dates, cities and progress as a teacher writes them, and coaches what it cannot read', async () => {
    const run = await typeIn([
      'setup Grade 3 Literacy',
      // A goal due "in 6 weeks", typed in the form, and one whose date has passed.
      'goal',
      'Read aloud to small groups twice a week',
      '20 read-alouds',
      '',
      '',
      'in 6 weeks',
      '',
      'no',
      'goal',
      'Be better at reading',
      'Number of lessons with exit tickets',
      '',
      '',
      '2026-11-30',
      '',
      'no',
      // Progress: a total, more, less, and a total that would go below zero.
      'progress 1 14',
      'progress 1 +3 two more groups',
      'progress 1 -20',
      // Times with am/pm; a bare hour is asked about.
      'nudges tue 3:30pm',
      'nudges tue 4',
      'schedule weekly thu 4pm',
      // Dates in words in the calendar (the first speaker is an admin in the console).
      'calendar add dec 21 jan 1 Winter break',
      'calendar add tomorrow Staff training day',
      'calendar add someday Nothing',
      'calendar',
      // Zones: a city for the community, a teacher's own, and a place it cannot find.
      'timezone new york',
      'my timezone London',
      'my timezone',
      'my timezone Narnia',
      'nudges wed 9am',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('  By when? (like 2026-12-18, dec 18 or in 6 weeks)\n');
    expect(out).toContain('(only you) Saved as goal 1: "Read aloud to small groups twice a week", by 2027-01-14.');
    // The past date is questioned and cannot be saved as it is; the vague goal is questioned; the measure counts.
    expect(out).toContain(
      '• 2026-11-30 has already passed. What nearer date in the coming weeks would suit this goal, such as in 6 weeks?',
    );
    expect(out).toContain(
      '"Be better at reading" is a good direction. What would it look like in your classroom when it is working?',
    );
    expect(out).not.toContain('What could you count');
    expect(out).toContain('  [1] Change it\n');
    expect(out).not.toContain('Save as it is');

    expect(out).toContain('(only you) Now 14 of 20 read-alouds (your total).');
    expect(out).toContain('(only you) Added 3: now 17 of 20 read-alouds.');
    expect(out).toContain('(only you) That would take goal 1 below zero: it is at 17 now.');

    expect(out).toContain(
      '(only you) I will check in on your goals on Tuesdays at 15:30, UTC time, on school days only.',
    );
    expect(out).toContain(
      "(only you) Is '4' in the morning or the afternoon? Write 4am or 4pm, or 24-hour like 04:00.",
    );
    expect(out).toContain('(only you) Grade 3 Literacy meets every Thursday at 16:00 (UTC) for 60 minutes.');

    expect(out).toContain('(only you) Added Winter break, 2026-12-21 to 2027-01-01.');
    expect(out).toContain('(only you) Added Staff training day, 2026-12-04.');
    expect(out).toContain(
      "(only you) 'someday' isn't a date I can read; write it like dec 21, tomorrow, next monday or 2026-12-21.",
    );

    expect(out).toContain('(only you) Grade 3 Literacy now runs on America/New_York time.');
    expect(out).toContain(
      '(only you) Your time zone is now Europe/London: your nudges come on your school days at your time there.',
    );
    expect(out).toContain('(only you) Your time zone is Europe/London (you set it).');
    expect(out).toContain(
      "(only you) 'Narnia' isn't a time zone I know. Name the nearest big city or an IANA zone, like `my timezone London` or `my timezone America/New_York`.",
    );
    // The console reports the process's zone (UTC) on every line; the teacher's own choice stays.
    expect(out).toContain(
      '(only you) I will check in on your goals on Wednesdays at 09:00, Europe/London time, on school days only.',
    );
  }, 120_000);
});
