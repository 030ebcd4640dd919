import type { ExportedVisit } from '../../src/core/export/member-data.js';
import type { VisitRepo } from '../../src/core/ports/visits.js';
import { observedOf, observerOf, type Visit } from '../../src/core/visits/visit.js';

// Classroom visits in memory, for the MemoryStore: the same promises as the database (each change a
// compare-and-set on the status and on who may make it; forget-me clears the texts the person wrote
// and the notes about them, and leaves the other person theirs), so a use case behaves the same here.

export class MemoryVisits {
  readonly visits: Visit[] = [];

  constructor(private readonly nextId: () => number) {}

  private change(visitId: number, allowed: (visit: Visit) => boolean, update: Partial<Visit>): boolean {
    const visit = this.visits.find((v) => v.id === visitId);
    if (!visit || !allowed(visit)) return false;
    Object.assign(visit, update);
    return true;
  }

  readonly repo: VisitRepo = {
    create: async ({ workspaceId, kind, requesterId, peerId, at, zone, focus, now }) => {
      const visit: Visit = { id: this.nextId(), workspaceId, kind, requesterId, peerId, at, zone, focus, status: 'requested', notes: null, reflection: null, createdAt: now, answeredAt: null, cancelledBy: null };
      this.visits.push(visit);
      return structuredClone(visit);
    },
    find: async (workspaceId, visitId) => {
      const visit = this.visits.find((v) => v.id === visitId && v.workspaceId === workspaceId);
      return visit ? structuredClone(visit) : null;
    },
    byId: async (visitId) => {
      const visit = this.visits.find((v) => v.id === visitId);
      return visit ? structuredClone(visit) : null;
    },
    answer: async (visitId, peerId, answer, at) => this.change(visitId, (v) => v.peerId === peerId && v.status === 'requested', { status: answer, answeredAt: at }),
    cancel: async (visitId, memberId) =>
      this.change(visitId, (v) => (v.requesterId === memberId || v.peerId === memberId) && (v.status === 'requested' || v.status === 'accepted'), { status: 'cancelled', cancelledBy: memberId }),
    saveNotes: async (visitId, observerId, notes) => this.change(visitId, (v) => observerOf(v) === observerId && v.status === 'accepted', { status: 'noted', notes: [...notes] }),
    saveReflection: async (visitId, observedId, text) => this.change(visitId, (v) => observedOf(v) === observedId && v.status === 'noted', { reflection: text }),
    upcoming: async (memberId, now) =>
      this.visits
        .filter((v) => (v.requesterId === memberId || v.peerId === memberId) && (v.status === 'requested' || v.status === 'accepted') && v.at > now)
        .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id)
        .map((v) => structuredClone(v)),
    forget: async (memberId) => {
      const cancelled: Visit[] = [];
      for (const visit of this.visits) {
        const mine = visit.requesterId === memberId || visit.peerId === memberId;
        if (mine && (visit.status === 'requested' || visit.status === 'accepted')) {
          Object.assign(visit, { status: 'cancelled', cancelledBy: memberId });
          cancelled.push(structuredClone(visit));
        }
        if (visit.requesterId === memberId) visit.focus = null;
        if (observerOf(visit) === memberId) visit.notes = null;
        if (observedOf(visit) === memberId) Object.assign(visit, { notes: null, reflection: null });
      }
      return cancelled;
    },
  };

  /** The member row going, as `on delete set null` does. */
  forgetMember(memberId: number): void {
    for (const visit of this.visits) {
      if (visit.requesterId === memberId) visit.requesterId = null;
      if (visit.peerId === memberId) visit.peerId = null;
      if (visit.cancelledBy === memberId) visit.cancelledBy = null;
    }
  }

  exported(memberId: number): ExportedVisit[] {
    return this.visits
      .filter((v) => v.requesterId === memberId || v.peerId === memberId)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id)
      .map((v) => {
        const youAsked = v.requesterId === memberId;
        const youObserved = observerOf(v) === memberId;
        return { kind: v.kind, youAsked, youObserved, at: v.at, status: v.status, focus: v.focus, notes: v.notes ? [...v.notes] : null, reflection: youObserved ? null : v.reflection };
      });
  }
}
