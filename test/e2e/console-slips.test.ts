import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleRuns } from '../helpers/console-runs.js';
import { setTestClock } from '../helpers/test-clock.js';

// The smaller slips, typed as a teacher and an admin would, through `npm start` on the embedded
// database with lines piped in: a topic naming a person, a form label that asks a question, the
// mid-week prompt, goals after every one has ended, the only button, a direct message with the bot
// for the workspace's zone, and the school's figures after a pilot week. The clock is a test clock.

const consoles = consoleRuns();

describe('the smaller slips, in the console', () => {
  it('reads right where it used to slip, and lets an admin talk to the bot in private', async () => {
    const dataDir = consoles.freshDataDir();
    const clock = join(dataDir, 'clock');
    const env = { TZ: 'UTC', TEST_CLOCK_FILE: clock };
    // Tuesday 1 December 2026: the pilot week.
    setTestClock(clock, '2026-12-01T09:00:00Z');
    const pilot = await consoles.pipeIn(
      dataDir,
      [
        'setup Grade 3 Literacy',
        'start Reading with @ben',
        '/as ben',
        'checkin',
        'Partner reading is working',
        'no',
        '/as you',
        'close',
        'close',
        'prompts weekly wed 12:00',
        // Four goals, every one of them ended.
        ...[
          'Read aloud to small groups twice a week|20 read-alouds',
          'Exit tickets every Friday|10 exit tickets',
          'Conferences with every reader|24 conferences',
        ].flatMap((goal) => ['goal', ...goal.split('|'), '', '', 'in 6 weeks', '', 'no']),
        'goal achieved 1',
        'goal drop 2',
        'goal achieved 3',
        ...['goal', 'Book talks with the class', '6 book talks', '', '', 'in 6 weeks', '', 'no'],
        'goal drop 4',
        '/press 3',
        'goals',
        // A direct message with the bot: the workspace's zone is an admin's, set there.
        '/dm',
        'timezone Europe/London',
        '> hello',
        '/in circle',
        'export workspace',
      ],
      env,
    );
    expect(pilot.stderr).toBe('');
    expect(pilot.code).toBe(0);
    const out = pilot.stdout;
    // The topic names a person as the console writes people.
    expect(out).toContain('Reading with @ben');
    expect(out).not.toMatch(/<@ben/);
    // A label that asks a question is not followed by a colon.
    expect(out).toContain("  What's working in your classroom?\n");
    expect(out).not.toContain('?:');
    expect(out).toContain(
      '(only you) A reflection prompt will go to the channel on Wednesdays at 12:00, UTC time, on school days only.',
    );
    expect(out).toContain('(only you) There is one button: `/press 1` presses it.');
    expect(out).toContain(
      'No goals going right now; the ones you set have ended (`goals all` lists every one). `goal` sets a new one up.',
    );
    expect(out).not.toMatch(/no goals yet/i);
    // In the direct message, `timezone` is the workspace's, not the circle's.
    expect(out).toContain('(only you) The workspace calendar now runs on Europe/London time.');
    expect(out).not.toContain('Grade 3 Literacy now runs on');
    expect(out).toContain('(only you) A direct message has no session thread. `/in <channel>` goes back to a channel.');
    expect(out).toContain(
      "(only you) There is no complete week with a circle yet: the first began in the week of 2026-11-30. This week's figures appear after Sunday, once the week is complete.",
    );

    // Tuesday 8 December: the pilot week is complete, and its figures are there.
    setTestClock(clock, '2026-12-08T09:00:00Z');
    const after = await consoles.pipeIn(dataDir, ['/dm export workspace'], env);
    expect(after.stderr).toBe('');
    expect(after.stdout).toContain(
      "The school's Mentor Circle figures for the one full week since the first circle began (week of 2026-11-30), one row per circle and week.",
    );
    expect(after.stdout).toContain("This week's figures appear after Sunday, once the week is complete.");
    const saved = /Saved: (\S+\.csv)/.exec(after.stdout)?.[1];
    if (!saved) throw new Error(`no CSV was saved:\n${after.stdout}`);
    const rows = readFileSync(saved, 'utf8').trimEnd().split('\r\n').slice(1);
    // The pilot week, and nothing from before the circle began.
    expect(rows.map((row) => row.split(',')[1])).toContain('whole school');
    expect(rows.every((row) => row.startsWith('2026-11-30,'))).toBe(true);
  }, 180_000);
});
