// A SMART goal is the teacher's own: small, measurable, expected to change. Achieved, reworked and
// dropped are all normal endings.

export type GoalStatus = 'active' | 'achieved' | 'reworked' | 'dropped';
export type GoalCadence = 'weekly' | 'biweekly' | 'monthly';

export const MAX_ACTIVE_GOALS = 3;

export interface GoalDraft {
  /** What I will do (specific). */
  specific: string;
  /** How I will know: something countable, such as "20 read-alouds". */
  measure: string;
  /** My first step (achievable). */
  firstStep: string | null;
  /** Why it matters for my students (relevant). */
  relevance: string | null;
  /** By when (time-bound), YYYY-MM-DD. */
  dueOn: string;
  /** How often to check in. */
  cadence: GoalCadence;
  /** Celebrate reaching it in the community channel. */
  celebrate: boolean;
}

export interface Goal extends GoalDraft {
  id: number;
  /** What its owner calls it (`goal achieved 2`): fixed when it is set, never reused. */
  number: number;
  memberId: number;
  communityId: number | null;
  status: GoalStatus;
  /** The number found in the measure, if any: what progress is counted against. */
  target: number | null;
  unit: string | null;
  /** The two latest values logged, newest first. */
  latest: number | null;
  previous: number | null;
  endedAt: Date | null;
  createdAt: Date;
  snoozedUntil: Date | null;
  /** Nudges about this goal since the teacher last answered one. */
  unanswered: number;
}

/** "20 read-alouds" -> target 20, unit "read-alouds"; no number -> no target. */
export function readMeasure(measure: string): { target: number | null; unit: string | null } {
  const match = /(\d+(?:[.,]\d+)?)\s*(.*)$/.exec(measure.trim());
  if (!match?.[1]) return { target: null, unit: null };
  const target = Number(match[1].replace(',', '.'));
  const unit = (match[2] ?? '').trim() || null;
  return target > 0 ? { target, unit } : { target: null, unit: null };
}

const CADENCE_WORDS: Record<GoalCadence, string> = {
  weekly: 'every week',
  biweekly: 'every two weeks',
  monthly: 'every month',
};

/** One line for `goals`: what, how far, which way it is going, and when. */
export function describeProgress(goal: Goal): string {
  const unit = goal.unit ? ` ${goal.unit}` : '';
  let progress = 'no progress logged yet';
  if (goal.latest !== null) {
    progress = goal.target
      ? `${goal.latest} of ${goal.target}${unit} (${Math.round((goal.latest / goal.target) * 100)}%)`
      : `${goal.latest}${unit}`;
    if (goal.previous !== null) {
      const trend = goal.latest > goal.previous ? 'up' : goal.latest < goal.previous ? 'down' : 'steady';
      progress += trend === 'steady' ? ', steady' : `, ${trend} from ${goal.previous}`;
    }
  }
  return `${goal.specific}: ${progress}. By ${goal.dueOn}, checking in ${CADENCE_WORDS[goal.cadence]}.`;
}

export const ENDING_WORDS: Record<Exclude<GoalStatus, 'active'>, string> = {
  achieved: 'achieved',
  reworked: 'reworked into a new goal',
  dropped: 'set aside',
};
