import type { Community, Member, Workspace } from '../model.js';
import type { SessionSchedule } from '../schedules/schedule.js';

export interface CommunityRepo {
  findByChannel(workspaceId: number, channelId: string): Promise<Community | null>;
  /**
   * Null when the channel became a community in the meantime. `at`: when it was set up, the
   * interaction's time (the database's clock when not given).
   */
  create(input: {
    workspaceId: number;
    channelId: string;
    name: string;
    timeZone: string;
    createdBy: number;
    at?: Date;
  }): Promise<Community | null>;
  /** Idempotent: joining twice keeps one membership and never drops a facilitator flag. */
  join(communityId: number, memberId: number): Promise<void>;
  /** The platform says they left the channel: no longer one of the community, nor its facilitator. */
  leave(communityId: number, memberId: number): Promise<void>;
  setFacilitator(communityId: number, memberId: number, isFacilitator: boolean): Promise<void>;
  isFacilitator(communityId: number, memberId: number): Promise<boolean>;
  countFacilitators(communityId: number): Promise<number>;
  /** The community's facilitators, by name. */
  facilitators(communityId: number): Promise<Member[]>;
  isMember(communityId: number, memberId: number): Promise<boolean>;
  /**
   * Takes the facilitator role from this member unless they are the community's last facilitator.
   * Decided under a lock on the community, so two removals at once cannot leave it without one; call
   * it inside a transaction.
   */
  removeFacilitator(communityId: number, memberId: number): Promise<'removed' | 'last' | 'not-facilitator'>;
  setTimeZone(communityId: number, timeZone: string): Promise<void>;
  rename(communityId: number, name: string): Promise<void>;
  schedule(communityId: number): Promise<SessionSchedule | null>;
  /** Saves the schedule (null: none) and the first step it leads to, in the indexed column. */
  setSchedule(communityId: number, schedule: SessionSchedule | null, nextStepAt: Date | null): Promise<void>;
  /** The next scheduled step, written only if the column still holds `expected`; false when it did not. */
  setNextStep(communityId: number, expected: Date | null, next: Date | null): Promise<boolean>;
  setReminder(communityId: number, remind: boolean): Promise<void>;
  /** What the community's planned times hang on, locking its row until the transaction ends. */
  plan(communityId: number): Promise<CommunityPlan | null>;
  /** The same as `plan`, to show, without locking anything. */
  settings(communityId: number): Promise<CommunityPlan | null>;
  /** The next mid-week prompt, written only if the column still holds `expected`; false when it did not. */
  setNextMidweek(communityId: number, expected: Date | null, next: Date | null): Promise<boolean>;
  /** The workspace's communities, by id: a break or a new workspace zone may move their plans. */
  inWorkspace(workspaceId: number): Promise<Community[]>;
  /** The mid-week prompt's school day and time (null: off), and its next time in the indexed column. */
  setMidweek(communityId: number, slot: { day: number; minute: number } | null, nextAt: Date | null): Promise<void>;
  dueForMidweek(
    now: Date,
    limit: number,
  ): Promise<{ community: Community; slot: { day: number; minute: number }; at: Date; workspace: Workspace }[]>;
  /** Communities whose next scheduled step is due, with their schedule and workspace. */
  dueForSteps(
    now: Date,
    limit: number,
  ): Promise<{ community: Community; schedule: SessionSchedule; stepAt: Date; workspace: Workspace }[]>;
  find(workspaceId: number, communityId: number): Promise<Community | null>;
  /** Any workspace's community, for work no person started. */
  findById(communityId: number): Promise<Community | null>;
  /** The communities a member belongs to, by name. */
  listForMember(memberId: number): Promise<{ community: Community; isFacilitator: boolean }[]>;
}

/** A community's schedule and mid-week prompt, with the times planned from them. */
export interface CommunityPlan {
  community: Community;
  schedule: SessionSchedule | null;
  nextStepAt: Date | null;
  midweek: { day: number; minute: number } | null;
  nextMidweekAt: Date | null;
}
