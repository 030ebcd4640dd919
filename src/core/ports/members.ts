import type { AwayStatus, StoredAway } from '../away.js';
import type { Member, Platform, Workspace } from '../model.js';
import type { NudgePrefs } from '../nudges/schedule.js';

export interface MemberRepo {
  /**
   * Finds or creates the member and refreshes the name the platform reported. A new member gets the
   * zone reported; a known member's zone moves only through `setTimeZone`, so that their plans move
   * with it in one transaction.
   */
  ensure(workspaceId: number, input: { externalId: string; name: string; timeZone?: string }): Promise<Member>;
  /** `chosen`: the member set it themselves, so their platform's zone no longer moves it. */
  setTimeZone(memberId: number, timeZone: string, chosen?: boolean): Promise<void>;
  /**
   * Makes the member an admin only if the workspace has none, in one conditional update (the first
   * admin: the Teams installer, the console's first speaker); false when it had one already.
   */
  claimFirstAdmin(workspaceId: number, memberId: number): Promise<boolean>;
  /**
   * Deletes everything of this member in one transaction: check-ins, reflections, goals and their
   * progress, preferences, memberships, planned sends, and stored events that carry their words; an
   * audit row records that it happened, without content. Figures stored with sent digests stay.
   * The workspace's last admin is not deleted ('last-admin'): the check and the deletion are one
   * statement, holding the admins' rows, so two admins forgetting themselves at once cannot both go.
   * Nor is the only facilitator of a circle that has other members (`lastFacilitatorOf` names those
   * circles), decided under a lock on each circle they facilitate.
   */
  forget(input: {
    memberId: number;
    workspaceId: number;
    externalId: string;
    platform: Platform;
    at: Date;
  }): Promise<'forgotten' | 'last-admin' | { lastFacilitatorOf: string[] }>;
  /** A member by their platform id, without creating them. */
  find(workspaceId: number, externalId: string): Promise<Member | null>;
  /**
   * Today's names of these members, by id; a member forgotten since is missing from the map. Notices
   * keep ids, never names, and read the names here when they are sent.
   */
  names(memberIds: readonly number[]): Promise<Map<number, string>>;
  /** The admin role given in the app (`admin add`). */
  grantAdmin(memberId: number): Promise<void>;
  /**
   * Takes back the admin role given in the app, unless the platform makes them one ('platform-admin')
   * or they are the workspace's last admin ('last-admin'): one conditional update, holding the
   * admins' rows, so two admins removing each other at once cannot leave none.
   */
  revokeAdmin(
    workspaceId: number,
    memberId: number,
  ): Promise<'revoked' | 'not-admin' | 'platform-admin' | 'last-admin'>;
  /**
   * Keeps the platform's admin flag (Slack workspace admins and owners) in step with what the platform
   * says now, both ways: set, they are an admin; cleared, they stay one only if the app made them one.
   * Writes only when the flag changes: returns whether they are an admin now, or null when the flag
   * already said so and nothing changed (most interactions: one statement that matches no row).
   */
  syncPlatformAdmin(memberId: number, isPlatformAdmin: boolean): Promise<boolean | null>;
  isPlatformAdmin(memberId: number): Promise<boolean>;
  nudgePrefs(memberId: number): Promise<NudgePrefs>;
  setNudgePrefs(memberId: number, prefs: NudgePrefs): Promise<void>;
  /** The member's nudge preferences and planned slot, locking their row until the transaction ends. */
  nudgePlan(memberId: number): Promise<{ prefs: NudgePrefs; next: Date | null } | null>;
  /**
   * The next nudge slot, UTC, in the indexed column the planner reads (null: none planned), written
   * only if the column still holds `expected`; false when it did not.
   */
  setNextNudge(memberId: number, expected: Date | null, next: Date | null): Promise<boolean>;
  /** Members whose next nudge is due, with what planning them needs. */
  dueForNudge(
    now: Date,
    limit: number,
  ): Promise<{ member: Member; prefs: NudgePrefs; slot: Date; workspace: Workspace }[]>;
  /** How many members are due at each slot of each workspace, for spreading a crowded slot. */
  dueSlotCounts(now: Date): Promise<{ workspaceId: number; slot: Date; count: number }[]>;
  /** Members of a workspace with a nudge planned, whose slots a new break may move, by id. */
  withNudgePlanned(workspaceId: number): Promise<Member[]>;
  /** A member with their workspace, for work no person started. */
  withWorkspace(memberId: number): Promise<{ member: Member; workspace: Workspace } | null>;
  /**
   * A member by the platform's ids of their workspace and of them, never creating either: what the
   * platform says of people the bot has not met is not kept.
   */
  findByPlatformIds(
    platform: Platform,
    workspace: string,
    user: string,
  ): Promise<{ member: Member; workspace: Workspace } | null>;
  /** The away status last heard from the platform; null when none ever was. */
  awayStatus(memberId: number): Promise<StoredAway | null>;
  /**
   * Keeps what the platform says of the member's status, heard `at`. `changedAt`, when the platform
   * says when the profile last changed: kept too, and nothing is written when a later change was kept
   * already (false).
   */
  recordAway(memberId: number, status: AwayStatus, at: Date, changedAt?: Date): Promise<boolean>;
  /** Renames the member to the name the platform gives now. */
  rename(memberId: number, name: string): Promise<void>;
}
