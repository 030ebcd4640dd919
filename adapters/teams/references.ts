import type { ConversationReference } from 'botbuilder';
import type { UserAddress } from '../../src/core/chat-port.js';
import type { OutgoingFile } from '../../src/core/messages.js';

// Where the Teams adapter keeps the addresses it needs for messages nobody asked for right then.
// main.ts implements these on the database; the adapter never sees a row.

export type ReferenceKind = 'channel' | 'personal';

export interface ReferenceKey {
  tenant: string;
  kind: ReferenceKind;
  /** The channel's conversation id (without `;messageid=`), or the person's Teams user id. */
  key: string;
}

export type StoredReference = Partial<ConversationReference> & {
  /** A channel's team; botbuilder ignores it when the reference is used. */
  teamId?: string;
};

export interface TeamsDirectory {
  /** Saves or refreshes an address, registering the tenant as a workspace if it is new. */
  saveReference(key: ReferenceKey, reference: StoredReference): Promise<void>;
  findReference(key: ReferenceKey): Promise<StoredReference | null>;
  /** Forgets an address; a channel's removal (the app removed from its team) forgets the team's other channels too. */
  removeReference(key: ReferenceKey): Promise<void>;
  /**
   * The app was added by this person: to a team, they are the workspace's first admin if it has none
   * yet; elsewhere (their personal scope, a group chat) they are only known from now on.
   */
  installed(
    tenant: string,
    installer: { id: string; name: string; timeZone?: string },
    scope: 'team' | 'other',
  ): Promise<void>;
  /** The newest address in the tenant (a channel's first, else a personal chat's): the service and bot through which a personal chat is opened. */
  serviceReference(tenant: string): Promise<StoredReference | null>;
  /**
   * Stores the address of a personal chat the bot opened, unless one is stored already, and returns
   * the one stored: two senders opening one person's chat at once end with one address.
   */
  keepPersonal(tenant: string, user: string, reference: StoredReference): Promise<StoredReference>;
  /** Whether the person refused the bot a personal chat (they blocked it) and has not written to it since. */
  refusedPersonalChat(tenant: string, user: string): Promise<boolean>;
  /** Teams answered 403 to a personal chat with the person: kept, so they are not tried again, and counted. */
  personalChatRefused(tenant: string, user: string): Promise<void>;
  /** The person wrote to the bot: a refusal on record no longer holds. */
  wroteToBot(tenant: string, user: string): Promise<void>;
  /** Someone joined a team or chat the bot is in: known from now on, under their name if Teams sent it. */
  memberSeen(tenant: string, member: { id: string; name?: string }): Promise<void>;
  /** Someone joined or left a team: whether they are in its channels is asked of Teams afresh. */
  rosterChanged(tenant: string, user: string): Promise<void>;
  /**
   * Keeps files for the person and returns a signed link to each on our own server (Teams has no
   * private upload). Absent when PUBLIC_URL or ENCRYPTION_KEY is not set.
   */
  fileLinks?: { publish(to: UserAddress, files: OutgoingFile[]): Promise<{ name: string; url: string }[]> };
}
