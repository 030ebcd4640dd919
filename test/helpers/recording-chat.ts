import type {
  ChannelAddress,
  ChatPort,
  FormOpener,
  Introduced,
  MessageRef,
  UserAddress,
} from '../../src/core/chat-port.js';
import type { Action, Form, Message, OutgoingFile } from '../../src/core/messages.js';

export type Sent =
  | { kind: 'post'; to: ChannelAddress; message: Message; ref: MessageRef }
  | { kind: 'reply'; thread: MessageRef; message: Message; ref: MessageRef }
  | { kind: 'update'; ref: MessageRef; message: Message }
  | { kind: 'ephemeral'; where: ChannelAddress; user: string; message: Message }
  | { kind: 'dm'; to: UserAddress; message: Message; ref: MessageRef }
  | {
      kind: 'introduce';
      workspace: string;
      people: readonly [Introduced, Introduced, ...Introduced[]];
      message: Message;
    }
  | { kind: 'form'; where: FormOpener; form: Form }
  | { kind: 'home'; to: UserAddress; message: Message }
  | { kind: 'files'; to: UserAddress; files: OutgoingFile[]; message: Message };

/** The messages sent to one person's direct messages, in order. */
export const dmsTo = (sent: readonly Sent[], user: string): Message[] =>
  sent.flatMap((s) => (s.kind === 'dm' && s.to.user === user ? [s.message] : []));

/** What the button with this label does; a test fails here when the message has no such button. */
export function buttonAction(message: Message | undefined, label: string): Action {
  const found = message?.buttons?.find((b) => b.label === label);
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(message)}`);
  return found.action;
}

/** A ChatPort fake that records everything the core says, for assertions. */
export class RecordingChat implements ChatPort {
  readonly sent: Sent[] = [];
  /** The newest message posted with buttons: a session message, which roots the session thread. */
  lastSessionMessage: MessageRef | null = null;
  private nextId = 1;

  private ref(to: ChannelAddress): MessageRef {
    return { workspace: to.workspace, channel: to.channel, id: `msg-${this.nextId++}` };
  }

  async post(to: ChannelAddress, message: Message) {
    const ref = this.ref(to);
    this.sent.push({ kind: 'post', to, message, ref });
    if (message.buttons?.length) this.lastSessionMessage = ref;
    return ref;
  }
  async reply(thread: MessageRef, message: Message) {
    const ref = this.ref(thread);
    this.sent.push({ kind: 'reply', thread, message, ref });
    return ref;
  }
  async update(ref: MessageRef, message: Message) {
    this.sent.push({ kind: 'update', ref, message });
  }
  async ephemeral(where: ChannelAddress, user: string, message: Message) {
    this.sent.push({ kind: 'ephemeral', where, user, message });
  }
  async dm(to: UserAddress, message: Message) {
    const ref = { workspace: to.workspace, channel: `dm-${to.user}`, id: `msg-${this.nextId++}` };
    this.sent.push({ kind: 'dm', to, message, ref });
    return ref;
  }
  async introduce(workspace: string, people: readonly [Introduced, Introduced, ...Introduced[]], message: Message) {
    this.sent.push({ kind: 'introduce', workspace, people, message });
  }
  /** The introductions made, in order: who was introduced to whom, with what. */
  introductions(sent: Sent[] = this.sent): Extract<Sent, { kind: 'introduce' }>[] {
    return sent.flatMap((s) => (s.kind === 'introduce' ? [s] : []));
  }
  async publishHome(to: UserAddress, message: Message) {
    this.sent.push({ kind: 'home', to, message });
  }
  async sendFiles(to: UserAddress, files: OutgoingFile[], message: Message) {
    this.sent.push({ kind: 'files', to, files, message });
  }
  async openForm(where: FormOpener, form: Form) {
    this.sent.push({ kind: 'form', where, form });
  }

  /** The messages posted in threads, in order. */
  replies(sent: Sent[] = this.sent): Message[] {
    return sent.flatMap((s) => (s.kind === 'reply' ? [s.message] : []));
  }

  /** What was sent since the last call, then forgets it. */
  take(): Sent[] {
    return this.sent.splice(0);
  }
}
