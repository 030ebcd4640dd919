import type { Community, Workspace } from '../../src/core/model.js';
import type { PairGroup, PairingSettings, PairRound } from '../../src/core/pairing/model.js';
import type { PairingRepo } from '../../src/core/ports/pairing.js';

// Pairing rounds in memory, for the MemoryStore: the same promises as the database (a round recorded
// once per circle and time, compare-and-set next round, answers only from a round's members, skips
// kept with the membership), so a use case that relies on them behaves the same here.

const sameTime = (a: Date | null | undefined, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const key = (communityId: number, memberId: number) => `${communityId}:${memberId}`;

interface StoredPeople {
  roundId: number;
  groupNo: number;
  memberId: number;
  met: boolean | null;
  answeredAt: Date | null;
}

export interface PairingWorld {
  nextId: () => number;
  /** The circle's member ids, as its memberships have them now. */
  memberIds: (communityId: number) => number[];
  community: (communityId: number) => Community | undefined;
  workspace: (workspaceId: number) => Workspace | undefined;
  memberExists: (memberId: number) => boolean;
}

export class MemoryPairing {
  readonly data = {
    settings: new Map<number, { settings: PairingSettings | null; nextAt: Date | null }>(),
    skips: new Map<string, Date>(),
    rounds: [] as Omit<PairRound, 'groups'>[],
    people: [] as StoredPeople[],
  };

  constructor(private readonly world: PairingWorld) {}

  /** The round with its groups, each group's members by id, as the database reads them back. */
  private withGroups(round: Omit<PairRound, 'groups'>): PairRound {
    const groups = new Map<number, number[]>();
    for (const p of this.data.people.filter((p) => p.roundId === round.id).sort((a, b) => a.groupNo - b.groupNo || a.memberId - b.memberId)) {
      groups.set(p.groupNo, [...(groups.get(p.groupNo) ?? []), p.memberId]);
    }
    return { ...round, groups: [...groups.values()] };
  }

  repo: PairingRepo = {
    settings: async (communityId) => {
      const found = this.data.settings.get(communityId);
      return { settings: found?.settings ? { ...found.settings } : null, nextAt: found?.nextAt ?? null };
    },
    setSettings: async (communityId, settings, nextAt) => void this.data.settings.set(communityId, { settings: settings ? { ...settings } : null, nextAt }),
    setNextRound: async (communityId, expected, next) => {
      // As the database: the circle's row must exist; one without settings holds null.
      const found = this.data.settings.get(communityId);
      if (!this.world.community(communityId) || !sameTime(found?.nextAt, expected)) return false;
      this.data.settings.set(communityId, { settings: found?.settings ?? null, nextAt: next });
      return true;
    },
    dueForRounds: async (now, limit) =>
      [...this.data.settings.entries()]
        .flatMap(([communityId, { settings, nextAt }]) => {
          const community = this.world.community(communityId);
          const workspace = community && this.world.workspace(community.workspaceId);
          if (!settings || !nextAt || nextAt.getTime() > now.getTime() || !community || !workspace) return [];
          return [{ community: { ...community }, settings: { ...settings }, at: nextAt, workspace: { ...workspace } }];
        })
        .sort((a, b) => a.at.getTime() - b.at.getTime() || a.community.id - b.community.id)
        .slice(0, limit),
    members: async (communityId) => [...this.world.memberIds(communityId)].sort((a, b) => a - b),
    skip: async (communityId, memberId, until) => {
      if (this.world.memberIds(communityId).includes(memberId)) this.data.skips.set(key(communityId, memberId), until);
    },
    skipping: async (communityId, at) =>
      new Set(this.world.memberIds(communityId).filter((memberId) => (this.data.skips.get(key(communityId, memberId))?.getTime() ?? -Infinity) > at.getTime())),
    recordRound: async ({ communityId, at, window, groups }) => {
      if (this.data.rounds.some((r) => r.communityId === communityId && r.at.getTime() === at.getTime())) return null;
      const round = { id: this.world.nextId(), communityId, at, window };
      this.data.rounds.push(round);
      groups.forEach((group: PairGroup, index) => {
        for (const memberId of group.filter(this.world.memberExists)) this.data.people.push({ roundId: round.id, groupNo: index + 1, memberId, met: null, answeredAt: null });
      });
      return this.withGroups(round);
    },
    recentRounds: async (communityId, limit) =>
      this.data.rounds
        .filter((r) => r.communityId === communityId)
        .sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id)
        .slice(0, limit)
        .map((r) => this.withGroups(r)),
    round: async (roundId) => {
      const found = this.data.rounds.find((r) => r.id === roundId);
      return found ? this.withGroups(found) : null;
    },
    answer: async (roundId, memberId, met, at) => {
      const found = this.data.people.find((p) => p.roundId === roundId && p.memberId === memberId);
      if (found) Object.assign(found, { met, answeredAt: at });
      return found !== undefined;
    },
    answers: async (roundId) =>
      this.data.people
        .filter((p) => p.roundId === roundId)
        .sort((a, b) => a.groupNo - b.groupNo || a.memberId - b.memberId)
        .map((p) => ({ roundId, memberId: p.memberId, met: p.met })),
  };

  /** Leaving a circle ends a skip there, as the membership row it lives on goes. */
  left(communityId: number, memberId: number): void {
    this.data.skips.delete(key(communityId, memberId));
  }

  /** The rounds a member was in, for their export: when, where, and whether they said they met. */
  exported(memberId: number, communityName: (id: number | null) => string | null): { circle: string | null; at: Date; met: boolean | null }[] {
    return this.data.people
      .filter((p) => p.memberId === memberId)
      .flatMap((p) => {
        const round = this.data.rounds.find((r) => r.id === p.roundId);
        return round ? [{ circle: communityName(round.communityId), at: round.at, met: p.met }] : [];
      })
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** Forget-me, as the database's cascades do it: their places in rounds and their skips go. */
  forget(memberId: number): void {
    this.data.people = this.data.people.filter((p) => p.memberId !== memberId);
    for (const skipped of [...this.data.skips.keys()]) if (skipped.endsWith(`:${memberId}`)) this.data.skips.delete(skipped);
  }
}
