import type {
  AnswerSource,
  Checkin,
  CheckinPhase,
  Community,
  Member,
  Platform,
  PromptPost,
  Reflection,
  Session,
  SessionPhase,
  Workspace,
} from './model.js';
import type { Goal, GoalDraft, GoalStatus } from './goals/goal.js';
import type { Closure, NudgePrefs } from './nudges/schedule.js';
import type { MemberData } from './export/member-data.js';
import type { SessionSchedule } from './schedules/schedule.js';
import type { Prompt, PromptTheme } from './prompts/library.js';
import type { CountedMentoring, Metric, PoolBreakdown, StoredWeek, WeekAggregates } from './digest/figures.js';
import type { NewOutboxItem, OutboxItem } from './outbox.js';
import type { AwayStatus, StoredAway } from './away.js';
import type { AskRepo, MentorRepo, RotationRepo } from './mentoring/ports.js';
import type { PairingRepo } from './pairing/ports.js';
import type { VisitRepo } from './visits/ports.js';
import type { SuggestionRepo } from './mentoring/suggestion.js';
import type { ProtocolRepo } from './protocols/protocol.js';

// Repository ports: what the core needs from storage, in its own terms. src/db implements them;
// uniqueness and races are settled by the database (unique indexes, compare-and-set updates), so each
// method says what it returns when it loses a race.
//
// Planned times (next_step_at and the like) are written two ways. A person's change re-plans inside
// its own transaction, after reading the row with `plan`/`nudgePlan`/`admins`, which lock it until the
// transaction ends. The planner writes with compare-and-set on the value it read (`expected`): it
// loses, and writes nothing, when a person moved the plan in the meantime.

export interface WorkspaceRepo {
  /** Finds or creates the workspace; a zone given here is kept only if none is set yet. */
  ensure(input: { platform: Platform; externalId: string; name?: string }): Promise<Workspace>;
  /** True when the zone was unset and is now this one. */
  setTimeZoneIfUnset(workspaceId: number, timeZone: string): Promise<boolean>;
  setTimeZone(workspaceId: number, timeZone: string): Promise<void>;
  /** How many months texts are kept (1..120). */
  setRetention(workspaceId: number, months: number): Promise<void>;
  retentionMonths(workspaceId: number): Promise<number>;
  byId(workspaceId: number): Promise<Workspace | null>;
}

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
  forget(input: { memberId: number; workspaceId: number; externalId: string; platform: Platform; at: Date }): Promise<'forgotten' | 'last-admin' | { lastFacilitatorOf: string[] }>;
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
  revokeAdmin(workspaceId: number, memberId: number): Promise<'revoked' | 'not-admin' | 'platform-admin' | 'last-admin'>;
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
  dueForNudge(now: Date, limit: number): Promise<{ member: Member; prefs: NudgePrefs; slot: Date; workspace: Workspace }[]>;
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
  findByPlatformIds(platform: Platform, workspace: string, user: string): Promise<{ member: Member; workspace: Workspace } | null>;
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

