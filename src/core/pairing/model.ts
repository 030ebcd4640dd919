import type { Cadence } from '../commands/command.js';

// Pairing rounds: every week (or two, or month) a circle's people are introduced in pairs, mentor
// with mentee or peer with peer, with an open question to start them off. Nobody is left out (an odd
// person makes a trio), nobody meets the same person again too soon, and rounds skip breaks.

export type PairsMode = 'peers' | 'mentors';

export interface PairingSettings {
  cadence: Cadence;
  mode: PairsMode;
  /** The local date of the first round: two-weekly rounds count from its week. */
  anchor: string;
}

/** One group of a round: two people, or three when the count is odd. */
export type PairGroup = readonly number[];

export interface PairRound {
  id: number;
  communityId: number;
  at: Date;
  /** How many earlier rounds no pair of this one was repeated from (the recency window used). */
  window: number;
  /** Member ids, one array per group, in the round's order (group 1 first). */
  groups: PairGroup[];
}

export interface PairAnswer {
  roundId: number;
  memberId: number;
  /** Null until they answer the follow-up. */
  met: boolean | null;
}

/** Rounds are introduced on Monday mornings, community time (moved to the next school day of the week when Monday is closed). */
export const ROUND_DAY = 1;
export const ROUND_MINUTE = 9 * 60;
/** The follow-up ("did you meet?") comes this long after the round. */
export const PAIR_FOLLOW_UP_AFTER_MS = 4 * 24 * 3_600_000;
export const MAX_SKIP_WEEKS = 26;
