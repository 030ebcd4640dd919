import type { Workspace } from '../../src/core/model.js';
import type { Mentor } from '../../src/core/mentoring/mentor.js';
import type { NextMentor, RotationRepo } from '../../src/core/ports/rotation.js';
import { freshRotation, type RotationState, type TermAsk } from '../../src/core/mentoring/rotation.js';

// Mentor terms and next term's mentors in memory, for the MemoryStore: the same compare-and-set on
// the version as the database, so the planner loses to a person's change here too.

export class MemoryRotation {
  readonly states = new Map<number, RotationState>();
  next: (NextMentor & { workspaceId: number; at: Date })[] = [];

  constructor(
    private readonly deps: {
      workspaces: () => readonly Workspace[];
      mentors: () => readonly Mentor[];
      asks: () => readonly (TermAsk & { workspaceId: number })[];
      memberName: (memberId: number) => string;
    },
  ) {}

  private touch(workspaceId: number, endsOn?: string | null): void {
    const state = this.states.get(workspaceId) ?? freshRotation(workspaceId);
    this.states.set(workspaceId, { ...state, ...(endsOn !== undefined ? { endsOn } : {}), nextAt: null, version: state.version + 1 });
  }

  forget(memberId: number): void {
    this.next = this.next.filter((n) => n.memberId !== memberId).map((n) => (n.namedBy === memberId ? { ...n, namedBy: null } : n));
  }

  exported(memberId: number): { topics: string[]; namedAt: Date } | null {
    const found = this.next.find((n) => n.memberId === memberId);
    return found ? { topics: [...found.topics], namedAt: found.at } : null;
  }

  repo: RotationRepo = {
    state: async (workspaceId) => ({ ...(this.states.get(workspaceId) ?? freshRotation(workspaceId)) }),
    setEndsOn: async (workspaceId, endsOn) => this.touch(workspaceId, endsOn),
    replan: async (workspaceId) => this.touch(workspaceId),
    due: async (now, limit) =>
      this.deps
        .workspaces()
        .filter((w) => {
          const state = this.states.get(w.id);
          if (state?.nextAt) return state.nextAt <= now;
          return this.deps.mentors().some((m) => m.workspaceId === w.id);
        })
        .sort((a, b) => a.id - b.id)
        .slice(0, limit)
        .map((workspace) => ({ workspace, state: { ...(this.states.get(workspace.id) ?? freshRotation(workspace.id)) } })),
    advance: async (workspaceId, version, change) => {
      const state = this.states.get(workspaceId) ?? freshRotation(workspaceId);
      if (state.version !== version) return false;
      this.states.set(workspaceId, {
        ...state,
        nextAt: change.nextAt,
        ...(change.noticeFor !== undefined ? { noticeFor: change.noticeFor } : {}),
        ...(change.startedAt !== undefined ? { startedAt: change.startedAt } : {}),
        ...(change.endsOn !== undefined ? { endsOn: change.endsOn } : {}),
        version: version + 1,
      });
      return true;
    },
    nameNext: async ({ workspaceId, memberId, topics, namedBy, at }) => {
      const found = this.next.find((n) => n.workspaceId === workspaceId && n.memberId === memberId);
      if (found) {
        const before = [...found.topics];
        found.topics = [...topics];
        found.namedBy = namedBy;
        return { before };
      }
      this.next.push({ workspaceId, memberId, topics: [...topics], namedBy, at });
      return { before: null };
    },
    dropNext: async (workspaceId, memberId) => {
      const before = this.next.length;
      this.next = this.next.filter((n) => !(n.workspaceId === workspaceId && n.memberId === memberId));
      return this.next.length < before;
    },
    nextMentors: async (workspaceId) =>
      this.next
        .filter((n) => n.workspaceId === workspaceId)
        .map((n) => ({ memberId: n.memberId, topics: [...n.topics], namedBy: n.namedBy, name: this.deps.memberName(n.memberId) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.memberId - b.memberId)),
    clearNext: async (workspaceId) => {
      this.next = this.next.filter((n) => n.workspaceId !== workspaceId);
    },
    termAsks: async (workspaceId, from, to) => {
      const inside = (at: Date | null) => at !== null && at >= from && at < to;
      return this.deps
        .asks()
        .filter((a) => a.workspaceId === workspaceId && (inside(a.createdAt) || inside(a.takenAt)))
        .map(({ askerId, createdAt, helperId, takenAt, text }) => ({ askerId, createdAt, helperId, takenAt, text }));
    },
  };
}