export interface CommunityRepo {
  findByChannel(workspaceId: number, channelId: string): Promise<Community | null>;
  /**
   * Null when the channel became a community in the meantime. `at`: when it was set up, the
   * interaction's time (the database's clock when not given).
   */
  create(input: { workspaceId: number; channelId: string; name: string; timeZone: string; createdBy: number; at?: Date }): Promise<Community | null>;
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
  dueForMidweek(now: Date, limit: number): Promise<{ community: Community; slot: { day: number; minute: number }; at: Date; workspace: Workspace }[]>;
  /** Communities whose next scheduled step is due, with their schedule and workspace. */
  dueForSteps(now: Date, limit: number): Promise<{ community: Community; schedule: SessionSchedule; stepAt: Date; workspace: Workspace }[]>;
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

export interface SessionRepo {
  findOpen(communityId: number): Promise<Session | null>;
  /** The session whose message roots this thread, scoped to one workspace. */
  findByThread(workspaceId: number, channelId: string, rootMessageId: string): Promise<Session | null>;
  /** A session of this workspace by id (ids from buttons are checked against the workspace). */
  find(workspaceId: number, sessionId: number): Promise<Session | null>;
  /** Null when the community already has an open session (or one for that scheduled time). */
  open(input: { communityId: number; channelId: string; topic: string | null; openedBy: number | null; at: Date; scheduledFor?: Date }): Promise<Session | null>;
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

/** What storing an answer did: a first one, one more beside the person's earlier ones, or an edit of one. */
export type AnswerSaved = 'created' | 'added' | 'edited';

export interface CheckinRepo {
  /**
   * Adds a check-in: a person may give several in one phase, and all are kept. The same platform
   * message again changes the check-in it made ('edited'); 'added' says the person had one already.
   */
  save(input: {
    sessionId: number;
    memberId: number;
    phase: CheckinPhase;
    text: string;
    sharedWithLeaders: boolean;
    source: AnswerSource;
    messageId?: string;
    at: Date;
  }): Promise<AnswerSaved>;
  /** Oldest first. */
  listForSession(sessionId: number): Promise<Checkin[]>;
  /** The member's latest check-ins with a text, newest first. */
  recentForMember(memberId: number, limit: number): Promise<{ communityName: string; phase: CheckinPhase; text: string; at: Date }[]>;
  /** The member's answer that came from this platform message gets the new text; false if none did. */
  editByMessage(input: { sessionId: number; memberId: number; messageId: string; text: string; at: Date }): Promise<boolean>;
  /** Removes the member's answer that came from this platform message; false if none did. */
  removeByMessage(input: { sessionId: number; memberId: number; messageId: string }): Promise<boolean>;
}

/** A prompt taken out of a community's draw; `by` is null for retirements made before it was kept. */
export interface PromptRetirement {
  id: number;
  communityId: number;
  promptKey: string;
  by: number | null;
  at: Date;
}

export interface PromptRepo {
  listCustom(communityId: number): Promise<Prompt[]>;
  retiredKeys(communityId: number): Promise<Set<string>>;
  /** Keys of the prompts posted to this community, oldest first. */
  history(communityId: number): Promise<string[]>;
  recordPost(input: { communityId: number; sessionId: number | null; prompt: Prompt; channelId: string; at: Date }): Promise<PromptPost>;
  setPostMessage(postId: number, messageId: string): Promise<void>;
  latestForSession(sessionId: number): Promise<PromptPost | null>;
  /** The prompts posted in a session, oldest first. */
  postsForSession(sessionId: number): Promise<PromptPost[]>;
  addCustom(input: { communityId: number; theme: PromptTheme; text: string; createdBy: number }): Promise<Prompt>;
  /**
   * Each prompt's number in this community, fixed for life. The keys given that have none yet take
   * the next free numbers, in the order given, under a lock on the community; call inside a transaction.
   */
  numbered(communityId: number, keys: readonly string[]): Promise<Map<string, number>>;
  /** Null when the prompt is retired here already. */
  retire(input: { communityId: number; promptKey: string; by: number; at: Date }): Promise<PromptRetirement | null>;
  /** Brings a retired prompt back; false when it was not retired (or, with `retirementId`, not by that retirement). */
  restore(input: { communityId: number; promptKey: string; retirementId?: number }): Promise<boolean>;
  /** A retirement by its id, the one an Undo button names. */
  findRetirement(retirementId: number): Promise<PromptRetirement | null>;
  /** The latest retirement this member made at or after `since`, in any community. */
  latestRetirementBy(memberId: number, since: Date): Promise<PromptRetirement | null>;
  /** A prompt posted outside a session, found by the message that roots its thread. */
  postByMessage(communityId: number, messageId: string): Promise<PromptPost | null>;
  /** A recorded post by its id, for the outbox item that posts it. */
  findPost(postId: number): Promise<PromptPost | null>;
}

export interface ReflectionRepo {
  /** Adds a reflection on a prompt post; the same platform message again changes it. As `CheckinRepo.save`. */
  add(input: { promptPostId: number; memberId: number; text: string; source: AnswerSource; messageId?: string; at: Date }): Promise<AnswerSaved>;
  listForSession(sessionId: number): Promise<Reflection[]>;
  /** Reflections on prompts posted to the channel between sessions, in the window given. */
  countBetweenSessions(communityId: number, after: Date | null, before: Date): Promise<number>;
  /**
   * The member's reflection that came from this platform message gets the new text; false if none did.
   * `on` is the session whose prompts it answers, or the one prompt posted between sessions.
   */
  editByMessage(input: { on: ReflectionScope; memberId: number; messageId: string; text: string; at: Date }): Promise<boolean>;
  removeByMessage(input: { on: ReflectionScope; memberId: number; messageId: string }): Promise<boolean>;
}

export type ReflectionScope = { sessionId: number } | { promptPostId: number };

export interface GoalRepo {
  countActive(memberId: number): Promise<number>;
  /** Active goals by their numbers. */
  listActive(memberId: number): Promise<Goal[]>;
  /** The member's goal with this number, whatever its status; null when they never had one. */
  findNumbered(memberId: number, number: number): Promise<Goal | null>;
  /** Goals that ended, newest first. */
  listEnded(memberId: number, limit: number): Promise<Goal[]>;
  create(input: {
    workspaceId: number;
    memberId: number;
    communityId: number | null;
    draft: GoalDraft;
    target: number | null;
    unit: string | null;
    reworksGoalId: number | null;
    at: Date;
  }): Promise<Goal>;
  /**
   * Creates the goal only while the member has fewer than `cap` active goals; null when they have
   * `cap` already. Decided under a lock on the member, so saves at once cannot pass the cap; call it
   * inside a transaction.
   */
  createWithinCap(input: Parameters<GoalRepo['create']>[0], cap: number): Promise<Goal | null>;
  addUpdate(input: { goalId: number; value: number; note: string | null; at: Date }): Promise<void>;
  /**
   * Makes active again a goal of this member that they marked achieved or set aside at or after
   * `since`: the one named, or the one they ended last. Decided under a lock on the member, as a new
   * goal is, so it cannot pass the cap ('too-many'); null when there is no such goal.
   */
  reopen(input: { memberId: number; goalId?: number; since: Date; cap: number }): Promise<Goal | 'too-many' | null>;
  /** Ends an active goal of this member; false when it was not active any more. */
  end(input: { goalId: number; memberId: number; status: Exclude<GoalStatus, 'active'>; at: Date }): Promise<boolean>;
  snooze(input: { goalIds: number[]; memberId: number; until: Date }): Promise<void>;
  /** A nudge went out about these goals: one more unanswered each. */
  markNudged(input: { goalIds: number[]; at: Date }): Promise<void>;
  /** The teacher answered: their goals start counting unanswered nudges afresh. */
  markAnswered(memberId: number): Promise<void>;
}

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

/** The nonces of buttons and forms people used: a press acts once, however often it is sent. */
export interface PressRepo {
  /**
   * True the first time this member uses this nonce, and for the event that used it when that event is
   * handled again (a replay after a failure); false for any other use.
   */
  claim(memberId: number, nonce: string, at: Date, eventId?: string): Promise<boolean>;
  /** Gives a nonce back after its press changed nothing (refused, or failed), so it may be pressed again. */
  release(memberId: number, nonce: string): Promise<void>;
}

/** A break or holiday as `calendar` lists it: `number` is the entry's for life, never reused. */
export type CalendarEntry = Closure & { number: number; label: string };

export interface CalendarRepo {
  /** The workspace's breaks and holidays, in its own calendar dates. */
  closures(workspaceId: number): Promise<Closure[]>;
  /** Returns the number the new entry was given: the workspace's next, never one used before. */
  add(input: { workspaceId: number; from: string; to: string; label: string; createdBy: number }): Promise<number>;
  /** Breaks and holidays that end on or after `from`, soonest first. */
  upcoming(workspaceId: number, from: string): Promise<CalendarEntry[]>;
  /** The entries that cover `date` (from <= date <= to), by number. */
  covering(workspaceId: number, date: string): Promise<CalendarEntry[]>;
  /** Removes the entry with this number; null when there is none. */
  remove(workspaceId: number, number: number): Promise<CalendarEntry | null>;
}

/**
 * The outbox as the core writes to it: messages are written in the transaction of the change they
 * belong to, then sent at once by the process that made the change, or later by the delivery loop.
 */
export interface OutboxPort {
  /** Writes new items; one whose key is already there is skipped. Returns how many were new. */
  enqueue(items: readonly NewOutboxItem[]): Promise<number>;
  /**
   * Leases the items with these keys to this process, to send now, in the order they were written;
   * items already sent, failed, or leased by another process are left out.
   */
  claimNow(keys: readonly string[], now: Date): Promise<OutboxItem[]>;
  /**
   * Takes the lease on a claimed item afresh, just before its send; false when it ran out and may be
   * another process's now, so the send must not be made.
   */
  renew(id: number, now: Date): Promise<boolean>;
  /** Records a send; false when this process no longer held the item. */
  markSent(id: number, at: Date): Promise<boolean>;
  /** Hands an item back to the delivery loop, due at `at` (a failed send, or one not tried). */
  handBack(id: number, at: Date, error?: string): Promise<void>;
  /** Where the item with this key stands; null when there is none. */
  state(key: string): Promise<'waiting' | 'sent' | 'failed' | null>;
}

export interface ReceiptRepo {
  /**
   * True the first time a platform event id is seen; false for a retry. `payload` keeps what is
   * needed to handle the event again if this process stops before it is handled.
   */
  claim(platform: Platform, eventId: string, at: Date, payload?: unknown): Promise<boolean>;
  /**
   * Settles an event, once: handled, or failed (the person was asked to try again). False when it was
   * settled already (another process handled it first).
   */
  settle(platform: Platform, eventId: string, outcome: 'handled' | 'failed', at: Date): Promise<boolean>;
  /** Events stored but never settled (their process stopped, or could not reach the database), received in the window given. */
  unhandled(input: { receivedAfter: Date; receivedBefore: Date; limit: number }): Promise<{ platform: Platform; eventId: string }[]>;
  /** A stored event and whether it was handled since. */
  find(platform: Platform, eventId: string): Promise<{ payload: unknown; settled: boolean } | null>;
}

export interface RetentionResult {
  checkins: number;
  reflections: number;
  goals: number;
  goalUpdates: number;
  /** Asks whose words (what, when it suits, the follow-up) were removed. */
  asks: number;
  /** Classroom visits whose focus, notes and reflection were removed. */
  visits: number;
}

export interface DataRightsRepo {
  /** Everything kept of the member, for `export`. */
  memberData(memberId: number): Promise<MemberData>;
  /**
   * Removes the words of check-ins, reflections, goals, progress notes and asks older than each
   * workspace's retention period; the rows stay, so every count stays. Returns what was cleared.
   */
  applyRetention(now: Date): Promise<RetentionResult>;
  /** Deletes, whole, the workspaces uninstalled for longer than the grace period; returns how many. */
  purgeUninstalled(now: Date): Promise<number>;
  /**
   * Drops the words stored with platform events settled, or received, before `before` (their ids stay
   * for retries), and those of answers repeated in a session thread, once posted.
   */
  pruneEventPayloads(before: Date): Promise<number>;
  /** Deletes event receipts received, and outbox items sent or given up on, before `before`; returns how many of each. */
  deleteOldDeliveries(before: Date): Promise<{ receipts: number; outbox: number }>;
  /** Deletes exports kept for a link (Teams) once their link has expired; returns how many. */
  deleteExpiredExports(now: Date): Promise<number>;
  /** Who did what to which data, never with content. */
  audit(input: { workspaceId: number; actorMemberId: number | null; action: string; subject?: string; at: Date }): Promise<void>;
}

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
  communities(workspaceId: number, input: { minMembers: number; heldFrom: Date; heldTo: Date }): Promise<{ communities: DigestCommunity[]; pooledMembers: number }>;
  /** The week's figures per community, for the pooled communities together, and for the workspace. */
  aggregates(input: { workspaceId: number; from: Date; to: Date; expected: readonly ExpectedSession[]; pooledIds: readonly number[] }): Promise<WeekAggregates>;
  /** Per metric, each pooled community's part of the pool: its people, and those in no other pooled community. */
  poolBreakdown(input: { workspaceId: number; from: Date; to: Date; pooledIds: readonly number[] }): Promise<PoolBreakdown>;
  /** Per metric, the distinct people behind activity outside the communities given for it. */
  unshownPeople(input: { workspaceId: number; from: Date; to: Date; shown: Record<Metric, number[]> }): Promise<Record<Metric, number>>;
  /**
   * The workspace's mentoring in the window (asks made and answered, pairs introduced and met), and
   * whether it has taken mentoring up at all by the window's end.
   */
  mentoring(input: { workspaceId: number; from: Date; to: Date }): Promise<CountedMentoring>;
  /** Sessions anyone took part in, opened in the window, across the workspace. */
  sessionsHeld(input: { workspaceId: number; from: Date; to: Date }): Promise<number>;
  /** "What's working" answers made through the form with "share with school leaders" ticked, newest first. */
  sharedHighlights(input: { workspaceId: number; from: Date; to: Date; limit: number }): Promise<{ communityId: number; text: string }[]>;
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

export interface Repositories {
  workspaces: WorkspaceRepo;
  members: MemberRepo;
  communities: CommunityRepo;
  sessions: SessionRepo;
  checkins: CheckinRepo;
  prompts: PromptRepo;
  reflections: ReflectionRepo;
  goals: GoalRepo;
  calendar: CalendarRepo;
  receipts: ReceiptRepo;
  dataRights: DataRightsRepo;
  digests: DigestRepo;
  outbox: OutboxPort;
  channelMembers: ChannelMemberRepo;
  presses: PressRepo;
  mentors: MentorRepo;
  asks: AskRepo;
  pairing: PairingRepo;
  suggestions: SuggestionRepo;
  protocols: ProtocolRepo;
  rotation: RotationRepo;
  visits: VisitRepo;
}

export interface Store extends Repositories {
  /** Runs `work` in one transaction: all of it is stored, or none. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

/** The subset of pino the core uses, so the core does not depend on a logging library. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}
