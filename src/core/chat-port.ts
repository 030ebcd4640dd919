import type { AwayStatus } from './away.js';
import type { Form, Message, OutgoingFile } from './messages.js';

// The one interface every platform adapter implements. Addresses carry the workspace's external id
// because an adapter serving many workspaces needs it to pick the right credentials.

export interface ChannelAddress {
  workspace: string;
  channel: string;
}

export interface UserAddress {
  workspace: string;
  user: string;
}

/** A message the bot posted; `id` is the platform's message id (Slack `ts`, Teams activity id). */
export interface MessageRef extends ChannelAddress {
  id: string;
}

/** Where a form is opened: for the person, from a command or button in a channel. */
export interface FormOpener extends ChannelAddress {
  user: string;
  /** Slack's trigger id, which a modal needs; other platforms ignore it. */
  trigger?: string;
}

/** One of two people an introduction is for. */
export interface Introduced {
  user: string;
  name: string;
}

export interface ChatPort {
  post(to: ChannelAddress, message: Message): Promise<MessageRef>;
  reply(thread: MessageRef, message: Message): Promise<MessageRef>;
  update(ref: MessageRef, message: Message): Promise<void>;
  /** Seen only by `user`; Teams has none and sends it to the personal chat instead. */
  ephemeral(where: ChannelAddress, user: string, message: Message): Promise<void>;
  dm(to: UserAddress, message: Message): Promise<MessageRef>;
  /**
   * Introduces two people (or three) of one workspace privately, with one message to them all: Slack
   * opens a group DM with them (and the bot) and posts it there; Teams, where bots cannot create group
   * chats, sends it to each person's personal chat with a link to start a chat with each other one;
   * the console prints it once. `people` are platform user ids with their names.
   */
  introduce(
    workspace: string,
    people: readonly [Introduced, Introduced, ...Introduced[]],
    message: Message,
  ): Promise<void>;
  openForm(where: FormOpener, form: Form): Promise<void>;
  /** The person's own page of the app (Slack's Home tab; the console prints it). */
  publishHome(to: UserAddress, view: Message): Promise<void>;
  /**
   * Hands files to the person privately (Slack: an upload to their direct messages; console: saved
   * files). Platforms that cannot yet leave it out, and `export` says so.
   */
  sendFiles?(to: UserAddress, files: OutgoingFile[], message: Message): Promise<void>;
  /**
   * Whether the platform says the person (by platform id) is in the channel (Slack channel membership,
   * the Teams team roster). Platforms that cannot be asked (the console) leave it out: there, whoever
   * speaks in a channel is in it. Throws when the platform could not answer.
   */
  isInChannel?(where: ChannelAddress, user: string): Promise<boolean>;
  /**
   * What the person's chat status says now (away on holiday or ill, until when), asked of the platform
   * itself; undefined when it may not be asked now (the budget for such look-ups, shared by every
   * replica, is spent). Platforms without such a status leave it out. Kept statuses are read from the
   * database instead (see away.ts): this is only for one that is missing or old.
   */
  awayStatus?(who: UserAddress): Promise<AwayStatus | undefined>;
  /**
   * Whether the platform makes the person an admin now (Slack workspace admins and owners); platforms
   * without such a role leave it out.
   */
  isPlatformAdmin?(who: UserAddress): Promise<boolean>;
  /**
   * Whether the platform knows the id as a full member of the workspace: a person (not a bot), not
   * deactivated, not a guest or someone from another organisation. Platforms that cannot be asked
   * leave it out; there, only people the platform has already shown the bot count. Throws when the
   * platform could not answer.
   */
  knowsPerson?(who: UserAddress): Promise<boolean>;
}
