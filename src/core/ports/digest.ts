import type { CountedMentoring, Metric, PoolBreakdown, StoredWeek, WeekAggregates } from '../digest/figures.js';
import type { Member, Workspace } from '../model.js';
import type { SessionSchedule } from '../schedules/schedule.js';

/** A community as the digest sees it: no texts, only what pooling and the suggestions need. */
export interface DigestCommunity {
  id: number;
  name: string;
  timeZone: string;
  members: number;
  facilitators: number;
  schedule: SessionSchedule | null;
  createdAt: Date;
  /** Whether a session anyone took part in was opened in the look-back window asked for. */
  heldRecently: boolean;
  /** When the latest session anyone took part in was opened, before the window's end; null: never. */
  lastHeldAt: Date | null;
}

/** A scheduled session start the week's sessions are counted against; `end` is when it would close. */
export interface ExpectedSession {
  communityId: number;
  start: Date;
  end: Date;
}

export interface AdminToPlan {
  member: Member;
  workspace: Workspace;
  /** The workspace's digest day (ISO weekday) and minute after local midnight. */
  time: { day: number; minute: number };
}

/**
 * The digest's storage. Every figure is an SQL aggregate over the week's rows; no method returns
 * rows for the caller to count. Texts leave storage only as highlights their authors chose to share.
 */
export interface DigestRepo {
  time(workspaceId: number): Promise<{ day: number; minute: number }>;
  /** Saves the workspace's digest day and time; the caller plans every admin's next send afresh. */
  setTime(workspaceId: number, time: { day: number; minute: number }): Promise<void>;
  /** The workspace's communities, and the distinct members of those with fewer than `minMembers`. */
  communities(
    workspaceId: number,
    input: { minMembers: number; heldFrom: Date; heldTo: Date },
  ): Promise<{ communities: DigestCommunity[]; pooledMembers: number }>;
  /** The week's figures per community, for the pooled communities together, and for the workspace. */
  aggregates(input: {
    workspaceId: number;
    from: Date;
    to: Date;
    expected: readonly ExpectedSession[];
    pooledIds: readonly number[];
  }): Promise<WeekAggregates>;
  /** Per metric, each pooled community's part of the pool: its people, and those in no other pooled community. */
  poolBreakdown(input: {
    workspaceId: number;
    from: Date;
    to: Date;
    pooledIds: readonly number[];
  }): Promise<PoolBreakdown>;
  /** Per metric, the distinct people behind activity outside the communities given for it. */
  unshownPeople(input: {
    workspaceId: number;
    from: Date;
    to: Date;
    shown: Record<Metric, number[]>;
  }): Promise<Record<Metric, number>>;
  /**
   * The workspace's mentoring in the window (asks made and answered, pairs introduced and met), and
   * whether it has taken mentoring up at all by the window's end.
   */
  mentoring(input: { workspaceId: number; from: Date; to: Date }): Promise<CountedMentoring>;
  /** Sessions anyone took part in, opened in the window, across the workspace. */
  sessionsHeld(input: { workspaceId: number; from: Date; to: Date }): Promise<number>;
  /** "What's working" answers made through the form with "share with school leaders" ticked, newest first. */
  sharedHighlights(input: {
    workspaceId: number;
    from: Date;
    to: Date;
    limit: number;
  }): Promise<{ communityId: number; text: string }[]>;
  /** Every community's name by id: stored weeks keep ids only, and are named when shown. */
  names(workspaceId: number): Promise<Map<number, string>>;
  /** The smallest group a digest figure may describe (`privacy <n>`, default 3). */
  threshold(workspaceId: number): Promise<number>;
  setThreshold(workspaceId: number, threshold: number): Promise<void>;
  /** Locks the workspace's weeks until the transaction ends, so each week is counted once. */
  lockWeeks(workspaceId: number): Promise<void>;
  /** The week stored for this Monday, if it was counted already. */
  storedWeek(workspaceId: number, weekStart: string): Promise<StoredWeek | null>;
  /** Where the stored weeks either side of this Monday's end and begin, so a new week overlaps neither. */
  neighbours(workspaceId: number, weekStart: string): Promise<{ before: Date | null; after: Date | null }>;
  /** Stores a week as counted; a week stored already is kept as it is. */
  storeWeek(input: { workspaceId: number; week: StoredWeek; at: Date }): Promise<void>;
  /** Notes that this admin was sent this week (once per admin and week), with the figures sent. */
  recordSent(input: { workspaceId: number; adminMemberId: number; week: StoredWeek; at: Date }): Promise<void>;
  /** Stored weeks of the workspace that start on these Mondays, oldest first. */
  storedWeeks(input: { workspaceId: number; weekStarts: readonly string[] }): Promise<StoredWeek[]>;
  /**
   * The admin's next send, UTC, in the indexed column the tick reads (null: plan it afresh), written
   * only if the column still holds `expected`; false when it did not.
   */
  setNextDigest(memberId: number, expected: Date | null, next: Date | null): Promise<boolean>;
  /**
   * The workspace's admins (or only the one given) with their planned sends, by id, locking their
   * rows until the transaction ends.
   */
  admins(workspaceId: number, only?: number): Promise<(AdminToPlan & { next: Date | null })[]>;
  /** Admins with no send planned yet (new admins, or after the digest time changed). */
  unplanned(limit: number): Promise<AdminToPlan[]>;
  /** Admins whose send has come, one indexed range. */
  due(now: Date, limit: number): Promise<(AdminToPlan & { slot: Date })[]>;
}
