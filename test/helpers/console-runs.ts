import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { setTestClock } from './test-clock.js';

// `npm start` on the console adapter with lines piped in, in a fresh DATA_DIR, with only a new user's
// environment (and what a test adds). Processes and folders are cleaned up after each test.

const root = resolve(import.meta.dirname, '../..');

export interface ConsoleRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Everything the console printed, once it has exited. */
function finished(child: ChildProcessWithoutNullStreams): Promise<ConsoleRun> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

/** What the console has printed so far, once it matches `pattern`. */
function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`timed out waiting for ${pattern}; saw: ${seen}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (pattern.test(seen)) {
        clearTimeout(timer);
        done(seen);
      }
    });
  });
}

export function consoleRuns() {
  const dirs: string[] = [];
  const children: ChildProcessWithoutNullStreams[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function freshDataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'mentor-circle-'));
    dirs.push(dir);
    return dir;
  }
  /** A console on `dataDir` in the environment of a new user: no database URL, no platform, nothing of the test runner's. */
  function start(dataDir: string, extra: Record<string, string> = {}): ChildProcessWithoutNullStreams {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, ...extra };
    const child = spawn('npm', ['start', '--silent'], { cwd: root, env });
    children.push(child);
    return child;
  }
  /** Types `lines` into a console on `dataDir`; resolves with what it printed once input ends. */
  function pipeIn(dataDir: string, lines: string[], extra: Record<string, string> = {}): Promise<ConsoleRun> {
    const child = start(dataDir, extra);
    const result = finished(child);
    child.stdin.end(`${lines.join('\n')}\n`);
    return result;
  }
  /** A new user's console in UTC, its test clock at `instant`, with `lines` typed in. */
  function typeInAt(instant: string, lines: string[]): Promise<ConsoleRun> {
    const dataDir = freshDataDir();
    const clock = join(dataDir, 'clock');
    setTestClock(clock, instant);
    return pipeIn(dataDir, lines, { TZ: 'UTC', TEST_CLOCK_FILE: clock });
  }
  return { freshDataDir, start, finished, waitForOutput, pipeIn, typeInAt };
}
