import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleRuns } from '../helpers/console-runs.js';
import { THREE_GOALS } from '../helpers/goal-fixture.js';
import { setTestClock } from '../helpers/test-clock.js';

// A first week of everyday use, typed into `npm start` as a teacher and a facilitator would, on the
// embedded database: each problem found when the bot was tried that way is typed again as it was met,
// and what the console prints shows it no longer happens. Goals keep their numbers, an ending can be
// undone, several answers in a phase are all kept and counted once, answers to a second prompt are
// counted under it, and times, dates, zones and progress are read as people write them.

const consoles = consoleRuns();

/** A new user's console in UTC on Thursday 3 December 2026, 09:00, with `lines` typed in. */
async function typeIn(lines: string[]): Promise<string> {
  const dataDir = consoles.freshDataDir();
  const clock = join(dataDir, 'clock');
  setTestClock(clock, '2026-12-03T09:00:00Z');
  const run = await consoles.pipeIn(dataDir, lines, { TZ: 'UTC', TEST_CLOCK_FILE: clock });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

/** The goal form answered line by line: what, measure, no first step, no why, by when, weekly, no celebration. */
const goal = (specific: string, measure: string, by: string) => ['goal', specific, measure, '', '', by, '', 'no'];

/** Goals 1 to 3, due in 6, 8 and 10 weeks. */
const FIRST_GOALS = THREE_GOALS.flatMap(({ specific, measure }, i) => goal(specific, measure, `in ${6 + 2 * i} weeks`));

describe('a first week of everyday use, in the console', () => {
  it('keeps goal numbers for life, ends a goal once, and takes an ending back by button or by word', async () => {
    const out = await typeIn([
      'setup Grade 3 Literacy',
      ...FIRST_GOALS,
      // `goal drop 1` typed twice sets aside one goal, then says so.
      'goal drop 1',
      'goal drop 1',
      'goals',
      '/press 1',
      // With goals 1-3, `goal achieved 1` then `goal rework 3` works on goal 3.
      'goal achieved 1',
      'goal rework 3',
      'Try one new questioning move in every lesson',
      '',
      '',
      '',
      '',
      '',
      'no',
      'undo',
      'undo',
      'goal drop 2',
      'goals all',
    ]);
    expect(out).toContain('(only you) Saved as goal 3: "Try one new questioning move each week", by 2027-02-11.');

    expect(out).toContain(
      '(only you) Set aside: goal 1, "Read aloud to small groups twice a week". Letting go of a goal that no longer fits is part of the process.\n  [1] Undo\n' +
        '(only you) Goal 1, "Read aloud to small groups twice a week", is set aside already, so nothing changed. `goals` lists the ones going now.\n' +
        '(only you) Your goals\n' +
        '  2. Use exit tickets in every math lesson: no progress logged yet. By 2027-01-28, checking in every week.\n' +
        '  3. Try one new questioning move each week: no progress logged yet. By 2027-02-11, checking in every week.\n' +
        '  Lately\n' +
        '  1. Read aloud to small groups twice a week: set aside\n' +
        // The Undo button under the first drop brings goal 1 back under its own number.
        '(only you) Back on: goal 1, "Read aloud to small groups twice a week", with its progress and its nudges.\n',
    );

    expect(out).toContain(
      '(only you) Achieved: goal 1, "Read aloud to small groups twice a week". Well done; take a moment to notice what made it work.\n  [1] Undo\n',
    );
    expect(out).not.toContain('You have no goal 3');
    // The rework form is goal 3's, and the goal it makes takes the next number.
    expect(out).toContain('  What will you do? (an empty line keeps "Try one new questioning move each week")');
    expect(out).toContain(
      '(only you) Reworked: goal 4, "Try one new questioning move in every lesson", replaces your earlier goal.',
    );

    // `undo` in words takes back the latest ending (the achievement; a rework is not undone), and only once.
    // (The refusal names retired prompts too where `undo` also takes back a retirement.)
    expect(out).toMatch(
      /\(only you\) Back on: goal 1, "Read aloud to small groups twice a week", with its progress and its nudges\.\n\(only you\) There is (no goal|nothing) you ended[^\n]* in the last day to bring back\.\n/,
    );
    expect(out.match(/Back on: goal 1,/g)).toHaveLength(2);

    // `goals all` lists every ended goal under the number it had (both ended at this same instant).
    expect(out).toContain(
      '(only you) Your goals\n' +
        '  1. Read aloud to small groups twice a week: no progress logged yet. By 2027-01-14, checking in every week.\n' +
        '  4. Try one new questioning move in every lesson: no progress logged yet. By 2027-02-11, checking in every week.\n' +
        '  Ended\n' +
        '  3. Try one new questioning move each week: reworked into a new goal\n' +
        '  2. Use exit tickets in every math lesson: set aside\n',
    );
  }, 180_000);

  it('keeps every reply in a phase and counts the person once, and counts answers under the prompt they answer', async () => {
    // Too long for one answer; the advice is to send it in two parts.
    const long =
      `Partner reading is working: ${'pairs take turns and ask each other one question per page. '.repeat(70)}`.trim();
    const cut = long.lastIndexOf(' ', long.length / 2);
    const [firstHalf, secondHalf] = [long.slice(0, cut).trim(), long.slice(cut).trim()];
    const out = await typeIn([
      'setup Grade 3 Literacy',
      'start Small-group reading',
      // Two thread replies by one person in one phase.
      '> Partner reading is working well',
      '> And exit tickets are getting more thoughtful',
      '/as ben',
      `> ${long}`,
      `> ${firstHalf}`,
      `> ${secondHalf}`,
      '/as you',
      'next',
      '> I will try mixed-level pairs',
      // A second prompt in the reflection phase: the answers after it are its own.
      'prompt',
      "> Asking students to explain a partner's answer",
      '/as ben',
      '> Giving wait time before hands go up',
      '> And cold-calling kindly',
      '/as you',
      'next',
      'close',
    ]);
    expect(out).toContain('(only you) Thanks, you: your opening check-in is saved.\n');
    expect(out).toContain(
      '(only you) Thanks, you: your opening check-in is saved too: it adds to what you said earlier, which is kept, and the summary shows them together.\n',
    );
    expect(out).not.toContain('replaces your earlier one');
    expect(out).toContain(
      `(only you) That answer is ${long.length.toLocaleString('en')} characters; please keep each answer under 4,000. Nothing was saved: send it in parts, one reply after another, and every part is kept.\n` +
        '(only you) Thanks, ben: your opening check-in is saved.\n' +
        '(only you) Thanks, ben: your opening check-in is saved too: it adds to what you said earlier, which is kept, and the summary shows them together.\n',
    );

    const summary = out.slice(out.indexOf('[#circle thread] Session summary'));
    // Four opening replies by two people: two participants, two opening check-ins.
    expect(summary).toContain('  2 participants · 2 opening check-ins · 4 reflections · 0 closing check-ins\n');
    expect(summary).toContain(
      "  What's working, at the start:\n" +
        '  • you:\n' +
        '     – Partner reading is working well\n' +
        '     – And exit tickets are getting more thoughtful\n' +
        '  • ben:\n' +
        `     – ${firstHalf}\n` +
        `     – ${secondHalf}\n`,
    );
    // Whichever prompts the library chose, the answers after each are counted under it.
    const [first, second] = [...out.matchAll(/\[#circle thread\] Reflection: (.+)\n/g)].map((posted) => posted[1]);
    expect(first).not.toBe(second);
    expect(summary).toContain(
      `  Reflection: "${first}" (1 answer in the thread)\n` +
        '  • you: I will try mixed-level pairs\n' +
        `  Reflection: "${second}" (3 answers in the thread)\n` +
        "  • you: Asking students to explain a partner's answer\n" +
        '  • ben:\n' +
        '     – Giving wait time before hands go up\n' +
        '     – And cold-calling kindly\n',
    );
  }, 180_000);

  it('reads times, dates, cities and progress as a teacher types them, and coaches a goal that is past or vague', async () => {
    const out = await typeIn([
      'setup Grade 3 Literacy',
      ...goal('Use exit tickets in every math lesson', 'Number of lessons with exit tickets', 'in 6 weeks'),
      'progress 1 5',
      'progress 1 -4',
      'progress 1 -9',
      'progress 1 +2 did two more',
      'progress 1 2 did two more',
      // A date that has passed is questioned and cannot be saved as it is; `Change it` puts it right.
      ...goal('Read aloud to small groups twice a week', '20 read-alouds', '2026-11-30'),
      '/press 1',
      ...['', '', '', '', 'in 6 weeks', '', ''],
      // A vague goal due in a year.
      ...goal('Be a better teacher', 'Number of good lessons', 'in a year'),
      'nudges tue 3:30pm',
      'schedule weekly thu 4pm',
      'calendar add next monday Staff training day',
      'my timezone London',
      'nudges tue 4pm',
    ]);
    // A measure named without a number counts.
    expect(out).toContain('(only you) Saved as goal 1: "Use exit tickets in every math lesson", by 2027-01-14.');
    expect(out).not.toContain('What could you count');

    // A plain number is the total, a signed one a change, and each answer says which.
    expect(out).toContain(
      '(only you) Now 5 (your total). Use exit tickets in every math lesson: 5. By 2027-01-14, checking in every week.\n' +
        '(only you) Took back 4: now 1. Use exit tickets in every math lesson: 1, down from 5. By 2027-01-14, checking in every week.\n' +
        '(only you) That would take goal 1 below zero: it is at 1 now. What have you done so far? `progress 1 <total>` sets it, `progress 1 +2` adds two.\n' +
        '(only you) Added 2: now 3. Use exit tickets in every math lesson: 3, up from 1. By 2027-01-14, checking in every week.\n' +
        '(only you) Now 2 (your total). Use exit tickets in every math lesson: 2, down from 3. By 2027-01-14, checking in every week.\n' +
        '  That is less than your last total, 3. If you meant 2 more, `progress 1 5` puts it right (next time, `progress 1 +2` adds).\n',
    );

    expect(out).toContain(
      '(only you) Before I save it, a few questions a coach might ask:\n' +
        '  • 2026-11-30 has already passed. What nearer date in the coming weeks would suit this goal, such as in 6 weeks?\n' +
        '  [1] Change it\n',
    );
    expect(out).toContain('(only you) Saved as goal 2: "Read aloud to small groups twice a week", by 2027-01-14.');
    expect(out).toContain(
      '(only you) Before I save it, a few questions a coach might ask:\n' +
        '  • "Be a better teacher" is a good direction. What would it look like in your classroom when it is working?',
    );
    expect(out).toContain('  [1] Change it  [2] Save as it is\n');
    expect(out).not.toContain('Saved as goal 3');

    expect(out).toContain(
      '(only you) I will check in on your goals on Tuesdays at 15:30, UTC time, on school days only.',
    );
    expect(out).toContain('(only you) Grade 3 Literacy meets every Thursday at 16:00 (UTC) for 60 minutes.');
    expect(out).toContain('(only you) Added Staff training day, 2026-12-07.');
    expect(out).toContain(
      '(only you) Your time zone is now Europe/London: your nudges come on your school days at your time there.',
    );
    expect(out).toContain(
      '(only you) I will check in on your goals on Tuesdays at 16:00, Europe/London time, on school days only.',
    );
  }, 180_000);
});
