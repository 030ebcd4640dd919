import { describe, expect, it } from 'vitest';
import { consoleRuns } from '../helpers/console-runs.js';

// A classroom visit typed into `npm start`, as two teachers sharing one console would: people named
// with `@name`, the request answered with `/press`, and the list of visits with its cancel button.

const consoles = consoleRuns();

describe('classroom visits, in the console', () => {
  it('asks a colleague by @name, takes their yes by a press, and lets either call it off', async () => {
    // Thursday 3 December 2026, 09:00 UTC.
    const run = await consoles.typeInAt('2026-12-03T09:00:00Z', [
      '/as cal',
      'help',
      '/as ben',
      'invite @cal mon 10:00 exit tickets',
      'invite @cal sat 10:00',
      '/as cal',
      '/press 1',
      'visits',
      '/press 1',
    ]);
    expect(run.stderr).toBe('');
    const out = run.stdout;
    expect(out).toContain(
      '[DM to cal] ben would like you to come and watch their lesson on Mon 7 Dec, 10:00 (your time).',
    );
    expect(out).toContain(
      '(only you) I have asked cal privately about Mon 7 Dec, 10:00 (your time). I will tell you their answer.',
    );
    expect(out).toContain(
      '(only you) Saturday 5 December is a weekend. The next school day is Monday 7 December. Nothing was sent.',
    );
    expect(out).toContain('[DM to ben] cal said yes: Mon 7 Dec, 10:00 (your time).');
    expect(out).toContain("(only you) Your visits coming up (1):\n  • Mon 7 Dec, 10:00: watching ben's lesson");
    expect(out).toContain('[DM to ben] cal has called off the visit on Mon 7 Dec, 10:00 (your time).');
  }, 120_000);
});
