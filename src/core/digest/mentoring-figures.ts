import { MENTORING_METRICS, type CountedMentoring, type MentoringMetric, type Shown } from './figures.js';
import { showFigure } from './privacy.js';

// Mentoring in the digest: how many asks were made and answered, how many pairs were introduced and
// met, across the whole workspace. Admins see counts only: never what was asked, by whom or of whom.
//
// Why the fewer-than-threshold rule alone is enough here, with no "kept back":
// - Every mentoring figure is the workspace's, never a circle's, a mentor's or a topic's, so no shown
//   mentoring figure is a part of another one: there is no "total minus the parts shown" to work out.
// - Made and answered count different events: an ask answered this week may have been made in any
//   week before, so answered is not a part of made and their difference is no group of asks or
//   people (it can be negative). Introduced and met likewise: a group counts as met in the week of
//   its first "we met", from a round of any week. Even in a week where every ask answered was made
//   that week, what the difference could tell (some asks are still waiting) is no one's: leaders are
//   already told of each ask no mentor could take, without its words or its asker's name.
// - They count other acts than the check-in and goal figures, so subtracting one from those leaves
//   no one's activity either.
// - Weeks never overlap (count-week.ts cuts each window at its stored neighbours) and each is stored
//   once as shown, so the same hours are never counted twice to be subtracted.
// An answered ask describes its mentor as much as its asker: its people are the fewer of the two, so
// one mentor answering every ask of the week shows as "fewer than 3", however many asked.

/** Each mentoring figure as shown; null when the workspace has not taken mentoring up, so it reads no line of zeros. */
export function showMentoring(counted: CountedMentoring, threshold: number): Record<MentoringMetric, Shown> | null {
  if (!counted.inUse) return null;
  return Object.fromEntries(
    MENTORING_METRICS.map((metric) => [metric, showFigure(counted.figures[metric], threshold)]),
  ) as Record<MentoringMetric, Shown>;
}

/** An answered ask's people: the fewer of its askers and its mentors. */
export const answeredPeople = (askers: number, helpers: number): number => Math.min(askers, helpers);
