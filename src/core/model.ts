// The core's own view of the data. Rows become these in src/db; adapters never see rows.

export type Platform = 'slack' | 'teams' | 'console';
export type SessionPhase = 'opening' | 'reflection' | 'closing' | 'closed';
export type CheckinPhase = 'opening' | 'closing';
export type AnswerSource = 'command' | 'thread' | 'form';

export interface Workspace {
  id: number;
  platform: Platform;
  externalId: string;
  name: string | null;
  /** IANA zone for the workspace calendar; null until the first admin with a known zone is met. */
  timeZone: string | null;
}

export interface Member {
  id: number;
  workspaceId: number;
  /** The platform's user id (Slack `U…`, the Teams user id `29:…` the bot is given, console name). */
  externalId: string;
  name: string;
  timeZone: string | null;
  /** They set `timeZone` themselves (`my timezone`): the platform's zone no longer moves it. */
  timeZoneChosen?: boolean;
  isAdmin: boolean;
}

export interface Community {
  id: number;
  workspaceId: number;
  channelId: string;
  name: string;
  timeZone: string;
}

export interface Session {
  id: number;
  communityId: number;
  phase: SessionPhase;
  topic: string | null;
  channelId: string;
  /** The session message; its thread holds the prompts and the answers. Null until it is posted. */
  rootMessageId: string | null;
  openedAt: Date;
  closedAt: Date | null;
}

export interface Checkin {
  memberId: number;
  memberName: string;
  phase: CheckinPhase;
  /** Null once retention has removed the text; the check-in still counts. */
  text: string | null;
  sharedWithLeaders: boolean;
}

export interface PromptPost {
  id: number;
  communityId: number;
  sessionId: number | null;
  promptKey: string;
  promptText: string;
  postedAt: Date;
}

export interface Reflection {
  /** The prompt post it answers: a session may post several prompts, each with its own answers. */
  promptPostId: number;
  memberId: number;
  memberName: string;
  text: string | null;
}
