import type { EntryKind, ProtocolEntry, ProtocolName, ProtocolRun } from '../protocols/protocol.js';

export interface ProtocolRepo {
  start(input: {
    sessionId: number;
    protocol: ProtocolName;
    presenterId: number;
    minutes: number[];
    at: Date;
    endsAt: Date;
  }): Promise<void>;
  find(sessionId: number): Promise<ProtocolRun | null>;
  /**
   * Moves the run from the step (and end time) it was read at to the next: a compare-and-set, false
   * when a facilitator, a timer or another replica moved it first.
   */
  moveStep(
    sessionId: number,
    from: { step: number; endsAt: Date | null },
    to: { step: number; at: Date; endsAt: Date | null },
  ): Promise<boolean>;
  /** New minutes for the steps, and the step under way's end moved with them; false when it moved on. */
  setMinutes(
    sessionId: number,
    from: { step: number; endsAt: Date | null },
    minutes: number[],
    endsAt: Date,
  ): Promise<boolean>;
  addEntry(input: {
    sessionId: number;
    memberId: number;
    step: number;
    kind: EntryKind;
    text: string;
    messageId?: string;
    at: Date;
  }): Promise<number>;
  /** Oldest first, with their writers' names. */
  entries(sessionId: number): Promise<ProtocolEntry[]>;
  entry(entryId: number): Promise<ProtocolEntry | null>;
  /** Sorts the writer's own feedback as warm or cool; false when it is not theirs or not feedback. */
  setTone(entryId: number, memberId: number, tone: 'warm' | 'cool'): Promise<boolean>;
  /** True the first time only: the presenter is reminded once that they are listening. */
  claimReminder(sessionId: number): Promise<boolean>;
  /**
   * The writer edited the thread message a reply came from: its words follow. Feedback edited to
   * start with a tone takes that tone and `toned`'s words; anything else keeps its kind and `text`.
   */
  editByMessage(input: {
    sessionId: number;
    memberId: number;
    messageId: string;
    text: string;
    toned?: { tone: 'warm' | 'cool'; text: string };
  }): Promise<boolean>;
  /** The writer deleted that message: the reply goes too. */
  removeByMessage(input: { sessionId: number; memberId: number; messageId: string }): Promise<boolean>;
}
