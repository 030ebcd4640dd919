import { MemoryProtocols } from './memory-protocols.js';
import type { StoredAway } from '../../src/core/away.js';
import type { Checkin, Community, Member, PromptPost, Reflection, Session, Workspace } from '../../src/core/model.js';
import type { PromptRetirement } from '../../src/core/ports/prompts.js';
import type { Repositories, Store } from '../../src/core/ports/store.js';
import type { Goal } from '../../src/core/goals/goal.js';
import { DEFAULT_PREFS, type NudgePrefs } from '../../src/core/nudges/schedule.js';
import type { SessionSchedule } from '../../src/core/schedules/schedule.js';
import type { Prompt } from '../../src/core/prompts/library.js';
import type { StoredWeek } from '../../src/core/digest/figures.js';
import { DEFAULT_DIGEST_TIME } from '../../src/core/digest/week.js';
import { DEFAULT_THRESHOLD } from '../../src/core/digest/privacy.js';
import type { OutboxItem } from '../../src/core/outbox.js';
import { MemoryMentoring } from './memory-mentoring.js';
import { MemoryPairing } from './memory-pairing.js';
import { MemoryRotation } from './memory-rotation.js';
import { MemoryVisits } from './memory-visits.js';

// An in-memory fake of the storage ports for fast core tests. It keeps the same promises the database
// keeps (one open session per community, one check-in per member, session and phase, compare-and-set
// phases, compare-and-set planned times, one receipt per event, one outbox item per key), so a use
// case that relies on them behaves the same here.

