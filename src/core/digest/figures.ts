// The digest's figures: counts only, never texts. Each figure carries how many distinct people it
// was drawn from, so the fewer-than-3 rule can be applied wherever it is shown, including weeks
// read back later from the digests that were sent.

/** Everything a digest counts about people's activity, per community and for the whole workspace. */
export const METRICS = [
  'participants',
  'opening',
  'closing',
  'reflections',
  'goalsNew',
  'goalsActive',
  'goalsAchieved',
  'goalsReworked',
  'goalsDropped',
] as const;

export type Metric = (typeof METRICS)[number];

export interface Figure {
  count: number;
  /** Distinct people the count was drawn from. */
  people: number;
}

export type Figures = Record<Metric, Figure>;

export const noFigures = (): Figures => Object.fromEntries(METRICS.map((metric) => [metric, { count: 0, people: 0 }])) as Figures;

/** One community's week, as the aggregate query returns it. */
export interface CommunityWeek {
  communityId: number;
  sessionsHeld: number;
  sessionsMissed: number;
  figures: Figures;
}

/** The week's aggregates for a workspace: per community, the pool of smaller circles, the whole. */
export interface WeekAggregates {
  communities: CommunityWeek[];
  /** Communities with fewer than 3 members, counted together (people counted once across them). */
  pool: CommunityWeek | null;
  total: { sessionsHeld: number; sessionsMissed: number; figures: Figures };
}

/** What a sent digest keeps of its week (stored as jsonb in digests_sent): figures, never texts. */
export interface StoredWeek {
  version: 1;
  /** The Monday the week starts on, in the receiving admin's zone, YYYY-MM-DD. */
  weekStart: string;
  total: {
    sessionsHeld: number;
    sessionsMissed: number;
    figures: Figures;
    /**
     * Per metric, the distinct people behind the part of the total that no shown community figure
     * accounts for. When that is 1 or 2, printing the total would let a hidden figure be worked out
     * by subtraction, so the total is not printed.
     */
    unshownPeople: Record<Metric, number>;
  };
  communities: CommunityWeek[];
  pool: (CommunityWeek & { circles: number; members: number }) | null;
}
