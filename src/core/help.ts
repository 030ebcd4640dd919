import { COMMANDS, examplesOf, type CommandWord } from './commands/usage.js';
import type { Message } from './messages.js';

// `help`: what the bot does and every command, in a dozen lines at most: the commands people use most
// first, then the rest by who uses them. `help <command>`: one command, with an example. Both are
// built from the command table in usage.ts, which the parser's usage hints use too.

/** A command as the short help names it: its word, or the word with what follows (`export workspace`). */
type Named = CommandWord | `${CommandWord} ${string}`;

/** The commands used most, shown first, each with what it does. */
const MOST_USED: readonly CommandWord[] = ['checkin', 'goal', 'goals', 'progress', 'status'];

/** Every other command, by who uses it; a command for two roles is listed under both. */
const BY_ROLE: readonly { who: string; commands: readonly Named[] }[] = [
  { who: 'Everyone', commands: ['setup', 'nudges', 'snooze', 'undo', 'my timezone', 'export', 'forget-me'] },
  {
    who: 'Facilitators',
    commands: [
      'start',
      'next',
      'close',
      'protocol',
      'prompt',
      'prompts',
      'schedule',
      'remind',
      'rename',
      'timezone',
      'facilitator',
    ],
  },
  { who: 'Admins', commands: ['calendar', 'digest', 'timezone', 'retention', 'privacy', 'admin', 'export workspace'] },
  {
    who: 'Mentoring',
    commands: ['ask', 'mentors', 'mentor', 'pairs', 'suggest', 'rotation', 'visit', 'invite', 'model', 'visits'],
  },
];

/** Every command word the short help names, for the test that none is left out. */
export const namedInHelp = (): Set<string> =>
  new Set([...MOST_USED, ...BY_ROLE.flatMap((role) => role.commands.map((named) => named.split(' ')[0] ?? named))]);

export function helpMessage(): Message {
  return {
    text:
      'Mentor Circle runs your community sessions: each opens and closes with a "what\'s working" check-in, ' +
      'with an open reflection question in between, and ends with a summary for everyone.',
    sections: [
      ['Most used:', ...MOST_USED.map((word) => `• \`${word}\` ${COMMANDS[word].does}`)].join('\n'),
      BY_ROLE.map(({ who, commands }) => `${who}: ${commands.map((named) => `\`${named}\``).join(' · ')}`).join('\n'),
      '`help <command>` for one command with an example, like `help goal`.',
    ],
  };
}

/** `help <command>`: what it does, who may use it, its forms and an example to copy. */
export function commandHelpMessage(word: CommandWord): Message {
  const doc = COMMANDS[word];
  return {
    text: `\`${word}\`: ${doc.does}.`,
    sections: [[`Who: ${doc.who}.`, `How: ${doc.forms}.`, `For example: ${examplesOf(word)}.`].join('\n')],
  };
}
