import type { Community, Session, SessionPhase, Workspace } from '../model.js';

export interface SessionRepo {
  findOpen(communityId: number): Promise<Session | null>;
  /** The session whose message roots this thread, scoped to one workspace. */
  findByThread(workspaceId: number, channelId: string, rootMessageId: string): Promise<Session | null>;
  /** A session of this workspace by id (ids from buttons are checked against the workspace). */
  find(workspaceId: number, sessionId: number): Promise<Session | null>;
  /** Null when the community already has an open session (or one for that scheduled time). */
  open(input: {
    communityId: number;
    channelId: string;
    topic: string | null;
    openedBy: number | null;
    at: Date;
    scheduledFor?: Date;
  }): Promise<Session | null>;
  /** When the community's previous session closed, before this one opened; null for its first. */
  previousClosedAt(communityId: number, before: Date): Promise<Date | null>;
  /** Whether a session of this community was opened in the window given. */
  openedBetween(communityId: number, from: Date, to: Date): Promise<boolean>;
  setRootMessage(sessionId: number, messageId: string): Promise<void>;
  /** Sessions of any workspace still open that started before `before`, oldest first. */
  openedBefore(before: Date, limit: number): Promise<Session[]>;
  /** A session with its community and workspace, for work that no person started (the scheduler). */
  withPlace(sessionId: number): Promise<{ session: Session; community: Community; workspace: Workspace } | null>;
  /** Moves the phase only if it still is `from`; false when someone else moved it first. */
  movePhase(sessionId: number, from: SessionPhase, to: SessionPhase, at: Date): Promise<boolean>;
}
