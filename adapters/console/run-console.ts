import { createInterface } from 'node:readline';
import type { ChatPort } from '../../src/core/chat-port.js';
import type { InteractionHandler } from '../../src/core/handle.js';
import { ConsoleChat } from './console-chat.js';
import { answerField, fieldQuestion } from './console-forms.js';
import { consoleIncoming, dmWith, idOf } from './incoming.js';
import { pressHint } from './render.js';

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A terminal gets a prompt and a greeting; piped input gets only the answers. */
  interactive: boolean;
  /** The person's zone: the machine's. */
  timeZone: string;
  handle: InteractionHandler;
  /** Where `export` saves a member's files. */
  exportDir: string;
  /** Receives the console's ChatPort, so timed sends to the console workspace print here too. */
  onChat?: (chat: ChatPort) => void;
}

const CONSOLE_HELP =
  'Console: `/as <name>` speak as someone else, `/in <channel>` move to another channel, `/dm` talk to the bot in private ' +
  "(`/in <channel>` goes back), `> text` reply in the open session's thread, `/press <n>` press a button, `/cancel` stop a form, " +
  '`/home` your own page, `/quit` leave. Anything else is a Mentor Circle command (try `help`).';

/** `@name` becomes the mention form adapters hand the parser. */
function resolveMentions(text: string): string {
  return text.replace(
    /(^|\s)@([\p{L}\p{N}._-]+)/gu,
    (_match, space: string, name: string) => `${space}<@${idOf(name)}|${name}>`,
  );
}

/**
 * The console adapter: a local chat in the terminal against the same core and database. Lines are
 * handled strictly one at a time, in order; the promise resolves when the input ends.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const names = new Map<string, string>();
  const print = (text: string) => options.output.write(`${text}\n`);
  const chat = new ConsoleChat(print, (id) => names.get(id) ?? id, options.exportDir);
  options.onChat?.(chat);
  let speaker = 'you';
  let channel = 'circle';
  /** After `/dm`, lines go to the bot in private, in the speaker's own direct message, until `/in`. */
  let direct = false;
  names.set(idOf(speaker), speaker);
  const here = () => (direct ? dmWith(speaker) : channel);

  const incoming = (as = speaker, inChannel = here()) => consoleIncoming(as, inChannel, options.timeZone);

  async function continueForm(line: string): Promise<void> {
    const pending = chat.pendingForm;
    if (!pending) return;
    if (line.trim() === '/cancel') {
      chat.pendingForm = null;
      print('(only you) Cancelled; nothing was sent.');
      return;
    }
    const { form, opener, answers, nonce } = pending;
    const field = form.fields[Object.keys(answers).length];
    if (!field) return;
    const answer = answerField(field, line);
    if (!answer.ok) {
      print(`(only you) ${answer.problem}`);
      print(fieldQuestion(field));
      return;
    }
    answers[field.name] = answer.value;
    const nextField = form.fields[Object.keys(answers).length];
    if (nextField) {
      print(fieldQuestion(nextField));
      return;
    }
    chat.pendingForm = null;
    const values = Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined));
    const who = names.get(opener.user) ?? opener.user;
    await options.handle(chat, incoming(who, opener.channel), {
      kind: 'form',
      submission: { kind: form.kind, context: form.context, values, nonce },
    });
  }

  async function handleLine(raw: string): Promise<void> {
    const line = raw.replace(/\r$/, '');
    if (chat.pendingForm) return continueForm(line);
    const trimmed = line.trim();
    if (!trimmed) return;

    const verb = /^\/(as|in|dm|press|home|cancel|quit|help)\b\s*(.*)$/i.exec(trimmed);
    if (verb) {
      const [, name = '', rest = ''] = verb;
      return consoleVerb(name.toLowerCase(), rest.trim());
    }
    if (trimmed.startsWith('>')) {
      const threadId = direct ? undefined : chat.threads.get(channel);
      if (!threadId) {
        print(
          direct
            ? '(only you) A direct message has no session thread. `/in <channel>` goes back to a channel.'
            : `(only you) There is no session thread in #${channel} to reply to. A facilitator can open one with \`start\`.`,
        );
        return;
      }
      await options.handle(chat, incoming(), { kind: 'message', threadId, text: trimmed.slice(1).trim() });
      return;
    }
    if (trimmed.startsWith('/') && !/^\/circle\b/i.test(trimmed)) {
      print(`(only you) ${CONSOLE_HELP}`);
      return;
    }
    await options.handle(chat, incoming(), { kind: 'command', text: resolveMentions(trimmed) });
  }

  async function consoleVerb(verb: string, rest: string): Promise<void> {
    switch (verb) {
      case 'as': {
        const name = rest.replace(/^@/, '');
        if (!/^[\p{L}\p{N}._-]{1,40}$/u.test(name)) {
          print('(only you) Say who, as one word: `/as ben`.');
          return;
        }
        speaker = name;
        names.set(idOf(name), name);
        return;
      }
      case 'in': {
        const name = rest.replace(/^#/, '');
        if (!/^[\p{L}\p{N}._-]{1,80}$/u.test(name)) {
          print('(only you) Name the channel as one word: `/in grade-3`.');
          return;
        }
        channel = name;
        direct = false;
        return;
      }
      case 'dm':
        direct = true;
        // `/dm timezone Europe/London` says the rest of the line in the direct message at once.
        if (rest) await options.handle(chat, incoming(), { kind: 'command', text: resolveMentions(rest) });
        return;
      case 'cancel':
        print('(only you) There is no form open to cancel.');
        return;
      case 'press': {
        const index = Number.parseInt(rest, 10);
        const last = chat.lastButtons;
        const button = last && Number.isInteger(index) ? last.buttons[index - 1] : undefined;
        if (!last || !button) {
          print(
            last ? `(only you) ${pressHint(last.buttons.length)}` : '(only you) There are no buttons to press yet.',
          );
          return;
        }
        // A button in a direct message is pressed in that direct message, as on Slack and Teams.
        await options.handle(chat, incoming(speaker, last.channel), {
          kind: 'action',
          action: { ...button.action, nonce: `${last.nonce}:${index}` },
        });
        return;
      }
      case 'home':
        chat.homeChannel = here();
        await options.handle(chat, incoming(), { kind: 'home' });
        return;
      case 'quit':
        lines.close();
        return;
      default:
        print(`(only you) ${CONSOLE_HELP}`);
    }
  }

  const lines = createInterface({
    input: options.input,
    // Without an output, a terminal would show neither the prompt nor what is typed.
    ...(options.interactive ? { output: options.output } : {}),
    terminal: options.interactive,
    crlfDelay: Infinity,
  });
  // In a terminal, readline takes Ctrl-C itself; treat it as the end of the conversation.
  lines.on('SIGINT', () => lines.close());
  const prompt = () => {
    if (!options.interactive) return;
    lines.setPrompt(
      chat.pendingForm ? '  > ' : direct ? `${speaker} (direct message with the bot)> ` : `${speaker} #${channel}> `,
    );
    lines.prompt();
  };
  if (options.interactive) {
    print('Mentor Circle console. Say `help` for the commands, or `setup` to make #circle a community.');
    print(CONSOLE_HELP);
    prompt();
  }

  // One line at a time, in order, however fast they arrive.
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    queue = queue
      .then(() => handleLine(line))
      .catch((error: unknown) =>
        print(`(only you) That line failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .then(prompt);
  });
  await new Promise<void>((resolve) => lines.once('close', resolve));
  await queue;
}
