import type { Activity, ChannelAccount, ConversationAccount, TurnContext } from 'botbuilder';
import { DeliveryError } from '../../src/core/outbox.js';
import { sendActivities, type Connect } from './bot-connector.js';
import { statusOf } from './delivery.js';
import type { StoredReference, TeamsDirectory } from './references.js';

export type PersonalChat = StoredReference & { conversation: ConversationAccount };

/** The person blocked the bot: Teams refuses their personal chat, and will until they write to the bot. */
class PersonalChatRefused extends DeliveryError {
  constructor() {
    super('this person blocked the bot: nothing goes to them until they write to it again', { permanent: true });
  }
}

/** The interaction being answered, when there is one: its own conversation is always reachable. */
export interface TeamsTurn {
  context: TurnContext;
  /** The conversation it came from is the person's personal chat with the bot. */
  personal: boolean;
  user: { id: string; name: string };
}

/** Each person's personal chat with the bot in one tenant, and what Teams answers when the bot writes there. */
export class PersonalChats {
  constructor(
    private readonly tenant: string,
    private readonly directory: TeamsDirectory,
    private readonly connect: Connect,
    private readonly turn?: TeamsTurn,
    /** Waits for room in the tenant's pacing budget before a personal chat is opened. */
    private readonly beforeOpening?: () => Promise<void>,
  ) {}

  /**
   * The person's personal chat with the bot: the stored one, or one the bot opens now
   * (createConversation) through the service and bot of this turn or of a channel in the tenant, and
   * stores. Someone who blocked the bot is not asked again until they write to it.
   */
  async open(user: string): Promise<PersonalChat> {
    // Asked first: a chat that exists but answered 403 (blocked in it) is not tried again either.
    if (await this.directory.refusedPersonalChat(this.tenant, user)) throw new PersonalChatRefused();
    const stored = await this.directory.findReference({ tenant: this.tenant, kind: 'personal', key: user });
    if (stored?.conversation?.id) return stored as PersonalChat;
    const activity = this.turn?.context.activity;
    const via: StoredReference | null = activity
      ? {
          channelId: activity.channelId,
          serviceUrl: activity.serviceUrl,
          bot: activity.recipient,
          conversation: activity.conversation,
        }
      : await this.directory.serviceReference(this.tenant);
    if (!via?.serviceUrl || !via.bot?.id) {
      throw new DeliveryError(
        'no personal chat with this person, and no conversation in their tenant to open one through',
        { permanent: true },
      );
    }
    const bot = { id: via.bot.id, ...(via.bot.name ? { name: via.bot.name } : {}) } as ChannelAccount;
    await this.beforeOpening?.();
    const created = await this.refusalsKept(user, () =>
      this.connect(via, (connector) =>
        connector.conversations.createConversation({
          isGroup: false,
          bot,
          members: [{ id: user }] as ChannelAccount[],
          tenantId: this.tenant,
          channelData: { tenant: { id: this.tenant } },
        }),
      ),
    );
    if (!created.id) throw new DeliveryError('the Bot Connector opened a personal chat without an id');
    const reference: StoredReference = {
      channelId: via.channelId ?? 'msteams',
      serviceUrl: via.serviceUrl,
      bot,
      user: { id: user } as ChannelAccount,
      conversation: {
        id: created.id,
        conversationType: 'personal',
        tenantId: this.tenant,
        isGroup: false,
      } as ConversationAccount,
    };
    const kept = await this.directory.keepPersonal(this.tenant, user, reference);
    return (kept.conversation?.id ? kept : reference) as PersonalChat;
  }

  /** Runs a request to or about the person; a 403 means they blocked the bot, which is kept. */
  async refusalsKept<T>(user: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (statusOf(error) !== 403) throw error;
      await this.directory.personalChatRefused(this.tenant, user);
      throw new PersonalChatRefused();
    }
  }

  /** Sends in the person's personal chat, opened if need be. */
  async send(user: string, activities: Partial<Activity>[]): Promise<void> {
    const chat = await this.open(user);
    await this.refusalsKept(user, () => sendActivities(this.connect, chat, chat.conversation.id, activities));
  }
}
