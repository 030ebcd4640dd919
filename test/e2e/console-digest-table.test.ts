import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleRuns } from '../helpers/console-runs.js';
import { setTestClock } from '../helpers/test-clock.js';

// A larger school's digest preview in the console, through `npm start` with lines piped in: one
// screen in the admin's direct messages, and the table of every circle saved as a CSV file, as the
// console hands over exports.

const consoles = consoleRuns();
const CIRCLES = 9;

describe('a larger school’s digest in the console', () => {
  it('prints one screen and saves the table of every circle beside it', async () => {
    const dataDir = consoles.freshDataDir();
    const clock = join(dataDir, 'clock');
    const env = { TZ: 'UTC', TEST_CLOCK_FILE: clock };
    setTestClock(clock, '2026-12-01T09:00:00Z');
    // Nine circles of three people each: whoever speaks in a channel is in it.
    const lines = Array.from({ length: CIRCLES }, (_, i) => [
      `/in year-${i + 1}`,
      '/as you',
      `setup Year ${i + 1}`,
      '/as ben',
      'status',
      '/as cleo',
      'status',
    ]).flat();
    const setup = await consoles.pipeIn(dataDir, lines, env);
    expect(setup.stderr).toBe('');

    setTestClock(clock, '2026-12-08T09:00:00Z');
    const run = await consoles.pipeIn(dataDir, ['/as you', '/in year-1', 'digest'], env);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      '[DM to you] Your Mentor Circle digest for the week of 30 Nov to 6 Dec 2026, as it is sent, only for you',
    );
    expect(run.stdout).toContain(
      `Every circle's figures, one row each (${CIRCLES} circles), are in the table that comes with this digest (a CSV file).`,
    );
    expect(run.stdout).toContain(
      '(only you) I have sent the digest preview, with its table of every circle, to you in a direct message.',
    );
    expect(run.stdout).not.toMatch(/Year 1: sessions held/);
    const saved = /Saved: (\S+\.csv)/.exec(run.stdout)?.[1];
    if (!saved) throw new Error(`no CSV was saved:\n${run.stdout}`);
    expect(saved).toMatch(/mentor-circle-digest-2026-11-30\.csv$/);
    const rows = readFileSync(saved, 'utf8').trimEnd().split('\r\n').slice(1);
    expect(rows.map((row) => row.split(',')[1]).sort()).toEqual(
      [...Array.from({ length: CIRCLES }, (_, i) => `Year ${i + 1}`), 'whole school'].sort(),
    );
  }, 240_000);
});
