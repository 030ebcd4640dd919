import type { Community, Workspace } from '../model.js';
import type { PairAnswer, PairGroup, PairingSettings, PairRound } from '../pairing/model.js';

// What pairing rounds need from storage. Races are settled by the database: a round is recorded once
// per circle and time (a unique index), so two replicas running the same round introduce once.

export interface PairingRepo {
  /** The circle's pairing settings (null: off) and its next round in the indexed column. */
  settings(communityId: number): Promise<{ settings: PairingSettings | null; nextAt: Date | null }>;
  /** Saves the settings (null: off) and the next round they lead to. */
  setSettings(communityId: number, settings: PairingSettings | null, nextAt: Date | null): Promise<void>;
  /** The next round, written only if the column still holds `expected`; false when it did not. */
  setNextRound(communityId: number, expected: Date | null, next: Date | null): Promise<boolean>;
  /** Circles whose next round is due, with their settings and workspace, soonest first. */
  dueForRounds(
    now: Date,
    limit: number,
  ): Promise<{ community: Community; settings: PairingSettings; at: Date; workspace: Workspace }[]>;
  /** The circle's members (member ids), as the membership table has them now. */
  members(communityId: number): Promise<number[]>;
  /** `pairs skip <weeks>`: left out of rounds until then. */
  skip(communityId: number, memberId: number, until: Date): Promise<void>;
  /** Members of the circle skipping rounds at `at`. */
  skipping(communityId: number, at: Date): Promise<Set<number>>;
  /** Records a round once per circle and time; null when it was recorded already (by another replica). */
  recordRound(input: { communityId: number; at: Date; window: number; groups: PairGroup[] }): Promise<PairRound | null>;
  /** The circle's latest rounds, most recent first. */
  recentRounds(communityId: number, limit: number): Promise<PairRound[]>;
  round(roundId: number): Promise<PairRound | null>;
  /** A member's answer to "did you meet?", only for a member of that round; false otherwise. A later answer replaces an earlier one of theirs. */
  answer(roundId: number, memberId: number, met: boolean, at: Date): Promise<boolean>;
  answers(roundId: number): Promise<PairAnswer[]>;
}
