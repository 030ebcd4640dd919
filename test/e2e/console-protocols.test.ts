import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setTestClock } from '../helpers/test-clock.js';
import { CONSULTANCY_STEPS, TUNING_STEPS } from '../helpers/protocol-steps.js';

// A tuning and a consultancy protocol in the console (`npm start`, no platform), typed line by line
// while the test clock moves: timed steps move on by themselves when the clock passes their end, the
// warm/cool question is pressed with `/press`, the presenter's notes and summary are printed to them
// alone, and the channel never shows the feedback's words from the bot.

const root = resolve(import.meta.dirname, '../..');
const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A console kept open: lines typed one at a time, and what it printed, waited on. */
function liveConsole(start: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mentor-circle-'));
  dirs.push(dataDir);
  const clock = join(dataDir, 'clock');
  let now = new Date(start);
  setTestClock(clock, now.toISOString());
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, TZ: 'UTC', TEST_CLOCK_FILE: clock },
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const printedEnough = (pattern: RegExp, count: number) =>
    (out.match(new RegExp(pattern.source, 'g')) ?? []).length >= count;
  /** Resolves once the console has printed `pattern` `count` times; looked at as each chunk arrives. */
  const waitFor = (pattern: RegExp, count = 1) =>
    new Promise<void>((done, fail) => {
      const finish = (error?: Error) => {
        clearTimeout(deadline);
        child.stdout.off('data', look);
        child.off('close', closed);
        return error ? fail(error) : done();
      };
      const look = () => {
        if (printedEnough(pattern, count)) finish();
      };
      const closed = () => finish(new Error(`the console ended before printing ${pattern}; printed:\n${out}`));
      const deadline = setTimeout(
        () => finish(new Error(`timed out waiting for ${pattern}; printed:\n${out}`)),
        30_000,
      );
      // Listened to after the line above that collects the output, so each chunk is in `out` when looked at.
      child.stdout.on('data', look);
      child.on('close', closed);
      look();
    });
  return {
    get out() {
      return out;
    },
    /** Types lines; the console answers them strictly in order (a test waits on what they print). */
    type(...lines: string[]) {
      child.stdin.write(`${lines.join('\n')}\n`);
    },
    waitFor,
    /** Moves the test clock on; the console's delivery loop reads it on its next poll. */
    advance(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000);
      setTestClock(clock, now.toISOString());
    },
    async end(): Promise<number | null> {
      child.stdin.end();
      return new Promise((done) => child.on('close', done));
    },
  };
}

const stepsShown = (out: string) =>
  [...out.matchAll(/\[#circle thread\] (Step \d of 6: [^(]+)/g)].map((m) => (m[1] ?? '').trim());
/** What the bot printed to the channel or its thread (not private answers, not DMs). */
const channelLines = (out: string) =>
  out
    .split('\n[')
    .filter((block) => block.startsWith('#circle'))
    .join('\n');

describe('protocol sessions in the console', { timeout: 180_000 }, () => {
  it('runs a tuning protocol and a consultancy protocol end to end, timed steps moving on by the clock', async () => {
    const cli = liveConsole('2026-03-03T15:00:00Z');
    cli.type('setup Grade 3', '/as pat', 'help', '/as ben', 'help', '/as cal', 'help', '/as you');
    cli.type('start tuning Persuasive writing unit @pat');
    await cli.waitFor(/Step 1 of 6: Presentation/);
    expect(cli.out).toContain('Presenter: pat. Now: Presentation (step 1 of 6, 10 minutes');

    cli.advance(10);
    await cli.waitFor(/Step 2 of 6: Clarifying questions/);
    cli.type('/as ben', '> How long did the unit run?');
    await cli.waitFor(/your question is kept/);
    cli.advance(5);
    await cli.waitFor(/Step 3 of 6: Pause/);
    cli.advance(2);
    await cli.waitFor(/Step 4 of 6: Warm and cool feedback/);

    cli.type(
      '> warm: I noticed console-warm-canary real evidence',
      '/as cal',
      '> What if console-unsure-canary they wrote letters?',
    );
    await cli.waitFor(/Is it warm/);
    cli.type('/press 2');
    await cli.waitFor(/kept as cool feedback/);
    cli.type('/as pat', '> console-note-canary try pen pals');
    await cli.waitFor(/\(only you\) You are listening during "Warm and cool feedback"/);
    cli.type('/as you', 'next', 'next');
    await cli.waitFor(/Step 6 of 6: Debrief/);
    cli.type('/as ben', '> The pause helped me think.', '/as you', 'status');
    await cli.waitFor(/Grade 3: where things stand/);
    cli.advance(10);
    await cli.waitFor(/\[DM to pat\] Your summary from the Tuning protocol/);
    await cli.waitFor(/Protocol summary: Tuning protocol/);

    expect(stepsShown(cli.out)).toEqual(TUNING_STEPS);
    const dm = cli.out.slice(cli.out.indexOf('[DM to pat] Your summary'));
    expect(dm).toMatch(/Warm feedback[^\n]*\n\s+• ben: I noticed console-warm-canary/);
    expect(dm).toMatch(/Cool feedback[^\n]*\n\s+• cal: What if console-unsure-canary/);
    expect(dm).toMatch(/Your own notes, seen by no one else:\n\s+• console-note-canary try pen pals/);
    expect(cli.out).toMatch(
      /Protocol summary: Tuning protocol in Grade 3: Persuasive writing unit\n\s+3 participants · 1 clarifying question · 1 piece of warm feedback · 1 piece of cool feedback/,
    );
    for (const canary of ['console-warm-canary', 'console-unsure-canary', 'console-note-canary']) {
      // People's own replies are echoed as they typed them; the bot's channel and thread posts never carry them.
      expect(channelLines(cli.out)).not.toContain(canary);
    }

    cli.type('start consultancy Getting quiet students talking @pat', 'next');
    await cli.waitFor(/Step 2 of 6: Clarifying questions/, 2);
    cli.type('next', '/as cal', '> What is your hunch about why?', '/as you');
    await cli.waitFor(/your question is kept/, 2);
    cli.advance(10);
    await cli.waitFor(/Step 4 of 6: Discussion/);
    cli.type('/as pat', '> console-consult-note start with pairs', '/as you', 'close');
    await cli.waitFor(/\[DM to pat\] Your summary from the Consultancy protocol/);
    expect(stepsShown(cli.out).slice(6)).toEqual(CONSULTANCY_STEPS.slice(0, 4));
    const second = cli.out.slice(cli.out.indexOf('[DM to pat] Your summary from the Consultancy'));
    expect(second).toMatch(/Probing questions:\n\s+• cal: What is your hunch about why\?/);
    expect(second).toContain('console-consult-note start with pairs');
    expect(channelLines(cli.out)).not.toContain('console-consult-note');
    expect(await cli.end()).toBe(0);
  });
});
