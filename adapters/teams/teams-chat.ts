import type { Activity, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ChannelAddress, ChatPort, FormOpener, MessageRef, UserAddress } from '../../src/core/chat-port.js';
import { DomainError } from '../../src/core/errors.js';
import type { Form, Message, OutgoingFile } from '../../src/core/messages.js';
import { DeliveryError } from '../../src/core/outbox.js';
import { threadConversationId } from './activities.js';
import { renderForm, renderMessage } from './cards.js';
import { escapeTeams } from './escape.js';
import type { StoredReference, TeamsDirectory } from './references.js';

/** Runs `work` with a Bot Connector client for the service a reference names. */
export type Connect = <T>(reference: StoredReference, work: (connector: ConnectorClient) => Promise<T>) => Promise<T>;

/** The interaction being answered, when there is one: its own conversation is always reachable. */
export interface TeamsTurn {
  context: TurnContext;
  /** The conversation it came from is the person's personal chat with the bot. */
  personal: boolean;
  user: { id: string; name: string };
}

/**
 * The core's ChatPort on the Bot Connector, for one tenant. Within a turn it answers through that
 * turn; for timed sends, through the conversation references stored when Teams first showed the
 * bot a channel or a personal chat.
 */
export class TeamsChat implements ChatPort {
  constructor(
    private readonly tenant: string,
    private readonly directory: TeamsDirectory,
    private readonly connect: Connect,
    private readonly turn?: TeamsTurn,
  ) {}

  private async channelReference(channel: string): Promise<StoredReference> {
    const stored = await this.directory.findReference({ tenant: this.tenant, kind: 'channel', key: channel });
    if (stored) return stored;
    const activity = this.turn?.context.activity;
    if (activity) {
      return { channelId: activity.channelId, serviceUrl: activity.serviceUrl, bot: activity.recipient, conversation: { ...activity.conversation, id: channel } };
    }
    throw new DeliveryError('no conversation reference for this channel: the bot has not been shown it yet', { permanent: true });
  }

  private async personalReference(user: string): Promise<StoredReference | null> {
    return this.directory.findReference({ tenant: this.tenant, kind: 'personal', key: user });
  }

  private async send(reference: StoredReference, conversationId: string, activity: Partial<Activity>): Promise<string> {
    const sent = await this.connect(reference, (connector) =>
      connector.conversations.sendToConversation(conversationId, { ...activity, conversation: { id: conversationId } } as Activity),
    );
    if (!sent.id) throw new Error('the Bot Connector returned no message id');
    return sent.id;
  }

  /** Answers in the conversation the interaction came from: its channel thread, or the personal chat. */
  private async answerHere(activity: Partial<Activity>): Promise<void> {
    await this.turn?.context.sendActivity(activity);
  }

  async post(to: ChannelAddress, message: Message): Promise<MessageRef> {
    const reference = await this.channelReference(to.channel);
    // Posting to the channel itself starts a new thread; its message id is the thread's root.
    return { ...to, id: await this.send(reference, to.channel, renderMessage(message)) };
  }

  async reply(thread: MessageRef, message: Message): Promise<MessageRef> {
    const reference = await this.channelReference(thread.channel);
    const id = await this.send(reference, threadConversationId(thread.channel, thread.id), renderMessage(message));
    return { workspace: thread.workspace, channel: thread.channel, id };
  }

  /**
   * Whether the person is on the roster of the channel's team (a standard channel's members are its
   * team's). The Bot Connector answers 404 for someone who is not.
   */
  async isInChannel(where: ChannelAddress, user: string): Promise<boolean> {
    const reference = await this.channelReference(where.channel);
    // The General channel's id is its team's, so a channel without a known team is asked about as one.
    const team = reference.teamId ?? where.channel;
    try {
      const member = await this.connect(reference, (connector) => connector.conversations.getConversationMember(team, user));
      return (member as { id?: string }).id === user;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    }
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    const reference = await this.channelReference(ref.channel);
    await this.connect(reference, (connector) =>
      connector.conversations.updateActivity(ref.channel, ref.id, { ...renderMessage(message), id: ref.id, conversation: { id: ref.channel } } as Activity),
    );
  }

  /**
   * Teams has no ephemeral messages: the answer goes to the person's personal chat with the bot.
   * Without one, the thread gets a short note that says nothing private.
   */
  async ephemeral(where: ChannelAddress, user: string, message: Message): Promise<void> {
    await this.privately(user, renderMessage(message));
  }

  private async privately(user: string, activity: Partial<Activity>, fallback?: Partial<Activity>): Promise<void> {
    if (this.turn?.personal && this.turn.user.id === user) {
      await this.answerHere(activity);
      return;
    }
    const personal = await this.personalReference(user);
    if (personal?.conversation?.id) {
      await this.send(personal, personal.conversation.id, activity);
      return;
    }
    if (!this.turn) throw new DeliveryError('no personal chat with this person yet', { permanent: true });
    await this.answerHere(
      fallback ??
        renderMessage({ text: `${this.turn.user.name}, I have an answer that only you should see. Open a chat with Mentor Circle (under Apps) and say hello; from then on I will answer you there.` }),
    );
  }

  async dm(to: UserAddress, message: Message): Promise<MessageRef> {
    const personal = await this.personalReference(to.user);
    const conversation = personal?.conversation?.id;
    if (!personal || !conversation) throw new DeliveryError('no personal chat with this person yet', { permanent: true });
    return { workspace: to.workspace, channel: conversation, id: await this.send(personal, conversation, renderMessage(message)) };
  }

  /**
   * Teams cards are forms: the card goes where a private answer would. Without a personal chat it
   * goes in the conversation the person asked in, unless it shows their own goals or earlier answers.
   */
  async openForm(where: FormOpener, form: Form): Promise<void> {
    const prefilled = form.fields.some((field) => (field.kind === 'text' || field.kind === 'date') && field.initial);
    const card = renderForm(form, where.channel);
    await this.privately(where.user, card, prefilled || form.showsTheirOwn ? undefined : card);
  }

  /** Teams has no private upload: the files wait on our own server, behind links only this person gets. */
  async sendFiles(to: UserAddress, files: OutgoingFile[], message: Message): Promise<void> {
    const links = this.directory.fileLinks;
    if (!links) {
      throw new DomainError('NotAvailableYet', 'Exports are not set up for Teams here yet: whoever runs Mentor Circle needs to set PUBLIC_URL and ENCRYPTION_KEY.');
    }
    // Without a personal chat, the answer is a note in the thread: no files are kept for it.
    const inPersonalChat = this.turn?.personal === true && this.turn.user.id === to.user;
    if (!inPersonalChat && !(await this.personalReference(to.user))?.conversation?.id) {
      await this.privately(to.user, renderMessage(message));
      return;
    }
    const published = await links.publish(to, files);
    await this.privately(
      to.user,
      renderMessage({ ...message, sections: [...(message.sections ?? []), 'These links work for 24 hours. Keep them to yourself: anyone with a link can open it.'] }, [
        // Our own links, to our own server: the one Markdown not escaped. File names are the core's.
        published.map((link) => `[${escapeTeams(link.name, 'text')}](${link.url})`).join('\n\n'),
      ]),
    );
  }

  /** Teams has no Home tab: the overview is a private answer. */
  async publishHome(to: UserAddress, view: Message): Promise<void> {
    await this.privately(to.user, renderMessage(view));
  }
}
