import type { GoalDraft } from './goals/goal.js';

// Platform-neutral messages. The core says what to show; each adapter decides how (Block Kit,
// Adaptive Cards, plain text). Text uses only `code` spans and line breaks, which every platform renders.

/** What a button or a form asks the core to do. Carried through the platform and parsed again on return. */
export type Action =
  | { kind: 'session.next'; sessionId: number; phase: 'opening' | 'reflection' | 'closing' }
  | { kind: 'session.close'; sessionId: number; phase: 'opening' | 'reflection' | 'closing' }
  | { kind: 'checkin.form'; sessionId: number; phase: 'opening' | 'reflection' | 'closing' }
  /** After the coaching questions: save the goal as written, or change it first. `communityId`: where it was set. */
  | { kind: 'goal.save'; draft: GoalDraft; reworks?: number; communityId?: number }
  | { kind: 'goal.edit'; draft: GoalDraft; reworks?: number; communityId?: number }
  /** Answers to a nudge, about the goals it covered. */
  | { kind: 'nudge.answer'; answer: 'on-track' | 'stuck'; goalIds: number[] }
  | { kind: 'nudge.snooze'; goalIds: number[] }
  /** `step`: the form asks for a next step, the total left as it is (after "I'm stuck"). */
  | { kind: 'nudge.progress'; goalIds: number[]; step?: true }
  /** Opens the SMART goal form, as `goal` does. */
  | { kind: 'goal.form' }
  /** The confirmation of `forget-me`. */
  | { kind: 'forget.confirm' }
  /** Brings back a goal its owner just marked achieved or set aside. */
  | { kind: 'goal.undo'; goalId: number }
  /** Brings back a prompt its facilitator just retired. */
  | { kind: 'prompt.undo'; retirementId: number }
  /** The confirmation of `admin remove` naming oneself. */
  | { kind: 'admin.leave' }
  /** The confirmation of `facilitator remove` naming oneself, in the community it was asked in. */
  | { kind: 'facilitator.leave'; communityId: number }
  /** A mentor's answer to the ask offered to them. */
  | { kind: 'ask.help'; askId: number }
  | { kind: 'ask.pass'; askId: number }
  /** A facilitator or admin offers to help with an ask no mentor could take. */
  | { kind: 'ask.take'; askId: number }
  /** Opens the follow-up form of the asker's own ask. */
  | { kind: 'ask.followup'; askId: number }
  /** The answer to "did you meet?" after a pairing round. */
  | { kind: 'pairs.met'; roundId: number; met: boolean }
  /** Puts the sender's name to their own suggestion to leaders. */
  | { kind: 'suggest.name'; suggestionId: number }
  /** The peer's answer to a visit asked of them. */
  | { kind: 'visit.accept'; visitId: number }
  | { kind: 'visit.decline'; visitId: number }
  /** Either of the two calls a visit off. */
  | { kind: 'visit.cancel'; visitId: number }
  /** Opens the observer's noticing form / the observed teacher's reflection form. */
  | { kind: 'visit.notes'; visitId: number }
  | { kind: 'visit.reflect'; visitId: number }
  /** Moves a protocol session on from the step it was drawn for. */
  | { kind: 'protocol.next'; sessionId: number; step: number }
  /** Sorts the presser's own protocol feedback as warm or cool. */
  | { kind: 'protocol.tone'; entryId: number; tone: 'warm' | 'cool' };

export interface Button {
  label: string;
  action: Action;
  style?: 'primary' | 'danger';
}

export interface Message {
  /** The whole message as plain text: used by the console, and as the notification text elsewhere. */
  text: string;
  /**
   * Optional further paragraphs, shown under the text. A platform that limits a block's length may
   * split a long one, between its lines where it can: lists put each item on a line of its own.
   */
  sections?: string[];
  buttons?: Button[];
  /**
   * A private answer that says nothing private (a refusal, help for a typo): where private answers
   * need a personal chat that cannot be had (Teams, someone who blocked the bot), it may be given
   * where the person asked instead.
   */
  revealsNothingPrivate?: true;
}

export type FormField =
  | {
      kind: 'text';
      name: string;
      label: string;
      multiline?: boolean;
      optional?: boolean;
      maxLength: number;
      hint?: string;
      initial?: string;
    }
  | { kind: 'checkbox'; name: string; label: string; hint?: string; initial?: boolean }
  /** A calendar date, YYYY-MM-DD. */
  | { kind: 'date'; name: string; label: string; hint?: string; initial?: string }
  | { kind: 'select'; name: string; label: string; options: { value: string; label: string }[]; initial: string };

/** Forms the core knows how to receive back. `context` returns with the answers, parsed again. */
export type FormKind =
  'checkin' | 'goal' | 'progress' | 'ask' | 'ask-follow-up' | 'suggestion' | 'visit-notes' | 'visit-reflection';

export interface Form {
  kind: FormKind;
  title: string;
  intro?: string;
  submitLabel: string;
  fields: FormField[];
  context: Record<string, string | number | boolean>;
  /**
   * The form shows the person's own goals or answers: where forms are cards in a conversation
   * (Teams), it goes only to their personal chat, never in a channel.
   */
  showsTheirOwn?: true;
}

/** A file the bot hands to one person privately, such as their data export. */
export interface OutgoingFile {
  name: string;
  mimeType: 'application/json' | 'text/csv';
  content: string;
}
