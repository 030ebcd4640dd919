import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleRuns } from '../helpers/console-runs.js';
import { freePort } from '../helpers/free-port.js';
import { setTestClock } from '../helpers/test-clock.js';

// The console adapter through the real entry point: `npm start` with lines piped in, on the embedded
// database in a fresh DATA_DIR, exactly as a new user would run it.

const { freshDataDir, start, finished, waitForOutput, pipeIn } = consoleRuns();

const session = [
  'setup Grade 3 Literacy',
  'start Small-group reading',
  '> Partner reading is working well',
  '/as ben',
  '> My exit tickets are getting more thoughtful',
  '/as you',
  'next',
  '> I will try mixed-level pairs',
  '/as ben',
  'checkin Letting students choose the text',
  '/as you',
  'next',
  '> Routines that run themselves',
  '/as ben',
  '> Students leading the warm-up',
  '/as you',
  'close',
];

// Each test starts `npm start` once or twice, each start seconds of CPU; with other files running
// beside this one, two starts can take longer than the default 30 s.
describe('the console, piped', { timeout: 120_000 }, () => {
  it('runs a whole session with two people and exits 0 at the end of input', async () => {
    const run = await pipeIn(freshDataDir(), session);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[#circle] Grade 3 Literacy is now a Mentor Circle community, facilitated by you.');
    expect(run.stdout).toContain("[#circle thread] Opening check-in: what's working?");
    expect(run.stdout).toMatch(/\[#circle thread\] Reflection: .+\?/);
    expect(run.stdout).toContain("[#circle thread] Closing check-in: what's working now?");
    expect(run.stdout).toContain('(only you) Thanks, ben: your reflection is saved.');
    expect(run.stdout).toContain(
      '[#circle thread] Session summary: Small-group reading (Grade 3 Literacy)\n' +
        '  2 participants · 2 opening check-ins · 2 reflections · 2 closing check-ins',
    );
    expect(run.stdout).toContain('  • ben: Students leading the warm-up');
  });

  it('keeps the data across a restart', async () => {
    const dataDir = freshDataDir();
    const first = await pipeIn(dataDir, session.slice(0, 6));
    expect(first.code).toBe(0);
    const second = await pipeIn(dataDir, ['start Another', 'close', 'close', 'export']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('(only you) Grade 3 Literacy already has an open session.');
    expect(second.stdout).toContain('2 participants · 2 opening check-ins · 0 reflections · 0 closing check-ins');
    expect(second.stdout).toContain('  • you: Partner reading is working well');

    // `export` saves the member's own data, from both runs, and says where.
    const saved =
      /\[DM to you\] Here is everything Mentor Circle keeps of yours[\s\S]*?Saved: (\S+\.json), (\S+\.csv)/.exec(
        second.stdout,
      );
    expect(saved?.[1]).toBeDefined();
    expect(saved?.[1]?.startsWith(join(dataDir, 'exports', 'you'))).toBe(true);
    const exported = JSON.parse(readFileSync(saved?.[1] ?? '', 'utf8')) as { checkins: { text: string }[] };
    expect(exported.checkins.map((c) => c.text)).toEqual(['Partner reading is working well']);
    expect(readFileSync(saved?.[2] ?? '', 'utf8')).toMatch(/^goal,community,/);
  });

  it('answers bad input clearly and never crashes', async () => {
    const run = await pipeIn(freshDataDir(), [
      'fly',
      '',
      '   ',
      'x'.repeat(10_000),
      'checkin ' + 'é🙂'.repeat(3000),
      '日本語 のコマンド',
      '🙂🙂🙂',
      'start',
      '\u0000\u0007 weird',
      '/nonsense',
      '/press 9',
      '> reply with no thread',
      '/as',
      'help',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const answers = run.stdout
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('(only you)'));
    expect(answers[0]).toBe("(only you) I don't know 'fly'. Try `help`.");
    expect(answers[1]).toMatch(/^\(only you\) I don't know 'x{30}…'\. Try `help`\.$/);
    expect(run.stdout).toContain("(only you) This channel isn't a community yet. Run `setup` here to make it one.");
    expect(run.stdout).toContain("(only you) I don't know '日本語'. Try `help`.");
    expect(run.stdout).toContain('(only you) There are no buttons to press yet.');
    expect(run.stdout).toContain('(only you) There is no session thread in #circle to reply to.');
    expect(run.stdout).toContain('(only you) Mentor Circle runs your community sessions');
  });

  it('asks a form field by field and presses buttons by number', async () => {
    const run = await pipeIn(freshDataDir(), [
      'setup',
      'start',
      '/as ben',
      'checkin',
      'Reading corners are buzzing',
      'maybe',
      'yes',
      '/as you',
      '/press 2',
      '/as ben',
      '/home',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("(only you) What's working. Your answer is posted in the session thread");
    expect(run.stdout).toContain("  What's working in your classroom?\n");
    expect(run.stdout).not.toContain('?:');
    expect(run.stdout).toContain('(only you) Please answer yes or no.');
    expect(run.stdout).toContain(
      '(only you) Thanks, ben: your opening check-in is saved. You chose to share it with school leaders too.',
    );
    expect(run.stdout).toContain("  [1] Share what's working  [2] Next  [3] Close");
    expect(run.stdout).toMatch(/\[#circle thread\] Reflection: /);
    expect(run.stdout).toContain(
      '[Home of ben] Mentor Circle, for ben\n  Your communities\n  • circle: a session is open: reflection',
    );
    expect(run.stdout).toContain('  • circle, opening: Reading corners are buzzing');
    expect(run.stdout).toContain('  [1] Reflect in circle');
  });
});

describe('goals in the console', { timeout: 120_000 }, () => {
  it('sets a goal through the form, logs progress, lists it, and reaches it', async () => {
    const run = await pipeIn(freshDataDir(), [
      'goal',
      'Read aloud to small groups twice a week',
      '20 read-alouds',
      'Pick three books',
      '',
      '2099-01-01',
      'every two weeks',
      'no',
      '/press 2',
      'progress 1 12 good week',
      'progress 1 20',
      'goals',
      'goal achieved 1',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(only you) A new goal. Small, measurable steps work best.');
    expect(run.stdout).toContain('  By when? (like 2026-12-18, dec 18 or in 6 weeks)\n');
    expect(run.stdout).toContain(
      '  How often should I check in with you? (weekly / biweekly / monthly; an empty line keeps "weekly")\n',
    );
    expect(run.stdout).toContain('(only you) Before I save it, a few questions a coach might ask:');
    expect(run.stdout).toContain('is more than a year away');
    expect(run.stdout).toContain('  [1] Change it  [2] Save as it is');
    expect(run.stdout).toContain(
      '(only you) Saved as goal 1: "Read aloud to small groups twice a week", by 2099-01-01.',
    );
    expect(run.stdout).toContain(
      '(only you) Now 20 of 20 read-alouds (your total). Read aloud to small groups twice a week: 20 of 20 read-alouds (100%), up from 12.',
    );
    expect(run.stdout).toContain('checking in every two weeks');
    expect(run.stdout).toContain('(only you) Achieved: goal 1, "Read aloud to small groups twice a week".');
  });
});

describe('the console process', { timeout: 120_000 }, () => {
  it('refuses a second process on the same DATA_DIR with a clear message', async () => {
    const dataDir = freshDataDir();
    const first = start(dataDir);
    const firstRun = finished(first);
    first.stdin.write('help\n');
    await waitForOutput(first, /Mentor Circle runs your community sessions/);

    const second = await pipeIn(dataDir, ['help']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/Another Mentor Circle process \(pid \d+\) is using the embedded database/);

    first.stdin.end();
    expect((await firstRun).code).toBe(0);
  });

  it('serves /healthz when PORT is set', async () => {
    const port = await freePort();
    const child = start(freshDataDir(), { PORT: String(port), HOST: '127.0.0.1' });
    const run = finished(child);
    child.stdin.write('help\n');
    await waitForOutput(child, /Mentor Circle runs your community sessions/);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    child.stdin.end();
    expect((await run).code).toBe(0);
  });

  it('stops with a message naming a bad variable', async () => {
    const child = start(freshDataDir(), { PORT: 'eighty' });
    const run = finished(child);
    child.stdin.end();
    const result = await run;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
  });
});

describe('the digest in the console', () => {
  it('previews the last full week to the admin, with only what was shared, only sessions of the week under way, and refuses a teacher', async () => {
    const dataDir = freshDataDir();
    const clock = join(dataDir, 'clock');
    setTestClock(clock, '2026-12-01T15:00:00Z');
    const first = await pipeIn(
      dataDir,
      [
        ...session.slice(0, 5),
        '/as cara',
        'checkin',
        'Reading corners are buzzing',
        'yes',
        '/as you',
        'close',
        'close',
      ],
      { TEST_CLOCK_FILE: clock },
    );
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    // Later the same week: only its sessions held, nothing about people and no words until it is over.
    setTestClock(clock, '2026-12-01T17:00:00Z');
    const sameWeek = await pipeIn(dataDir, ['digest'], { TEST_CLOCK_FILE: clock });
    const soFar = sameWeek.stdout.slice(sameWeek.stdout.indexOf('(only you) Your Mentor Circle digest'));
    expect(soFar).toMatch(
      /^\(only you\) Your Mentor Circle digest for the week of 23 Nov to 29 Nov 2026, as it is sent, only for you\n/,
    );
    expect(soFar).toContain('This week so far: 1 session held across the school.');
    expect(soFar).not.toContain('taking part: 3');
    expect(soFar).not.toContain('Reading corners are buzzing');

    setTestClock(clock, '2026-12-09T15:00:00Z');
    const run = await pipeIn(dataDir, ['digest', '/as ben', 'digest'], { TEST_CLOCK_FILE: clock });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const digest = run.stdout.slice(run.stdout.indexOf('(only you) Your Mentor Circle digest'));
    expect(digest).toMatch(
      /^\(only you\) Your Mentor Circle digest for the week of 30 Nov to 6 Dec 2026, as it is sent, only for you\n/,
    );
    expect(digest).toContain(
      '  Grade 3 Literacy: sessions held: 1 · taking part: 3 · opening check-ins: 3 · closing check-ins: fewer than 3',
    );
    expect(digest).toContain('  • "Reading corners are buzzing" (Grade 3 Literacy)');
    expect(digest).not.toContain('Partner reading is working well');
    expect(digest).not.toContain('My exit tickets');
    expect(digest).not.toMatch(/\b(you|ben|cara)\b:/);
    expect(digest).toContain('(only you) Only Mentor Circle admins see the digest.');
  }, 120_000);
});
