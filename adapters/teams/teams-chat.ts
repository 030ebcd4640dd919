import type { Activity } from 'botbuilder';
import type {
  ChannelAddress,
  ChatPort,
  FormOpener,
  Introduced,
  MessageRef,
  UserAddress,
} from '../../src/core/chat-port.js';
import { DomainError } from '../../src/core/errors.js';
import type { Form, Message, OutgoingFile } from '../../src/core/messages.js';
import { DeliveryError } from '../../src/core/outbox.js';
import { threadConversationId } from './activities.js';
import { sendActivities, type Connect } from './bot-connector.js';
import { renderForm, renderMessage, renderMessages } from './cards.js';
import { chatLinkId, meetLine } from './chat-link.js';
import { statusOf } from './delivery.js';
import { escapeTeams } from './escape.js';
import { PersonalChats, type PersonalChat, type TeamsTurn } from './personal-chats.js';
import type { StoredReference, TeamsDirectory } from './references.js';

/** Said where someone asked when their answer is private and their personal chat cannot be had. */
const unreachableNote = (name: string) =>
  `${name}, I have an answer that only you should see, but I cannot write to you in a chat: you may have blocked Mentor Circle. Write to Mentor Circle (under Apps) and I will answer you there.`;

/**
 * The core's ChatPort on the Bot Connector, for one tenant. Within a turn it answers through that
 * turn; for timed sends, through the conversation references stored when Teams first showed the
 * bot a channel or a personal chat.
 */
export class TeamsChat implements ChatPort {
  private readonly chats: PersonalChats;

  constructor(
    private readonly tenant: string,
    private readonly directory: TeamsDirectory,
    private readonly connect: Connect,
    private readonly turn?: TeamsTurn,
    /** Waits for room in the tenant's pacing budget before a personal chat is opened. */
    beforeOpening?: () => Promise<void>,
  ) {
    this.chats = new PersonalChats(tenant, directory, connect, turn, beforeOpening);
  }

  private async channelReference(channel: string): Promise<StoredReference> {
    const stored = await this.directory.findReference({ tenant: this.tenant, kind: 'channel', key: channel });
    if (stored) return stored;
    const activity = this.turn?.context.activity;
    if (activity) {
      return {
        channelId: activity.channelId,
        serviceUrl: activity.serviceUrl,
        bot: activity.recipient,
        conversation: { ...activity.conversation, id: channel },
      };
    }
    throw new DeliveryError('no conversation reference for this channel: the bot has not been shown it yet', {
      permanent: true,
    });
  }

  /** Answers in the conversation the interaction came from: its channel thread, or the personal chat. */
  private async answerHere(activities: Partial<Activity>[]): Promise<void> {
    for (const activity of activities) await this.turn?.context.sendActivity(activity);
  }

  async post(to: ChannelAddress, message: Message): Promise<MessageRef> {
    const reference = await this.channelReference(to.channel);
    // Posting to the channel itself starts a new thread; its message id is the thread's root.
    return { ...to, id: await sendActivities(this.connect, reference, to.channel, renderMessages(message)) };
  }

  async reply(thread: MessageRef, message: Message): Promise<MessageRef> {
    const reference = await this.channelReference(thread.channel);
    const id = await sendActivities(
      this.connect,
      reference,
      threadConversationId(thread.channel, thread.id),
      renderMessages(message),
    );
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
      const member = await this.connect(reference, (connector) =>
        connector.conversations.getConversationMember(team, user),
      );
      return (member as { id?: string }).id === user;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    const reference = await this.channelReference(ref.channel);
    await this.connect(reference, (connector) =>
      connector.conversations.updateActivity(ref.channel, ref.id, {
        ...renderMessage(message),
        id: ref.id,
        conversation: { id: ref.channel },
      } as Activity),
    );
  }

  /**
   * Teams has no ephemeral messages: the answer goes to the person's personal chat with the bot,
   * opened by the bot if need be. When that cannot be (they blocked the bot), an answer that says
   * nothing private (a refusal, help for a typo) is given where they asked; anything else is not.
   */
  async ephemeral(where: ChannelAddress, user: string, message: Message): Promise<void> {
    const activities = renderMessages(message);
    await this.privately(user, activities, message.revealsNothingPrivate ? activities : undefined);
  }

  /**
   * To the person alone: in the personal chat this turn came from, else their personal chat. Within
   * a turn that cannot reach them there, `inThread` (what may be seen by all) or a note that says
   * nothing goes where they asked.
   */
  private async privately(
    user: string,
    activities: Partial<Activity>[],
    inThread?: Partial<Activity>[],
  ): Promise<void> {
    if (this.turn?.personal && this.turn.user.id === user) {
      await this.answerHere(activities);
      return;
    }
    try {
      await this.chats.send(user, activities);
    } catch (error) {
      if (!this.turn) throw error;
      await this.answerHere(inThread ?? [renderMessage({ text: unreachableNote(this.turn.user.name) })]);
    }
  }

