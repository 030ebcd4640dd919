import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../adapters/console/render.js';
import type { Command } from '../../src/core/commands/command.js';
import { editDistance, nearestWords } from '../../src/core/commands/did-you-mean.js';
import { parseCommand } from '../../src/core/commands/parse.js';
import { COMMANDS, USAGE, type CommandWord } from '../../src/core/commands/usage.js';
import { commandHelpMessage, helpMessage, namedInHelp } from '../../src/core/help.js';

// `help` as a newcomer reads it: a dozen lines at most, the commands used most first, the rest by who
// uses them; `help <command>` for one command, with an example that works when typed; and a typo
// answered with the command that was meant.

/** A Thursday in December, in the zone of the person typing, so dates in words in examples are read. */
const reference = { now: new Date('2026-12-03T09:00:00Z'), zone: 'UTC' };
const words = Object.keys(COMMANDS) as CommandWord[];
const shown = (message: ReturnType<typeof helpMessage>) => renderMessage('(only you)', message);

/** The words after `/circle` as the adapters hand them to the parser: `@sam` resolved to a mention. */
const asAdaptersHandIt = (example: string) => example.replace(/@(\w+)/g, '<@$1>');

/** The command names each word's parser gives: the word itself, or the word and a sub-command. */
const madeBy = (word: CommandWord, command: Command): boolean =>
  (
    ({
      admin: command.name === 'role',
      facilitator: command.name === 'role',
      my: command.name === 'timezone.mine',
      invite: command.name === 'visit',
      model: command.name === 'visit',
    }) as Partial<Record<CommandWord, boolean>>
  )[word] ??
  (command.name === word || command.name.startsWith(`${word}.`));

describe('help', () => {
  it('fits in 12 lines as the console shows it, the five most used commands first', () => {
    const lines = shown(helpMessage()).split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines[1]).toBe('  Most used:');
    expect(lines.slice(2, 7).map((line) => /^ {2}• `([\w-]+)`/.exec(line)?.[1])).toEqual([
      'checkin',
      'goal',
      'goals',
      'progress',
      'status',
    ]);
    expect(lines.filter((line) => /^ {2}(Everyone|Facilitators|Admins): /.test(line))).toHaveLength(3);
    expect(lines.at(-1)).toBe('  `help <command>` for one command with an example, like `help goal`.');
  });

  it('names every command there is, and only commands that work', () => {
    const named = namedInHelp();
    expect([...named].sort()).toEqual(words.filter((word) => word !== 'help').sort());
    // Alone, a word may need more after it (a usage hint), but is never unknown.
    for (const word of named) {
      const parsed = parseCommand(word, reference);
      expect(parsed.ok ? 'ok' : parsed.error.kind, word).not.toBe('unknown');
    }
    const text = shown(helpMessage());
    expect(text).toContain(
      'Admins: `calendar` · `digest` · `timezone` · `retention` · `privacy` · `admin` · `export workspace`',
    );
    expect(text).toContain('`rename`');
  });

  it('gives each command word its own help: what it does, who may use it, and an example', () => {
    const general = shown(helpMessage());
    for (const word of words) {
      const text = shown(commandHelpMessage(word));
      expect(text, word).not.toBe(general);
      expect(text.startsWith(`(only you) \`${word}\`: ${COMMANDS[word].does}.`), word).toBe(true);
      expect(text, word).toContain(`Who: ${COMMANDS[word].who}.`);
      expect(text, word).toContain(`For example: \`${COMMANDS[word].examples[0]}\``);
    }
    expect(shown(commandHelpMessage('goal'))).toBe(
      [
        '(only you) `goal`: set a SMART goal (a form), or end or rework goal n; every ending is a normal one.',
        '  Who: everyone, for their own goals.',
        '  How: `goal`, or `goal <achieved|rework|drop> <n>`.',
        '  For example: `goal achieved 2` or `goal`.',
      ].join('\n'),
    );
  });

  it('walks the whole command table: every example parses, as the command it illustrates', () => {
    expect(Object.keys(USAGE).sort()).toEqual([...words].sort());
    for (const word of words) {
      for (const example of COMMANDS[word].examples) {
        const parsed = parseCommand(asAdaptersHandIt(example), reference);
        if (!parsed.ok) throw new Error(`the example ${example} for ${word} does not parse: ${parsed.error.message}`);
        expect(example.split(' ')[0], example).toBe(word);
        expect(madeBy(word, parsed.command), `${example} parsed as ${parsed.command.name}`).toBe(true);
      }
      // The usage hint a wrong form gets shows the same examples.
      expect(USAGE[word], word).toContain(`for example \`${COMMANDS[word].examples[0]}\``);
    }
  });

  it('reads `help <command>` as that command, and a typo in it with a suggestion', () => {
    expect(parseCommand('help goal')).toEqual({ ok: true, command: { name: 'help', about: 'goal' } });
    expect(parseCommand('help Calendar remove')).toEqual({ ok: true, command: { name: 'help', about: 'calendar' } });
    expect(parseCommand('help forget-me')).toEqual({ ok: true, command: { name: 'help', about: 'forget-me' } });
    expect(parseCommand('help strat')).toEqual({
      ok: false,
      error: { kind: 'usage', message: "I have no command 'strat'. Did you mean `help start`? `help` lists them all." },
    });
    expect(parseCommand('help quidditch')).toEqual({
      ok: false,
      error: { kind: 'usage', message: "I have no command 'quidditch'. `help` lists them all." },
    });
  });
});

describe('did you mean', () => {
  it.each([
    ['strat', 'start'],
    ['gaols', 'goals'],
    ['chekin', 'checkin'],
    ['progres', 'progress'],
    ['Calender', 'calendar'],
    ['nxt', 'next'],
    ['shcedule', 'schedule'],
  ])('answers %s with the command it is a slip for', (typed, meant) => {
    expect(parseCommand(`${typed} something after it`)).toEqual({
      ok: false,
      error: { kind: 'unknown', message: `I don't know '${typed}'. Did you mean \`${meant}\`?` },
    });
  });

  it('offers both commands when a slip is as near to each', () => {
    expect(parseCommand('goalz')).toEqual({
      ok: false,
      error: { kind: 'unknown', message: "I don't know 'goalz'. Did you mean `goal` or `goals`?" },
    });
  });

  it('gives the short hint for a word that is no near miss', () => {
    for (const typed of ['banana', 'xyz', 'hi', 'statistics', 'q']) {
      expect(parseCommand(typed)).toEqual({
        ok: false,
        error: { kind: 'unknown', message: `I don't know '${typed}'. Try \`help\`.` },
      });
    }
  });

  it('counts a swap of two neighbouring letters as one slip, and allows one slip in short words', () => {
    expect(editDistance('strat', 'start')).toBe(1);
    expect(editDistance('chekin', 'checkin')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'next')).toBe(4);
    expect(nearestWords('nxet', ['next', 'close'])).toEqual(['next']);
    // Two slips in a four-letter word is another word.
    expect(nearestWords('nope', ['next', 'close'])).toEqual([]);
  });
});
