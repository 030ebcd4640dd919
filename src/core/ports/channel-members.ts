/**
 * Who the platform says is in a channel (Slack channel membership, the Teams team roster), by platform
 * user id, as learnt from its events and its API. Interacting with the bot never writes here, except in
 * the console, where whoever speaks in a channel is in it.
 */
export interface ChannelMemberRepo {
  /** What was learnt since `since`: present or not; null when nothing was, or only longer ago. */
  known(input: { workspaceId: number; channelId: string; userId: string; since: Date }): Promise<boolean | null>;
  record(input: { workspaceId: number; channelId: string; userId: string; present: boolean; at: Date }): Promise<void>;
  /** Forgets what was learnt about the person in every channel of the workspace: it is asked afresh. */
  forgetPerson(workspaceId: number, userId: string): Promise<void>;
}