const sameTime = (a: Date | null | undefined, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

interface StoredCheckin extends Checkin {
  sessionId: number;
  messageId?: string;
}
interface StoredReflection extends Reflection {
  promptPostId: number;
  messageId?: string;
}

export class MemoryStore implements Store {
  readonly data = {
    workspaces: [] as Workspace[],
    members: [] as Member[],
    communities: [] as Community[],
    memberships: [] as { communityId: number; memberId: number; isFacilitator: boolean }[],
    sessions: [] as Session[],
    checkins: [] as StoredCheckin[],
    customPrompts: [] as (Prompt & { communityId: number })[],
    retired: [] as { id: number; communityId: number; key: string; by: number | null; at: Date }[],
    promptNumbers: [] as { communityId: number; key: string; number: number }[],
    posts: [] as PromptPost[],
    postMessages: new Map<number, string>(),
    reflections: [] as StoredReflection[],
    receipts: new Set<string>(),
    handled: new Set<string>(),
    goals: [] as Goal[],
    goalUpdates: [] as { goalId: number; value: number }[],
    nudgePrefs: new Map<number, NudgePrefs>(),
    platformAdmins: new Set<number>(),
    grantedAdmins: new Set<number>(),
    forgotten: 0,
    retention: new Map<number, number>(),
    audit: [] as string[],
    nextNudge: new Map<number, Date | null>(),
    away: new Map<number, StoredAway>(),
    changedAt: new Map<number, Date>(),
    closures: [] as { workspaceId: number; number: number; from: string; to: string; label: string }[],
    /** The last calendar number given per workspace: numbers are never reused. */
    calendarNumbers: new Map<number, number>(),
    schedules: new Map<number, { schedule: SessionSchedule; next: Date | null }>(),
    midweek: new Map<number, { slot: { day: number; minute: number } | null; nextAt: Date | null }>(),
    digestTimes: new Map<number, { day: number; minute: number }>(),
    nextDigest: new Map<number, Date | null>(),
    digestsSent: [] as { workspaceId: number; adminMemberId: number; week: StoredWeek }[],
    digestWeeks: [] as { workspaceId: number; week: StoredWeek }[],
    thresholds: new Map<number, number>(),
    outbox: [] as (OutboxItem & { state: 'waiting' | 'sent' | 'failed'; claimed: boolean })[],
    channelMembers: new Map<string, { present: boolean; at: Date }>(),
    presses: new Map<string, string | undefined>(),
  };
  private nextId = 1;
  private readonly id = () => this.nextId++;
  /** Mentors, asks and offers (test/helpers/memory-mentoring.ts). */
  readonly mentoring = new MemoryMentoring(this.id, (memberId) => this.memberName(memberId));
  mentors: Repositories['mentors'] = this.mentoring.mentors;
  asks: Repositories['asks'] = this.mentoring.asks;
  /** Pairing rounds (test/helpers/memory-pairing.ts). */
  readonly pairs = new MemoryPairing({
    nextId: this.id,
    memberIds: (communityId) => this.data.memberships.filter((m) => m.communityId === communityId).map((m) => m.memberId),
    community: (communityId) => this.data.communities.find((c) => c.id === communityId),
    workspace: (workspaceId) => this.data.workspaces.find((w) => w.id === workspaceId),
    memberExists: (memberId) => this.data.members.some((m) => m.id === memberId),
  });
  pairing: Repositories['pairing'] = this.pairs.repo;
  /** Mentor terms and next term's mentors (test/helpers/memory-rotation.ts). */
  readonly rotations = new MemoryRotation({
    workspaces: () => this.data.workspaces,
    mentors: () => this.mentoring.data.mentors,
    asks: () => this.mentoring.data.asks,
    memberName: (memberId) => this.memberName(memberId),
  });
  rotation: Repositories['rotation'] = this.rotations.repo;
  /** Classroom visits (test/helpers/memory-visits.ts). */
  readonly classroomVisits = new MemoryVisits(this.id);
  visits: Repositories['visits'] = this.classroomVisits.repo;
  /** Protocol sessions' runs and replies (test/helpers/memory-protocols.ts). */
  readonly protocolData = new MemoryProtocols({ nextId: this.id, memberName: (memberId) => this.data.members.find((m) => m.id === memberId)?.name });
  protocols: Repositories['protocols'] = this.protocolData.repo;
  /** Suggestions to leaders, as the database keeps them. */
  readonly suggested: { id: number; workspaceId: number; memberId: number; text: string; named: boolean; at: Date }[] = [];
  suggestions: Repositories['suggestions'] = {
    add: async ({ workspaceId, memberId, text, at }) => {
      const id = this.id();
      this.suggested.push({ id, workspaceId, memberId, text, named: false, at });
      return id;
    },
    name: async (suggestionId, memberId) => {
      const found = this.suggested.find((s) => s.id === suggestionId && s.memberId === memberId);
      if (found) found.named = true;
      return found !== undefined;
    },
    between: async ({ workspaceId, from, to, limit }) => {
      const all = this.suggested.filter((s) => s.workspaceId === workspaceId && s.at >= from && s.at < to && this.data.members.some((m) => m.id === s.memberId));
      return { shown: all.slice(0, limit).map((s) => ({ text: s.text, by: s.named ? this.memberName(s.memberId) : null })), total: all.length };
    },
  };

  private memberName(memberId: number): string {
    return this.data.members.find((m) => m.id === memberId)?.name ?? '';
  }

  workspaces: Repositories['workspaces'] = {
    ensure: async ({ platform, externalId, name }) => {
      let found = this.data.workspaces.find((w) => w.platform === platform && w.externalId === externalId);
      if (!found) {
        found = { id: this.id(), platform, externalId, name: name ?? null, timeZone: null };
        this.data.workspaces.push(found);
      }
      return { ...found };
    },
    byId: async (workspaceId) => this.data.workspaces.find((w) => w.id === workspaceId) ?? null,
    setTimeZone: async (workspaceId, timeZone) => {
      const found = this.data.workspaces.find((w) => w.id === workspaceId);
      if (found) found.timeZone = timeZone;
    },
    setTimeZoneIfUnset: async (workspaceId, timeZone) => {
      const found = this.data.workspaces.find((w) => w.id === workspaceId);
      if (!found || found.timeZone) return false;
      found.timeZone = timeZone;
      return true;
    },
    setRetention: async (workspaceId, months) => void this.data.retention.set(workspaceId, months),
    retentionMonths: async (workspaceId) => this.data.retention.get(workspaceId) ?? 24,
  };

  members: Repositories['members'] = {
    ensure: async (workspaceId, { externalId, name, timeZone }) => {
      let found = this.data.members.find((m) => m.workspaceId === workspaceId && m.externalId === externalId);
      if (!found) {
        found = { id: this.id(), workspaceId, externalId, name, timeZone: timeZone ?? null, isAdmin: false };
        this.data.members.push(found);
      } else {
        found.name = name;
      }
      return { ...found };
    },
    setTimeZone: async (memberId, timeZone, chosen) => {
      const found = this.data.members.find((m) => m.id === memberId);
      if (found) found.timeZone = timeZone;
      if (found && chosen) found.timeZoneChosen = true;
    },
    find: async (workspaceId, externalId) => {
      const found = this.data.members.find((m) => m.workspaceId === workspaceId && m.externalId === externalId);
      return found ? { ...found } : null;
    },
    names: async (memberIds) => new Map(this.data.members.filter((m) => memberIds.includes(m.id)).map((m) => [m.id, m.name])),
    claimFirstAdmin: async (workspaceId, memberId) => {
      if (this.data.members.some((m) => m.workspaceId === workspaceId && m.isAdmin)) return false;
      const found = this.data.members.find((m) => m.id === memberId);
      if (!found) return false;
      found.isAdmin = true;
      this.data.grantedAdmins.add(memberId);
      this.data.nextDigest.set(memberId, null);
      return true;
    },
    grantAdmin: async (memberId) => {
      const found = this.data.members.find((m) => m.id === memberId);
      if (found && !found.isAdmin) this.data.nextDigest.set(memberId, null);
      if (found) found.isAdmin = true;
      this.data.grantedAdmins.add(memberId);
    },
    revokeAdmin: async (workspaceId, memberId) => {
      const found = this.data.members.find((m) => m.id === memberId);
      if (!found?.isAdmin) return 'not-admin';
      if (this.data.platformAdmins.has(memberId)) return 'platform-admin';
      if (this.data.members.filter((m) => m.workspaceId === workspaceId && m.isAdmin).length <= 1) return 'last-admin';
      found.isAdmin = false;
      this.data.grantedAdmins.delete(memberId);
      this.data.nextDigest.set(memberId, null);
      return 'revoked';
    },
    forget: async ({ memberId, workspaceId }) => {
      const member = this.data.members.find((m) => m.id === memberId);
      const alone = this.data.memberships
        .filter((m) => m.memberId === memberId && m.isFacilitator)
        .filter((mine) => {
          const others = this.data.memberships.filter((m) => m.communityId === mine.communityId && m.memberId !== memberId);
          return others.length > 0 && !others.some((m) => m.isFacilitator);
        })
        .map((mine) => this.data.communities.find((c) => c.id === mine.communityId)?.name ?? '');
      if (alone.length) return { lastFacilitatorOf: alone.sort() };
      if (member?.isAdmin && this.data.members.filter((m) => m.workspaceId === workspaceId && m.isAdmin).length <= 1) return 'last-admin';
      this.data.members = this.data.members.filter((m) => m.id !== memberId);
      this.data.checkins = this.data.checkins.filter((c) => c.memberId !== memberId);
      this.data.reflections = this.data.reflections.filter((r) => r.memberId !== memberId);
      this.data.goals = this.data.goals.filter((g) => g.memberId !== memberId);
      this.data.memberships = this.data.memberships.filter((m) => m.memberId !== memberId);
      this.mentoring.forget(memberId);
      this.pairs.forget(memberId);
      this.rotations.forget(memberId);
      this.classroomVisits.forgetMember(memberId);
      this.suggested.splice(0, this.suggested.length, ...this.suggested.filter((s) => s.memberId !== memberId));
      this.protocolData.forget(memberId);
      this.data.forgotten++;
      return 'forgotten';
    },
    syncPlatformAdmin: async (memberId, isPlatformAdmin) => {
      const found = this.data.members.find((m) => m.id === memberId);
      if (!found || this.data.platformAdmins.has(memberId) === isPlatformAdmin) return null;
      if (isPlatformAdmin) this.data.platformAdmins.add(memberId);
      else this.data.platformAdmins.delete(memberId);
      found.isAdmin = isPlatformAdmin || this.data.grantedAdmins.has(memberId);
      return found.isAdmin;
    },
    isPlatformAdmin: async (memberId) => this.data.platformAdmins.has(memberId),
    nudgePrefs: async (memberId) => this.data.nudgePrefs.get(memberId) ?? { ...DEFAULT_PREFS },
    setNudgePrefs: async (memberId, prefs) => void this.data.nudgePrefs.set(memberId, prefs),
    nudgePlan: async (memberId) =>
      this.data.members.some((m) => m.id === memberId)
        ? { prefs: this.data.nudgePrefs.get(memberId) ?? { ...DEFAULT_PREFS }, next: this.data.nextNudge.get(memberId) ?? null }
        : null,
    setNextNudge: async (memberId, expected, next) => {
      if (!sameTime(this.data.nextNudge.get(memberId), expected)) return false;
      this.data.nextNudge.set(memberId, next);
      return true;
    },
    dueForNudge: async () => [],
    dueSlotCounts: async () => [],
    withNudgePlanned: async (workspaceId) =>
      this.data.members.filter((m) => m.workspaceId === workspaceId && this.data.nextNudge.get(m.id)).map((m) => ({ ...m })),
    withWorkspace: async (memberId) => {
      const member = this.data.members.find((m) => m.id === memberId);
      const workspace = this.data.workspaces.find((w) => w.id === member?.workspaceId);
      return member && workspace ? { member: { ...member }, workspace } : null;
    },
    findByPlatformIds: async (platform, workspaceId, user) => {
      const workspace = this.data.workspaces.find((w) => w.platform === platform && w.externalId === workspaceId);
      const member = this.data.members.find((m) => m.workspaceId === workspace?.id && m.externalId === user);
      return member && workspace ? { member: { ...member }, workspace } : null;
    },
    awayStatus: async (memberId) => this.data.away.get(memberId) ?? null,
    recordAway: async (memberId, status, at, changedAt) => {
      const kept = this.data.changedAt.get(memberId);
      if (changedAt && kept && kept > changedAt) return false;
      if (changedAt) this.data.changedAt.set(memberId, changedAt);
      this.data.away.set(memberId, { status, at });
      return true;
    },
    rename: async (memberId, name) => {
      const found = this.data.members.find((m) => m.id === memberId);
      if (found) found.name = name;
    },
  };

  communities: Repositories['communities'] = {
    findByChannel: async (workspaceId, channelId) =>
      this.data.communities.find((c) => c.workspaceId === workspaceId && c.channelId === channelId) ?? null,
    create: async ({ workspaceId, channelId, name, timeZone }) => {
      if (this.data.communities.some((c) => c.workspaceId === workspaceId && c.channelId === channelId)) return null;
      const community = { id: this.id(), workspaceId, channelId, name, timeZone };
      this.data.communities.push(community);
      return community;
    },
    join: async (communityId, memberId) => {
      if (!this.data.memberships.some((m) => m.communityId === communityId && m.memberId === memberId)) {
        this.data.memberships.push({ communityId, memberId, isFacilitator: false });
      }
    },
    leave: async (communityId, memberId) => {
      this.data.memberships = this.data.memberships.filter((m) => !(m.communityId === communityId && m.memberId === memberId));
      this.pairs.left(communityId, memberId);
    },
    setFacilitator: async (communityId, memberId, isFacilitator) => {
      await this.communities.join(communityId, memberId);
      const found = this.data.memberships.find((m) => m.communityId === communityId && m.memberId === memberId);
      if (found) found.isFacilitator = isFacilitator;
    },
    isFacilitator: async (communityId, memberId) =>
      this.data.memberships.some((m) => m.communityId === communityId && m.memberId === memberId && m.isFacilitator),
    setTimeZone: async (communityId, timeZone) => {
      const found = this.data.communities.find((c) => c.id === communityId);
      if (found) found.timeZone = timeZone;
    },
    rename: async (communityId, name) => {
      const found = this.data.communities.find((c) => c.id === communityId);
      if (found) found.name = name;
    },
    schedule: async (communityId) => this.data.schedules.get(communityId)?.schedule ?? null,
    setSchedule: async (communityId, schedule, nextStepAt) => {
      if (schedule) this.data.schedules.set(communityId, { schedule, next: nextStepAt });
      else this.data.schedules.delete(communityId);
    },
    setNextStep: async (communityId, expected, next) => {
      const found = this.data.schedules.get(communityId);
      if (!sameTime(found?.next, expected)) return false;
      if (found) found.next = next;
      return true;
    },
    setNextMidweek: async (communityId, expected, next) => {
      const found = this.data.midweek.get(communityId);
      if (!sameTime(found?.nextAt, expected)) return false;
      if (found) found.nextAt = next;
      return true;
    },
    settings: async (communityId) => this.communities.plan(communityId),
    plan: async (communityId) => {
      const community = this.data.communities.find((c) => c.id === communityId);
      if (!community) return null;
      const steps = this.data.schedules.get(communityId);
      const midweek = this.data.midweek.get(communityId);
      return { community: { ...community }, schedule: steps?.schedule ?? null, nextStepAt: steps?.next ?? null, midweek: midweek?.slot ?? null, nextMidweekAt: midweek?.nextAt ?? null };
    },
    inWorkspace: async (workspaceId) => this.data.communities.filter((c) => c.workspaceId === workspaceId).map((c) => ({ ...c })),
    dueForSteps: async () => [],
    setReminder: async (communityId, remind) => {
      const found = this.data.schedules.get(communityId);
      if (found) found.schedule = { ...found.schedule, remind };
    },
    setMidweek: async (communityId, slot, nextAt) => void this.data.midweek.set(communityId, { slot, nextAt }),
    dueForMidweek: async () => [],
    facilitators: async (communityId) =>
      this.data.memberships
        .filter((m) => m.communityId === communityId && m.isFacilitator)
        .flatMap((m) => this.data.members.filter((member) => member.id === m.memberId).map((member) => ({ ...member })))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id),
    countFacilitators: async (communityId) => this.data.memberships.filter((m) => m.communityId === communityId && m.isFacilitator).length,
    removeFacilitator: async (communityId, memberId) => {
      const facilitators = this.data.memberships.filter((m) => m.communityId === communityId && m.isFacilitator);
      const found = facilitators.find((m) => m.memberId === memberId);
      if (!found) return 'not-facilitator';
      if (facilitators.length <= 1) return 'last';
      found.isFacilitator = false;
      return 'removed';
    },
    isMember: async (communityId, memberId) => this.data.memberships.some((m) => m.communityId === communityId && m.memberId === memberId),
    find: async (workspaceId, communityId) => this.data.communities.find((c) => c.workspaceId === workspaceId && c.id === communityId) ?? null,
    findById: async (communityId) => this.data.communities.find((c) => c.id === communityId) ?? null,
    listForMember: async (memberId) =>
      this.data.memberships
        .filter((m) => m.memberId === memberId)
        .flatMap((m) => {
          const community = this.data.communities.find((c) => c.id === m.communityId);
          return community ? [{ community, isFacilitator: m.isFacilitator }] : [];
        })
        .sort((a, b) => a.community.name.localeCompare(b.community.name)),
  };

  sessions: Repositories['sessions'] = {
    findOpen: async (communityId) => this.copy(this.data.sessions.find((s) => s.communityId === communityId && !s.closedAt)),
    findByThread: async (workspaceId, channelId, rootMessageId) =>
      this.copy(
        this.data.sessions.find(
          (s) => s.channelId === channelId && s.rootMessageId === rootMessageId && this.inWorkspace(s, workspaceId),
        ),
      ),
    find: async (workspaceId, sessionId) =>
      this.copy(this.data.sessions.find((s) => s.id === sessionId && this.inWorkspace(s, workspaceId))),
    open: async ({ communityId, channelId, topic, at }) => {
      if (this.data.sessions.some((s) => s.communityId === communityId && !s.closedAt)) return null;
      const session: Session = { id: this.id(), communityId, phase: 'opening', topic, channelId, rootMessageId: null, openedAt: at, closedAt: null };
      this.data.sessions.push(session);
      return { ...session };
    },
    previousClosedAt: async (communityId, before) =>
      this.data.sessions
        .filter((s) => s.communityId === communityId && s.closedAt && s.openedAt < before)
        .map((s) => s.closedAt as Date)
        .sort((a, b) => b.getTime() - a.getTime())[0] ?? null,
    openedBetween: async (communityId, from, to) => this.data.sessions.some((s) => s.communityId === communityId && s.openedAt >= from && s.openedAt <= to),
    openedBefore: async (before, limit) =>
      this.data.sessions
        .filter((s) => !s.closedAt && s.openedAt < before)
        .slice(0, limit)
        .map((s) => ({ ...s })),
    withPlace: async (sessionId) => {
      const session = this.data.sessions.find((s) => s.id === sessionId);
      const community = this.data.communities.find((c) => c.id === session?.communityId);
      const workspace = this.data.workspaces.find((w) => w.id === community?.workspaceId);
      return session && community && workspace ? { session: { ...session }, community, workspace } : null;
    },
    setRootMessage: async (sessionId, messageId) => {
      const found = this.data.sessions.find((s) => s.id === sessionId);
      if (found) found.rootMessageId = messageId;
    },
    movePhase: async (sessionId, from, to, at) => {
      const found = this.data.sessions.find((s) => s.id === sessionId);
      if (!found || found.phase !== from) return false;
      found.phase = to;
      found.closedAt = to === 'closed' ? at : null;
      return true;
    },
  };

  checkins: Repositories['checkins'] = {
    save: async ({ sessionId, memberId, phase, text, sharedWithLeaders, messageId }) => {
      const same = messageId ? this.data.checkins.find((c) => c.sessionId === sessionId && c.messageId === messageId) : undefined;
      if (same) {
        same.text = text;
        return 'edited';
      }
      const earlier = this.data.checkins.some((c) => c.sessionId === sessionId && c.memberId === memberId && c.phase === phase);
      const origin = messageId ? { messageId } : {};
      this.data.checkins.push({ sessionId, memberId, memberName: this.memberName(memberId), phase, text, sharedWithLeaders, ...origin });
      return earlier ? 'added' : 'created';
    },
    listForSession: async (sessionId) =>
      this.data.checkins
        .filter((c) => c.sessionId === sessionId)
        .map(({ sessionId: _, messageId: __, ...checkin }) => ({ ...checkin, memberName: this.memberName(checkin.memberId) })),
    recentForMember: async (memberId, limit) =>
      this.data.checkins
        .filter((c) => c.memberId === memberId && c.text)
        .reverse()
        .slice(0, limit)
        .map((c) => {
          const session = this.data.sessions.find((s) => s.id === c.sessionId);
          const community = this.data.communities.find((co) => co.id === session?.communityId);
          return { communityName: community?.name ?? '', phase: c.phase, text: c.text ?? '', at: new Date(0) };
        }),
    editByMessage: async ({ sessionId, memberId, messageId, text }) => {
      const found = this.data.checkins.find((c) => c.sessionId === sessionId && c.memberId === memberId && c.messageId === messageId);
      if (found) found.text = text;
      return found !== undefined;
    },
    removeByMessage: async ({ sessionId, memberId, messageId }) => {
      const index = this.data.checkins.findIndex((c) => c.sessionId === sessionId && c.memberId === memberId && c.messageId === messageId);
      if (index >= 0) this.data.checkins.splice(index, 1);
      return index >= 0;
    },
  };

  prompts: Repositories['prompts'] = {
    listCustom: async (communityId) =>
      this.data.customPrompts.filter((p) => p.communityId === communityId).map(({ communityId: _, ...prompt }) => prompt),
    retiredKeys: async (communityId) => new Set(this.data.retired.filter((r) => r.communityId === communityId).map((r) => r.key)),
    history: async (communityId) => this.data.posts.filter((p) => p.communityId === communityId).map((p) => p.promptKey),
    recordPost: async ({ communityId, sessionId, prompt, at }) => {
      const post: PromptPost = { id: this.id(), communityId, sessionId, promptKey: prompt.key, promptText: prompt.text, postedAt: at };
      this.data.posts.push(post);
      return { ...post };
    },
    setPostMessage: async (postId, messageId) => void this.data.postMessages.set(postId, messageId),
    addCustom: async ({ communityId, theme, text }) => {
      const prompt = { key: `custom-${this.id()}`, theme, text };
      this.data.customPrompts.push({ ...prompt, communityId });
      return prompt;
    },
    numbered: async (communityId, keys) => {
      const mine = () => this.data.promptNumbers.filter((n) => n.communityId === communityId);
      for (const key of keys) {
        if (mine().some((n) => n.key === key)) continue;
        this.data.promptNumbers.push({ communityId, key, number: Math.max(0, ...mine().map((n) => n.number)) + 1 });
      }
      return new Map(mine().map((n) => [n.key, n.number]));
    },
    retire: async ({ communityId, promptKey, by, at }) => {
      if (this.data.retired.some((r) => r.communityId === communityId && r.key === promptKey)) return null;
      const row = { id: this.id(), communityId, key: promptKey, by, at };
      this.data.retired.push(row);
      return toRetirement(row);
    },
    restore: async ({ communityId, promptKey, retirementId }) => {
      const index = this.data.retired.findIndex((r) => r.communityId === communityId && r.key === promptKey && (retirementId === undefined || r.id === retirementId));
      if (index >= 0) this.data.retired.splice(index, 1);
      return index >= 0;
    },
    findRetirement: async (retirementId) => {
      const row = this.data.retired.find((r) => r.id === retirementId);
      return row ? toRetirement(row) : null;
    },
    latestRetirementBy: async (memberId, since) => {
      const row = this.data.retired.filter((r) => r.by === memberId && r.at >= since).sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id)[0];
      return row ? toRetirement(row) : null;
    },
    postByMessage: async (communityId, messageId) =>
      this.copy(this.data.posts.find((p) => p.communityId === communityId && p.sessionId === null && this.data.postMessages.get(p.id) === messageId)),
    latestForSession: async (sessionId) => this.copy(this.data.posts.filter((p) => p.sessionId === sessionId).at(-1)),
    postsForSession: async (sessionId) => this.data.posts.filter((p) => p.sessionId === sessionId).map((p) => ({ ...p })),
    findPost: async (postId) => this.copy(this.data.posts.find((p) => p.id === postId)),
  };

  // One process: an item claimed to send now is the memory store's until it is settled or handed back.
  outbox: Repositories['outbox'] = {
    enqueue: async (items) => {
      let added = 0;
      for (const item of items) {
        if (this.data.outbox.some((o) => o.key === item.key)) continue;
        this.data.outbox.push({ ...item, id: this.id(), attempts: 0, state: 'waiting', claimed: false });
        added++;
      }
      return added;
    },
    claimNow: async (keys) => {
      const claimed = this.data.outbox.filter((o) => keys.includes(o.key) && o.state === 'waiting' && !o.claimed);
      for (const item of claimed) item.claimed = true;
      return claimed.map(({ state: _state, claimed: _claimed, ...item }) => ({ ...item }));
    },
    renew: async (id) => this.data.outbox.some((o) => o.id === id && o.state === 'waiting' && o.claimed),
    markSent: async (id) => {
      const item = this.data.outbox.find((o) => o.id === id && o.state === 'waiting');
      if (item) item.state = 'sent';
      return item !== undefined;
    },
    handBack: async (id, at, error) => {
      const item = this.data.outbox.find((o) => o.id === id && o.state === 'waiting');
      if (!item) return;
      item.claimed = false;
      item.dueAt = at;
      if (error) item.attempts++;
    },
    state: async (key) => this.data.outbox.find((o) => o.key === key)?.state ?? null,
  };

  reflections: Repositories['reflections'] = {
    add: async ({ promptPostId, memberId, text, messageId }) => {
      const found = messageId ? this.data.reflections.find((r) => r.promptPostId === promptPostId && r.messageId === messageId) : undefined;
      if (found) {
        found.text = text;
        return 'edited';
      }
      const earlier = this.data.reflections.some((r) => r.promptPostId === promptPostId && r.memberId === memberId);
      this.data.reflections.push({ promptPostId, memberId, memberName: this.memberName(memberId), text, ...(messageId ? { messageId } : {}) });
      return earlier ? 'added' : 'created';
    },
    countBetweenSessions: async (communityId, after, before) => {
      const posts = new Set(
        this.data.posts.filter((p) => p.communityId === communityId && p.sessionId === null && p.postedAt < before && (!after || p.postedAt > after)).map((p) => p.id),
      );
      return this.data.reflections.filter((r) => posts.has(r.promptPostId)).length;
    },
    listForSession: async (sessionId) =>
      this.sessionReflections(sessionId).map((r) => ({ promptPostId: r.promptPostId, memberId: r.memberId, memberName: this.memberName(r.memberId), text: r.text })),
    editByMessage: async ({ on, memberId, messageId, text }) => {
      const found = this.scopeReflections(on).find((r) => r.memberId === memberId && r.messageId === messageId);
      if (found) found.text = text;
      return found !== undefined;
    },
    removeByMessage: async ({ on, memberId, messageId }) => {
      const found = this.scopeReflections(on).find((r) => r.memberId === memberId && r.messageId === messageId);
      if (found) this.data.reflections.splice(this.data.reflections.indexOf(found), 1);
      return found !== undefined;
    },
  };

  channelMembers: Repositories['channelMembers'] = {
    known: async ({ workspaceId, channelId, userId, since }) => {
      const found = this.data.channelMembers.get(`${workspaceId}:${channelId}:${userId}`);
      return found && found.at >= since ? found.present : null;
    },
    record: async ({ workspaceId, channelId, userId, present, at }) => void this.data.channelMembers.set(`${workspaceId}:${channelId}:${userId}`, { present, at }),
    forgetPerson: async (workspaceId, userId) => {
      for (const key of [...this.data.channelMembers.keys()]) if (key.startsWith(`${workspaceId}:`) && key.endsWith(`:${userId}`)) this.data.channelMembers.delete(key);
    },
  };

  presses: Repositories['presses'] = {
    claim: async (memberId, nonce, _at, eventId) => {
      const key = `${memberId}:${nonce}`;
      if (this.data.presses.has(key)) return eventId !== undefined && this.data.presses.get(key) === eventId;
      this.data.presses.set(key, eventId);
      return true;
    },
    release: async (memberId, nonce) => void this.data.presses.delete(`${memberId}:${nonce}`),
  };

  goals: Repositories['goals'] = {
    createWithinCap: async (input, cap) => ((await this.goals.countActive(input.memberId)) >= cap ? null : this.goals.create(input)),
    countActive: async (memberId) => this.data.goals.filter((g) => g.memberId === memberId && g.status === 'active').length,
    listActive: async (memberId) => this.data.goals.filter((g) => g.memberId === memberId && g.status === 'active').map((g) => this.withProgress(g)),
    listEnded: async (memberId, limit) =>
      this.data.goals
        .filter((g) => g.memberId === memberId && g.status !== 'active')
        .reverse()
        .slice(0, limit)
        .map((g) => this.withProgress(g)),
    findNumbered: async (memberId, number) => {
      const goal = this.data.goals.find((g) => g.memberId === memberId && g.number === number);
      return goal ? this.withProgress(goal) : null;
    },
    create: async ({ memberId, communityId, draft, target, unit, at }) => {
      const goal: Goal = {
        id: this.id(),
        number: Math.max(0, ...this.data.goals.filter((g) => g.memberId === memberId).map((g) => g.number)) + 1,
        memberId,
        communityId,
        status: 'active',
        ...draft,
        target,
        unit,
        latest: null,
        previous: null,
        endedAt: null,
        createdAt: at,
        snoozedUntil: null,
        unanswered: 0,
      };
      this.data.goals.push(goal);
      return { ...goal };
    },
    addUpdate: async ({ goalId, value }) => {
      this.data.goalUpdates.push({ goalId, value });
    },
    snooze: async ({ goalIds, memberId, until }) => {
      for (const goal of this.data.goals) if (goalIds.includes(goal.id) && goal.memberId === memberId) goal.snoozedUntil = until;
    },
    markNudged: async ({ goalIds }) => {
      for (const goal of this.data.goals) if (goalIds.includes(goal.id)) goal.unanswered++;
    },
    markAnswered: async (memberId) => {
      for (const goal of this.data.goals) if (goal.memberId === memberId && goal.status === 'active') goal.unanswered = 0;
    },
    reopen: async ({ memberId, goalId, since, cap }) => {
      const ended = this.data.goals
        .filter((g) => g.memberId === memberId && (g.status === 'achieved' || g.status === 'dropped') && g.endedAt !== null && g.endedAt >= since)
        .filter((g) => goalId === undefined || g.id === goalId)
        .sort((a, b) => (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0) || b.id - a.id)[0];
      if (!ended) return null;
      if ((await this.goals.countActive(memberId)) >= cap) return 'too-many';
      Object.assign(ended, { status: 'active', endedAt: null, unanswered: 0 });
      return this.withProgress(ended);
    },
    end: async ({ goalId, memberId, status, at }) => {
      const goal = this.data.goals.find((g) => g.id === goalId && g.memberId === memberId && g.status === 'active');
      if (goal) Object.assign(goal, { status, endedAt: at });
      return goal !== undefined;
    },
  };

  calendar: Repositories['calendar'] = {
    closures: async (workspaceId) => this.data.closures.filter((c) => c.workspaceId === workspaceId),
    add: async ({ workspaceId, from, to, label }) => {
      const number = (this.data.calendarNumbers.get(workspaceId) ?? 0) + 1;
      this.data.calendarNumbers.set(workspaceId, number);
      this.data.closures.push({ workspaceId, number, from, to, label });
      return number;
    },
    upcoming: async (workspaceId, from) =>
      this.data.closures.filter((c) => c.workspaceId === workspaceId && c.to >= from).sort((a, b) => a.from.localeCompare(b.from) || a.number - b.number),
    covering: async (workspaceId, date) => this.data.closures.filter((c) => c.workspaceId === workspaceId && c.from <= date && date <= c.to),
    remove: async (workspaceId, number) => {
      const found = this.data.closures.find((c) => c.workspaceId === workspaceId && c.number === number);
      this.data.closures = this.data.closures.filter((c) => c !== found);
      return found ?? null;
    },
  };

  receipts: Repositories['receipts'] = {
    claim: async (platform, eventId) => {
      const key = `${platform}:${eventId}`;
      if (this.data.receipts.has(key)) return false;
      this.data.receipts.add(key);
      return true;
    },
    settle: async (platform, eventId) => {
      const key = `${platform}:${eventId}`;
      if (this.data.handled.has(key)) return false;
      this.data.handled.add(key);
      return true;
    },
    unhandled: async () => [],
    find: async () => null,
  };

  // The fake keeps no times for answers: they carry the session's opening time.
  dataRights: Repositories['dataRights'] = {
    memberData: async (memberId) => {
      const member = this.data.members.find((m) => m.id === memberId);
      if (!member) throw new Error(`no member ${memberId}`);
      const communityName = (id: number | null) => this.data.communities.find((c) => c.id === id)?.name ?? null;
      const sessionOf = (id: number) => this.data.sessions.find((s) => s.id === id);
      const epoch = new Date(0);
      return {
        member: { name: member.name, timeZone: member.timeZone, isAdmin: member.isAdmin, joinedAt: epoch, nudges: this.data.nudgePrefs.get(memberId) ?? DEFAULT_PREFS },
        communities: this.data.memberships
          .filter((m) => m.memberId === memberId)
          .map((m) => ({ name: communityName(m.communityId) ?? '', isFacilitator: m.isFacilitator, joinedAt: epoch })),
        checkins: this.data.checkins
          .filter((c) => c.memberId === memberId)
          .map((c) => {
            const session = sessionOf(c.sessionId);
            const at = session?.openedAt ?? epoch;
            return { community: communityName(session?.communityId ?? null) ?? '', sessionTopic: session?.topic ?? null, sessionOpenedAt: at, phase: c.phase, text: c.text, sharedWithLeaders: c.sharedWithLeaders, at };
          }),
        reflections: this.data.reflections
          .filter((r) => r.memberId === memberId)
          .map((r) => {
            const post = this.data.posts.find((p) => p.id === r.promptPostId);
            return { community: communityName(post?.communityId ?? null) ?? '', prompt: post?.promptText ?? '', text: r.text, at: post?.postedAt ?? epoch };
          }),
        goals: this.data.goals
          .filter((g) => g.memberId === memberId)
          .map((g) => ({
            id: g.id,
            community: communityName(g.communityId),
            specific: g.specific,
            measure: g.measure,
            target: g.target,
            unit: g.unit,
            firstStep: g.firstStep,
            relevance: g.relevance,
            dueOn: g.dueOn,
            cadence: g.cadence,
            status: g.status,
            reworksGoalId: null,
            celebrate: g.celebrate,
            createdAt: g.createdAt,
            endedAt: g.endedAt,
            updates: this.data.goalUpdates.filter((u) => u.goalId === g.id).map((u) => ({ value: u.value, note: null, at: g.createdAt })),
          })),
        mentoring: { ...this.mentoring.exported(memberId, communityName), suggestions: this.suggested.filter((s) => s.memberId === memberId).map((s) => ({ text: s.text, named: s.named, at: s.at })), pairings: this.pairs.exported(memberId, communityName), nextTerm: this.rotations.exported(memberId), visits: this.classroomVisits.exported(memberId) },
        protocolReplies: this.protocolData.entries
          .filter((entry) => entry.memberId === memberId)
          .map((entry) => {
            const session = sessionOf(entry.sessionId);
            return { community: communityName(session?.communityId ?? null) ?? '', protocol: this.protocolData.runs.get(entry.sessionId)?.protocol ?? '', topic: session?.topic ?? null, kind: entry.kind, text: entry.text, at: entry.at };
          }),
      };
    },
    audit: async ({ action }) => void this.data.audit.push(action),
    // The fake keeps no times, so the time-based clean-ups are tested on the databases only.
    applyRetention: async () => {
      throw new Error('retention is tested against the databases (test/db/retention.test.ts)');
    },
    purgeUninstalled: async () => {
      throw new Error('purging is tested against the databases (test/db/retention.test.ts)');
    },
    pruneEventPayloads: async () => {
      throw new Error('pruning is tested against the databases (test/db/retention.test.ts)');
    },
    deleteOldDeliveries: async () => {
      throw new Error('deleting old deliveries is tested against the databases (test/db/retention.test.ts)');
    },
    deleteExpiredExports: async () => {
      throw new Error('export links are tested against the databases (test/e2e/teams-export.test.ts)');
    },
  };

  // The digest's figures are SQL aggregates: they are tested on a real database, not imitated here.
  digests: Repositories['digests'] = {
    time: async (workspaceId) => ({ ...(this.data.digestTimes.get(workspaceId) ?? DEFAULT_DIGEST_TIME) }),
    setTime: async (workspaceId, time) => {
      this.data.digestTimes.set(workspaceId, { ...time });
    },
    communities: async () => {
      throw new Error('digest figures are SQL aggregates: use a database test');
    },
    aggregates: async () => {
      throw new Error('digest figures are SQL aggregates: use a database test');
    },
    unshownPeople: async () => {
      throw new Error('digest figures are SQL aggregates: use a database test');
    },
    poolBreakdown: async () => {
      throw new Error('digest figures are SQL aggregates: use a database test');
    },
    mentoring: async () => {
      throw new Error('digest figures are SQL aggregates: use a database test');
    },
    sessionsHeld: async () => {
      throw new Error('digest figures are SQL aggregates: use a database test');
    },
    sharedHighlights: async () => {
      throw new Error('digest highlights are read by SQL: use a database test');
    },
    names: async (workspaceId) => new Map(this.data.communities.filter((c) => c.workspaceId === workspaceId).map((c) => [c.id, c.name])),
    threshold: async (workspaceId) => this.data.thresholds.get(workspaceId) ?? DEFAULT_THRESHOLD,
    setThreshold: async (workspaceId, threshold) => {
      this.data.thresholds.set(workspaceId, threshold);
    },
    lockWeeks: async () => {},
    storedWeek: async (workspaceId, weekStart) => this.data.digestWeeks.find((d) => d.workspaceId === workspaceId && d.week.weekStart === weekStart)?.week ?? null,
    neighbours: async (workspaceId, weekStart) => {
      const mine = this.data.digestWeeks.filter((d) => d.workspaceId === workspaceId).map((d) => d.week);
      const before = mine.filter((w) => w.weekStart < weekStart).sort((a, b) => b.weekStart.localeCompare(a.weekStart))[0];
      const after = mine.filter((w) => w.weekStart > weekStart).sort((a, b) => a.weekStart.localeCompare(b.weekStart))[0];
      return { before: before ? new Date(before.to) : null, after: after ? new Date(after.from) : null };
    },
    storeWeek: async ({ workspaceId, week }) => {
      if (!this.data.digestWeeks.some((d) => d.workspaceId === workspaceId && d.week.weekStart === week.weekStart)) this.data.digestWeeks.push({ workspaceId, week });
    },
    recordSent: async ({ workspaceId, adminMemberId, week }) => {
      if (!this.data.digestsSent.some((d) => d.workspaceId === workspaceId && d.adminMemberId === adminMemberId && d.week.weekStart === week.weekStart)) {
        this.data.digestsSent.push({ workspaceId, adminMemberId, week });
      }
    },
    storedWeeks: async ({ workspaceId, weekStarts }) =>
      this.data.digestWeeks.filter((d) => d.workspaceId === workspaceId && weekStarts.includes(d.week.weekStart)).map((d) => d.week).sort((a, b) => a.weekStart.localeCompare(b.weekStart)),
    setNextDigest: async (memberId, expected, next) => {
      if (!sameTime(this.data.nextDigest.get(memberId), expected)) return false;
      this.data.nextDigest.set(memberId, next);
      return true;
    },
    admins: async (workspaceId, only) =>
      this.admins()
        .filter(({ member }) => member.workspaceId === workspaceId && (only === undefined || member.id === only))
        .map((admin) => ({ ...admin, next: this.data.nextDigest.get(admin.member.id) ?? null })),
    unplanned: async (limit) => this.admins().filter(({ member }) => (this.data.nextDigest.get(member.id) ?? null) === null).slice(0, limit),
    due: async (now, limit) =>
      this.admins()
        .map((admin) => ({ ...admin, slot: this.data.nextDigest.get(admin.member.id) ?? null }))
        .filter((admin): admin is typeof admin & { slot: Date } => admin.slot !== null && admin.slot <= now)
        .slice(0, limit),
  };

  private admins() {
    return this.data.members
      .filter((m) => m.isAdmin)
      .flatMap((member) => {
        const workspace = this.data.workspaces.find((w) => w.id === member.workspaceId);
        return workspace ? [{ member: { ...member }, workspace: { ...workspace }, time: { ...(this.data.digestTimes.get(workspace.id) ?? DEFAULT_DIGEST_TIME) } }] : [];
      });
  }

  // No rollback: the fake is for use cases that do not depend on it.
  transaction = <T>(work: (repos: Repositories) => Promise<T>): Promise<T> => work(this);

  private withProgress(goal: Goal): Goal {
    const values = this.data.goalUpdates.filter((u) => u.goalId === goal.id).map((u) => u.value);
    return { ...goal, latest: values.at(-1) ?? null, previous: values.at(-2) ?? null };
  }

  private scopeReflections(on: { sessionId: number } | { promptPostId: number }): StoredReflection[] {
    if ('sessionId' in on) return this.sessionReflections(on.sessionId);
    return this.data.reflections.filter((r) => r.promptPostId === on.promptPostId);
  }

  private sessionReflections(sessionId: number): StoredReflection[] {
    const posts = new Set(this.data.posts.filter((p) => p.sessionId === sessionId).map((p) => p.id));
    return this.data.reflections.filter((r) => posts.has(r.promptPostId));
  }

  private inWorkspace(session: Session, workspaceId: number): boolean {
    return this.data.communities.some((c) => c.id === session.communityId && c.workspaceId === workspaceId);
  }

  private copy<T extends object>(value: T | undefined): T | null {
    return value ? { ...value } : null;
  }
}

function toRetirement(row: { id: number; communityId: number; key: string; by: number | null; at: Date }): PromptRetirement {
  return { id: row.id, communityId: row.communityId, promptKey: row.key, by: row.by, at: row.at };
}
