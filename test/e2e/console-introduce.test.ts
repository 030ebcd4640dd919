import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../adapters/console/run-console.js';
import { ConsoleChat } from '../../adapters/console/console-chat.js';
import type { Introduced } from '../../src/core/chat-port.js';
import type { InteractionHandler } from '../../src/core/handle.js';
import type { Message } from '../../src/core/messages.js';
import { timedChat } from '../../src/scheduler/timed-chat.js';

// An introduction in the console: one terminal shows what both people would see, so it is printed
// once, labelled like a DM, whether it comes in answer to a command or from timed work. Through the
// console adapter's own line reader; the core's part (who asks, who is found) is a stand-in that
// introduces the asker to Sam when they type `ask`.

const SAM: Introduced = { user: 'sam', name: 'Sam' };
const MEETING: Message = {
  text: 'Alex, meet Sam: Sam mentors on reading groups.',
  sections: ['Write to each other when it suits you.'],
};

/** Runs a console with `lines` typed in; `handle` stands in for the core. Resolves with what it printed. */
async function consoleWith(lines: string[], handle: InteractionHandler): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const running = runConsole({ input, output, interactive: false, timeZone: 'UTC', handle, exportDir: '/nonexistent' });
  input.end(`${lines.join('\n')}\n`);
  await running;
  return printed;
}

describe('introductions in the console', () => {
  it('prints an introduction made in answer to a command once, as a group DM to both', async () => {
    const printed = await consoleWith(['/as Alex', 'ask'], async (chat, incoming, interaction) => {
      if (interaction.kind === 'command' && interaction.text === 'ask') {
        await chat.introduce('console', [{ user: incoming.user.externalId, name: incoming.user.name }, SAM], MEETING);
      }
    });
    expect(printed).toBe(
      '[group DM to Alex, Sam] Alex, meet Sam: Sam mentors on reading groups.\n  Write to each other when it suits you.\n',
    );
  });

  it('prints one that timed work sends through the console’s chat once too', async () => {
    const printed: string[] = [];
    const chat = new ConsoleChat(
      (text) => printed.push(text),
      (id) => id,
      '/nonexistent',
    );
    // The console has no rate limits: a budget asked anything fails the test.
    const budget = {
      take: () => Promise.reject(new Error('the console has no pacing budget')),
      giveBack: () => Promise.reject(new Error('the console has no pacing budget')),
    };
    await timedChat(chat, { platform: 'console', workspace: 'console', budget }).introduce(
      'console',
      [{ user: 'alex', name: 'Alex' }, SAM],
      MEETING,
    );
    expect(printed).toEqual([
      '[group DM to Alex, Sam] Alex, meet Sam: Sam mentors on reading groups.\n  Write to each other when it suits you.',
    ]);
  });
});
