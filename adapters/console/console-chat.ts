import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  ChannelAddress,
  ChatPort,
  FormOpener,
  Introduced,
  MessageRef,
  UserAddress,
} from '../../src/core/chat-port.js';
import type { Button, Form, Message, OutgoingFile } from '../../src/core/messages.js';
import { fieldQuestion } from './console-forms.js';
import { renderMessage } from './render.js';

export interface PendingForm {
  form: Form;
  opener: FormOpener;
  /** Answers so far, by field name, in field order. */
  answers: Record<string, string | boolean | undefined>;
  /** Sent with the answers, so this form is taken once. */
  nonce: string;
}

/**
 * The console's ChatPort: everything the bot says is printed. It remembers what the line reader needs
 * next: the thread `> text` replies in, the last buttons for `/press`, and a form waiting for answers.
 */
export class ConsoleChat implements ChatPort {
  private nextId = 1;
  /** Per channel, the thread the bot last replied in: the open session's. */
  readonly threads = new Map<string, string>();
  /** `nonce` is this message's: each of its buttons is pressed once. */
  lastButtons: { buttons: Button[]; channel: string; nonce: string } | null = null;
  pendingForm: PendingForm | null = null;
  /** Buttons on the home page are pressed from the channel the console is in. */
  homeChannel = 'circle';

  constructor(
    private readonly print: (text: string) => void,
    /** Display names by user id, for `[DM to <name>]`. */
    private readonly nameOf: (userId: string) => string,
    /** Where files for people are saved; the person gets the paths. */
    private readonly fileDir: string,
  ) {}

  private show(label: string, channel: string, message: Message): void {
    this.print(renderMessage(label, message));
    if (message.buttons?.length) this.lastButtons = { buttons: message.buttons, channel, nonce: randomUUID() };
  }

  private ref(channel: ChannelAddress): MessageRef {
    return { ...channel, id: `m${this.nextId++}` };
  }

  async post(to: ChannelAddress, message: Message): Promise<MessageRef> {
    // A console direct message is the channel `@<id>`: what is posted there is a DM to that person.
    this.show(
      to.channel.startsWith('@') ? `[DM to ${this.nameOf(to.channel.slice(1))}]` : `[#${to.channel}]`,
      to.channel,
      message,
    );
    return this.ref(to);
  }

  async reply(thread: MessageRef, message: Message): Promise<MessageRef> {
    this.threads.set(thread.channel, thread.id);
    this.show(`[#${thread.channel} thread]`, thread.channel, message);
    return this.ref(thread);
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    this.show(`[#${ref.channel} updated]`, ref.channel, message);
  }

  async ephemeral(where: ChannelAddress, _user: string, message: Message): Promise<void> {
    this.show('(only you)', where.channel, message);
  }

  async dm(to: UserAddress, message: Message): Promise<MessageRef> {
    this.show(`[DM to ${this.nameOf(to.user)}]`, `@${to.user}`, message);
    return { workspace: to.workspace, channel: `@${to.user}`, id: `m${this.nextId++}` };
  }

  /**
   * Printed once for both, as a DM is: one terminal shows what either would see. A button in it is
   * pressed in the first person's direct message, the console's nearest thing to a group DM.
   */
  async introduce(
    _workspace: string,
    people: readonly [Introduced, Introduced, ...Introduced[]],
    message: Message,
  ): Promise<void> {
    this.show(`[group DM to ${people.map((person) => person.name).join(', ')}]`, `@${people[0].user}`, message);
  }

  async sendFiles(to: UserAddress, files: OutgoingFile[], message: Message): Promise<void> {
    // Each person's files in a folder of their own, readable only by whoever runs the console.
    const dir = join(this.fileDir, to.user.replace(/[^\p{L}\p{N}._-]/gu, '_'));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const paths: string[] = [];
    for (const file of files) {
      const path = join(dir, file.name);
      await writeFile(path, file.content, { mode: 0o600 });
      paths.push(path);
    }
    await this.dm(to, { ...message, sections: [...(message.sections ?? []), `Saved: ${paths.join(', ')}`] });
  }

  async publishHome(to: UserAddress, view: Message): Promise<void> {
    this.show(`[Home of ${this.nameOf(to.user)}]`, this.homeChannel, view);
  }

  async openForm(opener: FormOpener, form: Form): Promise<void> {
    this.pendingForm = { form, opener, answers: {}, nonce: randomUUID() };
    const intro = form.intro ? ` ${form.intro}` : '';
    this.print(`(only you) ${form.title}.${intro} Answer each question on its own line; /cancel stops.`);
    const first = form.fields[0];
    if (first) this.print(fieldQuestion(first));
  }
}
