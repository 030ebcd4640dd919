import type { Visit, VisitKind } from '../visits/visit.js';

// What visits need from storage, in the core's terms. Every change is a compare-and-set on the
// visit's status and on who may make it, so a double press, or both people pressing at once, changes
// it once; each says what it returns when it loses.

export interface VisitRepo {
  create(input: {
    workspaceId: number;
    kind: VisitKind;
    requesterId: number;
    peerId: number;
    at: Date;
    zone: string;
    focus: string | null;
    now: Date;
  }): Promise<Visit>;
  /** The visit, only if it is of this workspace. */
  find(workspaceId: number, visitId: number): Promise<Visit | null>;
  byId(visitId: number): Promise<Visit | null>;
  /** requested → accepted or declined, by the peer only, once; false otherwise. */
  answer(visitId: number, peerId: number, answer: 'accepted' | 'declined', at: Date): Promise<boolean>;
  /** requested or accepted → cancelled, by either of the two, once; false otherwise. */
  cancel(visitId: number, memberId: number, at: Date): Promise<boolean>;
  /** accepted → noted with the observer's answers, by the observer only, once. */
  saveNotes(visitId: number, observerId: number, notes: string[], at: Date): Promise<boolean>;
  /** The observed teacher's reflection, once the notes reached them; false when not theirs or not noted. */
  saveReflection(visitId: number, observedId: number, text: string, at: Date): Promise<boolean>;
  /** The member's visits still to come (requested or accepted), soonest first. */
  upcoming(memberId: number, now: Date): Promise<Visit[]>;
  /**
   * For forget-me, before the member goes: the texts they wrote (and the notes about them) are
   * deleted, and visits still to come are cancelled. Returns those cancelled, to tell the other person.
   */
  forget(memberId: number, at: Date): Promise<Visit[]>;
}