  async dm(to: UserAddress, message: Message): Promise<MessageRef> {
    const chat = await this.chats.open(to.user);
    const id = await this.chats.refusalsKept(to.user, () =>
      sendActivities(this.connect, chat, chat.conversation.id, renderMessages(message)),
    );
    return { workspace: to.workspace, channel: chat.conversation.id, id };
  }

  /**
   * Bots cannot create group chats in Teams: each person gets the message in their personal chat
   * (opened if need be, as for a DM), with a line naming each of the others and a link to start a
   * chat with them. Both chats are had before anything is sent, so someone who blocked the bot stops the
   * introduction before either hears of it.
   */
  async introduce(
    _workspace: string,
    people: readonly [Introduced, Introduced, ...Introduced[]],
    message: Message,
  ): Promise<void> {
    const chats: PersonalChat[] = [];
    for (const person of people) chats.push(await this.chats.open(person.user));
    const entraIds: (string | undefined)[] = [];
    for (const [index, person] of people.entries())
      entraIds.push(await this.entraId(chats[index] as PersonalChat, person.user));
    const surface = message.buttons?.length ? 'card' : 'text';
    for (const [self, person] of people.entries()) {
      const chat = chats[self] as PersonalChat;
      // A line for each of the others (two in a trio), each with its own link.
      const lines = people.flatMap((other, index) =>
        index === self ? [] : [meetLine({ name: other.name, entraId: entraIds[index] }, surface)],
      );
      await this.chats.refusalsKept(person.user, () =>
        sendActivities(this.connect, chat, chat.conversation.id, renderMessages(message, lines)),
      );
    }
  }

  /**
   * The person's Microsoft Entra id (or UPN), which a chat link needs: the one Teams sent with their
   * own messages (kept in their chat's reference), else the one Teams gives for them as a member of
   * their personal chat. Undefined when Teams knows no such member there (404) or gives neither id:
   * the introduction then says where to find them. Any other failure fails the send, to be retried.
   */
  private async entraId(chat: PersonalChat, user: string): Promise<string | undefined> {
    const kept = chat.user?.id === user ? chatLinkId(chat.user) : undefined;
    if (kept) return kept;
    try {
      const member = await this.connect(chat, (connector) =>
        connector.conversations.getConversationMember(chat.conversation.id, user),
      );
      return chatLinkId(member);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /**
   * Teams cards are forms: the card goes where a private answer would. When the personal chat cannot
   * be had, it goes in the conversation the person asked in, unless it shows their own goals or answers.
   */
  async openForm(where: FormOpener, form: Form): Promise<void> {
    const prefilled = form.fields.some((field) => (field.kind === 'text' || field.kind === 'date') && field.initial);
    const card = renderForm(form, where.channel);
    await this.privately(where.user, [card], prefilled || form.showsTheirOwn ? undefined : [card]);
  }

  /** Teams has no private upload: the files wait on our own server, behind links only this person gets. */
  async sendFiles(to: UserAddress, files: OutgoingFile[], message: Message): Promise<void> {
    const links = this.directory.fileLinks;
    if (!links) {
      throw new DomainError(
        'NotAvailableYet',
        'Exports are not set up for Teams here yet: whoever runs Mentor Circle needs to set PUBLIC_URL and ENCRYPTION_KEY.',
      );
    }
    // Without a personal chat (the person blocked the bot), the answer is a note in the thread: no files are kept for it.
    const inPersonalChat = this.turn?.personal === true && this.turn.user.id === to.user;
    if (!inPersonalChat) {
      const reachable = await this.chats.open(to.user).then(
        () => true,
        (error: unknown) => {
          if (!this.turn) throw error;
          return false;
        },
      );
      if (!reachable) {
        await this.privately(to.user, renderMessages(message));
        return;
      }
    }
    const published = await links.publish(to, files);
    await this.privately(
      to.user,
      renderMessages(
        {
          ...message,
          sections: [
            ...(message.sections ?? []),
            'These links work for 24 hours. Keep them to yourself: anyone with a link can open it.',
          ],
        },
        [
          // Our own links, to our own server: the one Markdown not escaped. File names are the core's.
          published.map((link) => `[${escapeTeams(link.name, 'text')}](${link.url})`).join('\n\n'),
        ],
      ),
    );
  }

  /** Teams has no Home tab: the overview is a private answer. */
  async publishHome(to: UserAddress, view: Message): Promise<void> {
    await this.privately(to.user, renderMessages(view));
  }
}
