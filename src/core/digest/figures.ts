import type { Suggestion } from './suggestions.js';

// The digest's figures: counts only, never texts. Each counted figure carries how many distinct
// people it was drawn from, so the privacy rules can decide what is shown; a week is stored once,
// as shown, and every later reading of it (the sent digest, `digest`, the trend, `export workspace`)
// shows exactly that.

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

export const noFigures = (): Figures =>
  Object.fromEntries(METRICS.map((metric) => [metric, { count: 0, people: 0 }])) as Figures;

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
  /** Communities under the privacy threshold in members, counted together (people counted once across them). */
  pool: CommunityWeek | null;
  total: { sessionsHeld: number; sessionsMissed: number; figures: Figures };
}

/**
 * Per metric and pooled community: the distinct people behind its part of the pool, and how many of
 * them took part in no other pooled community (so the pool without it has `pool people - exclusive`).
 */
export type PoolBreakdown = Record<Metric, { communityId: number; people: number; exclusive: number }[]>;

/** What a reader sees in place of a figure: the count, "fewer than <threshold>", or "kept back". */
export type Shown = { kind: 'count'; count: number } | { kind: 'too-few' } | { kind: 'withheld' };

export type ShownFigures = Record<Metric, Shown>;

/**
 * Mentoring across the workspace (asks for one-on-one help, pairing rounds), counted only for the
 * whole workspace, never per circle, mentor or topic (see mentoring-figures.ts for why).
 * - asksMade: asks made in the week; people: distinct askers.
 * - asksAnswered: asks a mentor took in the week, whenever they were made; people: the fewer of the
 *   distinct askers and the distinct mentors, as an answered ask describes both.
 * - pairsIntroduced: groups (pairs, trios) of the rounds run in the week; people: their members.
 * - pairsMet: groups whose first "we met" answer came in the week; people: their members.
 * - protocolsHeld: critical-friends protocol sessions opened in the week; people: their presenters
 *   and everyone who replied in them.
 * - visitsMade: classroom visits whose lesson fell in the week, agreed to (and not called off);
 *   people: both teachers of each.
 * No text of a protocol or a visit is ever counted or shown: those belong to the teachers.
 */
export const MENTORING_METRICS = [
  'asksMade',
  'asksAnswered',
  'pairsIntroduced',
  'pairsMet',
  'protocolsHeld',
  'visitsMade',
] as const;

export type MentoringMetric = (typeof MENTORING_METRICS)[number];

export type MentoringFigures = Record<MentoringMetric, Figure>;

/** The week's mentoring as counted: `inUse` when the workspace has taken mentoring up at all (mentors, asks, pairing). */
export interface CountedMentoring {
  inUse: boolean;
  figures: MentoringFigures;
}

/** One row of a digest as shown. Sessions are counts of sessions, shown as they are. */
export interface ShownRow {
  sessionsHeld: number;
  sessionsMissed: number;
  figures: ShownFigures;
}

/**
 * A week as it is shown, stored once when the week is first counted (jsonb in digest_weeks) and
 * never recounted: figures, never texts, and no count of people behind a hidden figure.
 */
export interface StoredWeek {
  version: 2;
  /** The Monday the week starts on, YYYY-MM-DD, in the zone of whoever first asked for it. */
  weekStart: string;
  /**
   * The instants counted over, ISO. A week never overlaps a stored neighbour: it starts no earlier
   * than the week before ended, so no two stored weeks can be subtracted to isolate a few hours.
   */
  from: string;
  to: string;
  /** The smallest group a figure could describe when the week was counted (`privacy <n>`). */
  threshold: number;
  /** Each circle shown on its own, quiet ones too (names are looked up when shown: no text is stored here). */
  circles: (ShownRow & { communityId: number })[];
  /** The smaller circles counted together; `communityIds` is kept for the record, never shown. */
  pool: (ShownRow & { circles: number; members: number; communityIds: number[] }) | null;
  total: ShownRow;
  suggestions: Suggestion[];
  /**
   * Mentoring across the workspace, as shown. Null: the workspace had not taken mentoring up when
   * the week was counted (no mentors, asks or pairing), so there is nothing to tell. Absent: the week
   * was counted before mentoring was, and is shown without it.
   */
  mentoring?: Record<MentoringMetric, Shown> | null;
}
