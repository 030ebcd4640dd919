import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleRuns } from '../helpers/console-runs.js';
import { setTestClock } from '../helpers/test-clock.js';

// Where things stand, and changes nobody was told about, as people type them in the console: the
// wrong answers about facilitators, check-in words lost with no session open, an "I'm stuck" that
// could not be answered, settings that refused to show themselves, and no way to see who has
// answered, the schedule or the facilitators.

const consoles = consoleRuns();

/** A console in UTC on Tuesday 1 December 2026, 09:00, with `lines` typed in. */
function typeIn(lines: string[]) {
  const dataDir = consoles.freshDataDir();
  const clock = join(dataDir, 'clock');
  setTestClock(clock, '2026-12-01T09:00:00Z');
  return consoles.pipeIn(dataDir, lines, { TZ: 'UTC', TEST_CLOCK_FILE: clock });
}

describe('state you can see, in the console', () => {
  it('shows status and settings, announces changes in the channel, and answers wrong role changes rightly', async () => {
    const run = await typeIn([
      'setup Grade 3 Literacy',
      '/as ben',
      'help',
      // Words with no session to take them are handed back.
      'checkin Partner reading is working',
      'status',
      // Bare settings show themselves and how to change them.
      'nudges',
      'timezone',
      '/as you',
      'schedule',
      'remind',
      'prompts weekly',
      'retention',
      'privacy',
      // Facilitators: adding twice, removing someone who never was.
      'facilitator add @ben',
      'facilitator add @ben',
      '/as cy',
      'help',
      '/as you',
      'facilitator remove @cy',
      // Changes everyone is told about.
      'schedule weekly thu 4pm',
      'prompts weekly wed 12:00',
      'remind off',
      // A session: who has answered so far, by name.
      'start Small groups',
      '/as ben',
      'checkin Exit tickets',
      '/as cy',
      '> Choral reading',
      '/as you',
      'next',
      '/as ben',
      '> A reflection',
      'status',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // A message's further paragraphs print indented under it.
    const out = run.stdout.replace(/\n {2}/g, '\n');

    expect(out).toContain(
      '(only you) No session is open in Grade 3 Literacy, so nothing was saved; here is what you wrote so you can keep it:\nPartner reading is working',
    );
    expect(out).toContain(
      '(only you) Grade 3 Literacy: where things stand\nNo session open. A facilitator opens one with `start [topic]`.',
    );
    expect(out).toContain('Next session: no schedule.');
    expect(out).toContain('Facilitators: you.');

    expect(out).toContain(
      '(only you) I check in on your goals on Tuesdays at 15:30, UTC time, on school days only.\nChange it with `nudges',
    );
    expect(out).toContain('(only you) Grade 3 Literacy runs on UTC time.\nChange it with `timezone');
    expect(out).toContain(
      '(only you) Grade 3 Literacy has no schedule: sessions run when a facilitator starts them.\nChange it with `schedule',
    );
    expect(out).toContain('(only you) Grade 3 Literacy has no mid-week prompt.\nChange it with `prompts');
    expect(out).toContain('(only you) Texts are kept for 24 months; after that only their counts remain.');
    expect(out).toContain('(only you) Digest figures need at least 3 people');
    expect(out).not.toContain('Usage: `nudges');
    expect(out).not.toContain('Usage: `schedule');

    expect(out).toContain('(only you) ben now facilitates Grade 3 Literacy.');
    expect(out).toContain('ben now facilitates Grade 3 Literacy (named by you).');
    expect(out).toContain('[DM to ben] You now facilitate Grade 3 Literacy, named by you.');
    expect(out).toContain('(only you) ben already facilitates Grade 3 Literacy, so nothing changed.');
    expect(out.match(/ben now facilitates/g)).toHaveLength(2);
    expect(out).toContain('(only you) cy does not facilitate Grade 3 Literacy, so nothing changed.');
    expect(out).not.toContain('cy no longer facilitates');

    expect(out).toContain(
      'you set a schedule: Grade 3 Literacy meets every Thursday at 16:00 (UTC) for 60 minutes. First: Thursday 3 December.',
    );
    expect(out).toContain(
      'you set a mid-week reflection prompt for Grade 3 Literacy: every Wednesday at 12:00, UTC time.',
    );
    expect(out).toContain(
      '(only you) A reflection prompt will go to the channel on Wednesdays at 12:00, UTC time, on school days only.',
    );
    expect(out).toContain('you turned the reminder off: no reminder comes before scheduled sessions.');

    const status = out.slice(out.lastIndexOf('Grade 3 Literacy: where things stand'));
    expect(status).toContain(
      'Session open: Small groups, now in the reflection.\nAnswered in this phase: ben (1)\nAnswered in this session: ben and cy (2)',
    );
    expect(status).toContain(
      'Next session: Thursday 3 December at 16:00 (UTC). Meets every Thursday at 16:00 (UTC) for 60 minutes; reminder the day before off.',
    );
    expect(status).toContain('Mid-week prompt: every Wednesday at 12:00, UTC time.');
    expect(status).toContain('Facilitators: ben, you.');
  }, 120_000);
});
