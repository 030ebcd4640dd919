import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROMPTS } from '../../src/core/prompts/library.js';
import { consoleRuns } from '../helpers/console-runs.js';

// A facilitator looks after the prompts as people did when numbers moved: adds one, retires prompt
// 1, then retires "the next one" by the number they had seen. Numbers stay put now, retiring can be
// undone and restored, and removing oneself from a role asks first. Through `npm start` on the
// embedded database with lines piped in.

const consoles = consoleRuns();

const typeIn = (lines: string[]) => consoles.typeInAt('2026-12-03T09:00:00Z', lines);

const text = (n: number) => BUILT_IN_PROMPTS[n - 1]?.text ?? '';

describe('prompt numbers, undo and stepping down, in the console', () => {
  it('keeps every number through add and retire, undoes and restores, and asks before removing me', async () => {
    const run = await typeIn([
      'setup Grade 3',
      'prompt add What would you like to try with your newest students?',
      'prompt retire 1',
      // Prompt 2 is still prompt 2: it used to become 1 here, so `prompt retire 2` took out prompt 3.
      'prompt retire 2',
      'prompts',
      // `undo` takes back the latest retirement (2), the button the one before (1).
      'undo',
      'prompt retire 5',
      '/press 1',
      'prompt retire 7',
      'prompt restore 7',
      'prompt restore 7',
      'prompt retire 1',
      'prompts',
      // Stepping down asks first; the last facilitator is refused at once.
      'facilitator remove @you',
      '/as ben',
      'help',
      '/as you',
      'facilitator add @ben',
      'facilitator remove @you',
      '/press 1',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('(only you) Added as prompt 49: "What would you like to try with your newest students?".');
    expect(out).toContain(
      `(only you) Retired: prompt 1, "${text(1)}". It will not be posted in Grade 3 again; the other prompts keep their numbers.`,
    );
    expect(out).toContain(`(only you) Retired: prompt 2, "${text(2)}".`);
    expect(out).toContain('  [1] Undo\n');
    // The list after retiring 1 and 2: 3 is still 3, the added prompt is 49, and the retired ones are named.
    const firstList = out.slice(out.indexOf('Reflection prompts for Grade 3'));
    expect(firstList).toContain(`  Strengths\n  3. ${text(3)}\n`);
    expect(firstList).toContain(
      `  40. ${text(40)}\n  49. What would you like to try with your newest students? (added here)\n  Goals\n  41. ${text(41)}\n`,
    );
    expect(firstList).toContain('  Retired: 1, 2 (`prompt restore <n>` brings one back).');

    expect(out).toContain(`(only you) Back in: prompt 2, "${text(2)}". It can be posted in Grade 3 again.`);
    expect(out).toContain(`(only you) Back in: prompt 5, "${text(5)}". It can be posted in Grade 3 again.`);
    expect(out).toContain(`(only you) Back in: prompt 7, "${text(7)}". It can be posted in Grade 3 again.`);
    expect(out).toContain('(only you) Prompt 7 is not retired; `prompts` lists them.');
    expect(out).toContain('(only you) Prompt 1 is retired already; `prompt restore 1` brings it back.');
    const lastList = out.slice(out.lastIndexOf('Reflection prompts for Grade 3'));
    expect(lastList).toContain(
      `  Strengths\n  2. ${text(2)}\n  3. ${text(3)}\n  4. ${text(4)}\n  5. ${text(5)}\n  6. ${text(6)}\n  7. ${text(7)}\n`,
    );
    expect(lastList).toContain('  Retired: 1 (`prompt restore <n>` brings one back).');

    expect(out).toContain(
      '(only you) You are the only facilitator of Grade 3, and a circle needs one to run its sessions. Name another first with `facilitator add @person`, then try again.',
    );
    expect(out).toContain(
      '(only you) Remove yourself as a facilitator of Grade 3? You would no longer start its sessions, change its schedule or keep its prompts.\n' +
        '  To stay, do nothing: this changes nothing until you press the button.\n' +
        '  [1] Yes, remove me\n',
    );
    expect(out).toContain(
      '(only you) Done: you no longer facilitate Grade 3. One of its facilitators can add you again with `facilitator add`.',
    );
  }, 120_000);
});
