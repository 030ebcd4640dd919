import type { ProtocolEntry, ProtocolRun } from '../../src/core/protocols/protocol.js';
import type { ProtocolRepo } from '../../src/core/ports/protocols.js';

// Protocol runs and their entries in memory, for the MemoryStore: the same promises as the database
// (compare-and-set on a run's step and its end, tone set only by the writer of feedback, one
// reminder per run, entries gone with their writer), so a use case behaves the same here.

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

interface StoredEntry extends Omit<ProtocolEntry, 'memberName'> {
  messageId?: string;
  at: Date;
}

export class MemoryProtocols {
  readonly runs = new Map<number, ProtocolRun & { reminded: boolean }>();
  readonly entries: StoredEntry[] = [];

  constructor(private readonly world: { nextId: () => number; memberName: (memberId: number) => string | undefined }) {}

  private named(entry: StoredEntry): ProtocolEntry | null {
    const memberName = this.world.memberName(entry.memberId);
    if (memberName === undefined) return null;
    return { id: entry.id, sessionId: entry.sessionId, memberId: entry.memberId, memberName, step: entry.step, kind: entry.kind, text: entry.text };
  }

  /** What forget-me does to the tables: entries cascade, the presenter is set to null. */
  forget(memberId: number): void {
    this.entries.splice(0, this.entries.length, ...this.entries.filter((entry) => entry.memberId !== memberId));
    for (const run of this.runs.values()) if (run.presenterId === memberId) run.presenterId = null;
  }

  private atStep(sessionId: number, from: { step: number; endsAt: Date | null }) {
    const run = this.runs.get(sessionId);
    return run && run.step === from.step && sameTime(run.stepEndsAt, from.endsAt) ? run : undefined;
  }

  readonly repo: ProtocolRepo = {
    start: async ({ sessionId, protocol, presenterId, minutes, at, endsAt }) => {
      if (this.runs.has(sessionId)) throw new Error('duplicate key value violates unique constraint "protocol_runs_pkey"');
      this.runs.set(sessionId, { sessionId, protocol, presenterId, step: 0, minutes: [...minutes], stepStartedAt: at, stepEndsAt: endsAt, reminded: false });
    },
    find: async (sessionId) => {
      const run = this.runs.get(sessionId);
      if (!run) return null;
      const { reminded: _reminded, ...rest } = run;
      return { ...rest, minutes: [...rest.minutes] };
    },
    moveStep: async (sessionId, from, to) => {
      const run = this.atStep(sessionId, from);
      if (!run) return false;
      Object.assign(run, { step: to.step, stepStartedAt: to.at, stepEndsAt: to.endsAt });
      return true;
    },
    setMinutes: async (sessionId, from, minutes, endsAt) => {
      const run = this.atStep(sessionId, from);
      if (!run) return false;
      Object.assign(run, { minutes: [...minutes], stepEndsAt: endsAt });
      return true;
    },
    addEntry: async ({ sessionId, memberId, step, kind, text, messageId, at }) => {
      const id = this.world.nextId();
      this.entries.push({ id, sessionId, memberId, step, kind, text, at, ...(messageId ? { messageId } : {}) });
      return id;
    },
    entries: async (sessionId) => this.entries.filter((entry) => entry.sessionId === sessionId).flatMap((entry) => this.named(entry) ?? []),
    entry: async (entryId) => {
      const found = this.entries.find((entry) => entry.id === entryId);
      return found ? this.named(found) : null;
    },
    setTone: async (entryId, memberId, tone) => {
      const found = this.entries.find((entry) => entry.id === entryId && entry.memberId === memberId && ['unsure', 'warm', 'cool'].includes(entry.kind));
      if (found) found.kind = tone;
      return found !== undefined;
    },
    editByMessage: async ({ sessionId, memberId, messageId, text, toned }) => {
      const found = this.entries.find((entry) => entry.sessionId === sessionId && entry.memberId === memberId && entry.messageId === messageId);
      if (!found) return false;
      if (toned && ['unsure', 'warm', 'cool'].includes(found.kind)) Object.assign(found, { kind: toned.tone, text: toned.text });
      else found.text = text;
      return true;
    },
    removeByMessage: async ({ sessionId, memberId, messageId }) => {
      const index = this.entries.findIndex((entry) => entry.sessionId === sessionId && entry.memberId === memberId && entry.messageId === messageId);
      if (index >= 0) this.entries.splice(index, 1);
      return index >= 0;
    },
    claimReminder: async (sessionId) => {
      const run = this.runs.get(sessionId);
      if (!run || run.reminded) return false;
      run.reminded = true;
      return true;
    },
  };
}
