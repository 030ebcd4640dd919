import type { WebClient } from '@slack/web-api';
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
import { renderMessage, renderMessages, renderModal, type SlackMessage } from './blocks.js';
import { SLACK_LIMITS } from './limits.js';
import { awayFromProfile } from './away-status.js';
import { slackUser } from './payloads.js';
import type { AwayStatus } from '../../src/core/away.js';

/** A slash command's own answer channel: private replies to its sender go through its response URL. */
export interface CommandResponder {
  channel: string;
  user: string;
  send(message: {
    response_type: 'ephemeral';
    replace_original: false;
    text: string;
    blocks: unknown[];
  }): Promise<unknown>;
}

/**
 * Where answers to a command typed in the bot's own DM go: back into that DM (in its thread, if it
 * was written in one), as the bot's messages. Nobody else can see that conversation.
 */
export function directMessageResponder(
  client: WebClient,
  dm: { channel: string; user: string; threadTs?: string },
): CommandResponder {
  const { channel, user, threadTs } = dm;
  return {
    channel,
    user,
    send: ({ text, blocks }) =>
      client.chat.postMessage({
        channel,
        text,
        blocks: blocks as never,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
  };
}

function slackError(error: unknown): string | undefined {
  return (error as { data?: { error?: string } })?.data?.error;
}

const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found']);

/** Where interactions on the Home tab happen: there is no channel, so private answers go by DM. */
export const HOME_SURFACE = 'home';

/**
 * The core's ChatPort on the Slack Web API, for one interaction (or one timed send). `client` is
 * authorised for the workspace the interaction came from.
 */
export class SlackChat implements ChatPort {
  constructor(
    private readonly client: WebClient,
    private readonly responder?: CommandResponder,
  ) {}

  /**
   * Posts; in a public channel the bot has not joined yet, joins it once and tries again. A message
   * longer than Slack takes in one goes on in further messages after it (in the same thread); the
   * first one's ts is the message's.
   */
  private async postIn(channel: string, message: Message, threadTs?: string): Promise<string> {
    const [first, ...rest] = renderMessages(message);
    const body = (part: SlackMessage) => ({
      channel,
      ...part,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    let ts: string;
    try {
      ts = String((await this.client.chat.postMessage(body(first))).ts);
    } catch (error) {
      if (!NOT_IN_CHANNEL.has(slackError(error) ?? '') || !channel.startsWith('C')) throw this.explain(error);
      await this.client.conversations.join({ channel }).catch((joinError: unknown) => {
        throw this.explain(joinError);
      });
      ts = String((await this.client.chat.postMessage(body(first))).ts);
    }
    for (const part of rest) await this.client.chat.postMessage(body(part));
    return ts;
  }

  private explain(error: unknown): unknown {
    return NOT_IN_CHANNEL.has(slackError(error) ?? '') || slackError(error) === 'method_not_supported_for_channel_type'
      ? new DomainError(
          'NotInChannel',
          'I am not in this channel yet. Add me with `/invite @Mentor Circle`, then try again.',
        )
      : error;
  }

  async post(to: ChannelAddress, message: Message): Promise<MessageRef> {
    return { ...to, id: await this.postIn(to.channel, message) };
  }

  async reply(thread: MessageRef, message: Message): Promise<MessageRef> {
    return {
      workspace: thread.workspace,
      channel: thread.channel,
      id: await this.postIn(thread.channel, message, thread.id),
    };
  }

  /**
   * Whether Slack lists the person among the channel's members, a page of 200 at a time. A channel the
   * bot cannot see (a private one it is not in) has no members it could tell of.
   */
  async isInChannel(where: ChannelAddress, user: string): Promise<boolean> {
    if (where.channel === HOME_SURFACE) return false;
    let cursor: string | undefined;
    do {
      let page;
      try {
        page = await this.client.conversations.members({
          channel: where.channel,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
      } catch (error) {
        if (NOT_IN_CHANNEL.has(slackError(error) ?? '')) return false;
        throw error;
      }
      if (page.members?.includes(user)) return true;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return false;
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    await this.client.chat.update({ channel: ref.channel, ts: ref.id, ...renderMessage(message) });
  }

  async ephemeral(where: ChannelAddress, user: string, message: Message): Promise<void> {
    if (where.channel === HOME_SURFACE) {
      await this.dm({ workspace: where.workspace, user }, message);
      return;
    }
    const parts = renderMessages(message);
    if (this.responder && this.responder.channel === where.channel && this.responder.user === user) {
      // The response URL reaches the person even where the bot is not a member.
      for (const part of parts)
        await this.responder.send({ response_type: 'ephemeral', replace_original: false, ...part });
      return;
    }
    for (const part of parts) await this.client.chat.postEphemeral({ channel: where.channel, user, ...part });
  }

  async dm(to: UserAddress, message: Message): Promise<MessageRef> {
    // Posting to a user id lands in the app's direct messages with that person.
    const [first, ...rest] = renderMessages(message);
    const result = await this.client.chat.postMessage({ channel: to.user, ...first });
    const channel = String(result.channel ?? to.user);
    for (const part of rest) await this.client.chat.postMessage({ channel, ...part });
    return { workspace: to.workspace, channel, id: String(result.ts) };
  }

  /**
   * A group DM of the two people and the bot (conversations.open with both ids: Slack answers with the
   * one such conversation, the same every time, so a retry finds it again), and the message posted
   * there as any other post is.
   */
  async introduce(
    _workspace: string,
    people: readonly [Introduced, Introduced, ...Introduced[]],
    message: Message,
  ): Promise<void> {
    const opened = await this.client.conversations.open({ users: people.map((person) => person.user).join(',') });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('Slack opened no group DM');
    await this.postIn(channel, message);
  }

  /** One users.info call: the caller decides whether it may be made (the look-up budget, timed-chat.ts). */
  async awayStatus(who: UserAddress): Promise<AwayStatus> {
    const info = await this.client.users.info({ user: who.user });
    const user = slackUser.safeParse(info.user);
    if (!user.success) throw new Error('Slack answered users.info without a user we could read');
    return awayFromProfile(user.data.profile);
  }

  async isPlatformAdmin(who: UserAddress): Promise<boolean> {
    const info = (await this.client.users.info({ user: who.user })) as {
      user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean };
    };
    const user = info.user;
    if (!user) throw new Error('Slack answered users.info without a user');
    return Boolean(user.is_admin || user.is_owner || user.is_primary_owner);
  }

  async knowsPerson(who: UserAddress): Promise<boolean> {
    let info;
    try {
      info = await this.client.users.info({ user: who.user });
    } catch (error) {
      if (slackError(error) === 'user_not_found') return false;
      throw error;
    }
    const user = info.user;
    if (!user || user.deleted || user.is_bot || user.is_app_user || user.is_restricted || user.is_ultra_restricted)
      return false;
    // Someone from another organisation in a shared channel has their own team.
    return (
      user.team_id === who.workspace ||
      (user.enterprise_user?.teams ?? []).includes(who.workspace) ||
      user.enterprise_user?.enterprise_id === who.workspace
    );
  }

  async sendFiles(to: UserAddress, files: OutgoingFile[], message: Message): Promise<void> {
    // An upload needs a channel id: the app's direct messages with the person.
    const opened = await this.client.conversations.open({ users: to.user });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('Slack opened no direct message channel');
    await this.client.files.uploadV2({
      channel_id: channel,
      initial_comment: [message.text, ...(message.sections ?? [])].join('\n\n'),
      file_uploads: files.map((file) => ({
        file: Buffer.from(file.content, 'utf8'),
        filename: file.name,
        title: file.name,
      })),
    });
  }

  async publishHome(to: UserAddress, view: Message): Promise<void> {
    await this.client.views.publish({
      user_id: to.user,
      view: { type: 'home', blocks: renderMessage(view, SLACK_LIMITS.blocksPerView).blocks } as never,
    });
  }

  async openForm(where: FormOpener, form: Form): Promise<void> {
    if (!where.trigger) {
      // Slack opens a form only in answer to a click, and words typed in the bot's DM are none: a new
      // goal's form (the one such words ask for) is offered behind a button that opens it.
      const fresh = form.kind === 'goal' && Object.keys(form.context).length === 0;
      await this.ephemeral(
        where,
        where.user,
        fresh
          ? {
              text: 'Press the button to open the goal form.',
              buttons: [{ label: 'Set a goal', action: { kind: 'goal.form' }, style: 'primary' }],
            }
          : { text: 'That form needs a fresh click; press the button again, or answer with `checkin <text>`.' },
      );
      return;
    }
    await this.client.views.open({ trigger_id: where.trigger, view: renderModal(form, where.channel) as never });
  }
}
