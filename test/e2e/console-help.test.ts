import { describe, expect, it } from 'vitest';
import { consoleRuns } from '../helpers/console-runs.js';

// Help that helps and mending what was entered, typed into `npm start` on the embedded database as a
// facilitator (the console's first speaker, so an admin too) and a teacher would: the short help,
// help for one command, typos, removing a calendar entry, and renaming the circle.

const consoles = consoleRuns();

/** A new user's console in UTC on Thursday 3 December 2026, 09:00, with `lines` typed in. */
const typeIn = (lines: string[]) => consoles.typeInAt('2026-12-03T09:00:00Z', lines);

/** The message that starts with `first`, with the indented lines that belong to it. */
function messageStarting(out: string, first: string): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((line) => line.startsWith(first));
  if (start < 0) throw new Error(`no message starts with ${first}`);
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('  '));
  return lines.slice(start, end < 0 ? undefined : end);
}

describe('help and mending what was entered, in the console', () => {
  it('answers help in a dozen lines, help goal with the goal command, typos with the command meant, and mends the calendar and the name', async () => {
    const longName = 'Grade 3 Literacy and Numeracy Mentoring Circle for the Whole of the North Campus!';
    const run = await typeIn([
      'help',
      'help goal',
      'strat',
      'setup Grade 3 Literacy',
      'calendar add dec 21 jan 1 Winter break',
      'calendar add tomorrow Staff training day',
      'calendar add dec 23 Carol service',
      'calendar remove 1',
      'calendar remove dec 23',
      'calendar',
      // A teacher: a typo, and what only admins and facilitators may do.
      '/as ben',
      'gaols',
      'chekin it went well',
      'calendar remove 2',
      "rename Ben's circle",
      '/as you',
      `rename ${longName}`,
      'rename Grade 3 Reading Circle',
      'calendar remove',
      'calendar remove 7',
      'help calender',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;

    // The 23-line wall is a dozen lines at most, the most used commands first.
    const help = messageStarting(out, '(only you) Mentor Circle runs your community sessions');
    expect(help.length).toBeLessThanOrEqual(12);
    expect(help.slice(1, 7)).toEqual([
      '  Most used:',
      expect.stringMatching(/^ {2}• `checkin` /),
      expect.stringMatching(/^ {2}• `goal` /),
      expect.stringMatching(/^ {2}• `goals` /),
      expect.stringMatching(/^ {2}• `progress` /),
      expect.stringMatching(/^ {2}• `status` /),
    ]);
    expect(help.at(-1)).toBe('  `help <command>` for one command with an example, like `help goal`.');

    // `help goal` is about goals only.
    expect(messageStarting(out, '(only you) `goal`:')).toEqual([
      '(only you) `goal`: set a SMART goal (a form), or end or rework goal n; every ending is a normal one.',
      '  Who: everyone, for their own goals.',
      '  How: `goal`, or `goal <achieved|rework|drop> <n>`.',
      '  For example: `goal achieved 2` or `goal`.',
    ]);
    expect(out.split('(only you) Mentor Circle runs your community sessions')).toHaveLength(2);

    expect(out).toContain("(only you) I don't know 'strat'. Did you mean `start`?");
    expect(out).toContain("(only you) I don't know 'gaols'. Did you mean `goals`?");
    expect(out).toContain("(only you) I don't know 'chekin'. Did you mean `checkin`?");
    expect(out).toContain(
      "(only you) I have no command 'calender'. Did you mean `help calendar`? `help` lists them all.",
    );

    // Entries keep their numbers: removing 1 and 3 leaves 2 as it was.
    expect(out).toContain(
      '(only you) Added Carol service, 2026-12-23. No nudges then; a nudge that falls on it moves to the next school day that week. It is number 3 in `calendar`.',
    );
    expect(out).toContain(
      '(only you) Removed 1. Winter break: 2026-12-21 to 2027-01-01. Nudges and scheduled sessions go ahead on those days again.',
    );
    expect(out).toContain(
      '(only you) Removed 3. Carol service: 2026-12-23. Nudges and scheduled sessions go ahead on those days again.',
    );
    expect(messageStarting(out, '(only you) School calendar')).toEqual([
      '(only you) School calendar',
      '  • 2. Staff training day: 2026-12-04',
    ]);
    expect(out).toContain(
      '(only you) Only Mentor Circle admins change the school calendar. An admin can add breaks and holidays with `calendar add`.',
    );
    expect(out).toContain(
      '(only you) Say which entry to remove: the number `calendar` shows, or a date it covers. Usage: `calendar`',
    );
    expect(out).toContain(
      '(only you) There is no calendar entry 7. `calendar` lists the breaks and holidays ahead, with their numbers.',
    );

    // A name over 80 characters is refused, not cut; only a facilitator renames.
    expect(out).toContain(
      '(only you) Only facilitators of Grade 3 Literacy can rename it. If you would like to help run sessions, ask one of them to add you.',
    );
    expect(out).toContain(
      `(only you) A community name can be at most 80 characters, and this one has ${longName.length}. Try a shorter one, like \`rename Grade 3 Literacy\`.`,
    );
    expect(out).toContain('(only you) Grade 3 Literacy is now called Grade 3 Reading Circle.');
  }, 120_000);
});
