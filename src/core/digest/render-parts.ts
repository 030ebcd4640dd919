import type { SuggestionShown } from '../mentoring/suggestion.js';
import { DateTime } from 'luxon';
import {
  MENTORING_METRICS,
  type MentoringMetric,
  type Metric,
  type Shown,
  type ShownRow,
  type StoredWeek,
} from './figures.js';
import type { NamedSuggestion } from './suggestions.js';

// Pieces both layouts of the digest share: how a figure is said, a row of figures, the week's dates,
// the gentle suggestions, the notes on privacy. In the product's voice: what is happening and what
// is working, never who did or did not.

/** Slack takes at most 3,000 characters a section; longer lists are split between sections. */
const SECTION_CHARS = 2800;

export interface DigestContent {
  preview: boolean;
  /** The week as it was stored when first counted: every figure and name here comes from it. */
  stored: StoredWeek;
  /** Community names by id, as they are now: a stored week keeps ids only. */
  names: ReadonlyMap<number, string>;
  /** Shared check-ins of the week; a pooled circle's are labelled "a smaller circle". */
  highlights: readonly { communityId: number; text: string }[];
  /** The trend's weeks, oldest first, this week last, and the weeks stored for them. */
  trend: { weekStarts: readonly string[]; weeks: readonly StoredWeek[] };
  /** A preview only: sessions held since this week began, across the school (counts of sessions, not of people). */
  soFar?: { sessionsHeld: number } | null;
  /** What mentors and facilitators suggested to leaders this week, named only where the sender chose. */
  suggestions?: { shown: readonly SuggestionShown[]; total: number };
}

/** "Suggestions from mentors": the senders' own words to leaders, each line a suggestion. */
export function mentorSuggestions(content: DigestContent, cut: (text: string) => string = (text) => text): string[] {
  const given = content.suggestions;
  if (!given || given.shown.length === 0) return [];
  const more = given.total - given.shown.length;
  return [
    'Suggestions from mentors (their own words to you):',
    ...given.shown.map((s) => `• "${cut(s.text)}"${s.by ? ` (${s.by})` : ''}`),
    ...(more > 0 ? [`• …and ${more} more this week, which did not fit here.`] : []),
  ];
}

/** A circle counted in a stored week and since removed. */
export const GONE = 'a circle no longer here';

export function say(shown: Shown, threshold: number): string {
  if (shown.kind === 'count') return String(shown.count);
  return shown.kind === 'too-few' ? `fewer than ${threshold}` : 'kept back';
}

/** The figures of one row as stored: a community's cells, the smaller circles', or the school's. */
export function figureLine(row: ShownRow, threshold: number): string {
  const show = (metric: Metric) => say(row.figures[metric], threshold);
  return [
    `sessions held: ${row.sessionsHeld}`,
    ...(row.sessionsMissed > 0 ? [`scheduled sessions missed: ${row.sessionsMissed}`] : []),
    `taking part: ${show('participants')}`,
    `opening check-ins: ${show('opening')}`,
    `closing check-ins: ${show('closing')}`,
    `reflections: ${show('reflections')}`,
    `new goals: ${show('goalsNew')}`,
    `goals under way: ${show('goalsActive')}`,
    `achieved: ${show('goalsAchieved')}`,
    `reworked: ${show('goalsReworked')}`,
    `set aside: ${show('goalsDropped')}`,
  ].join(' · ');
}

/** How the digest and `export workspace` name each mentoring figure. */
export const MENTORING_LABELS: Record<MentoringMetric, string> = {
  asksMade: 'asks made',
  asksAnswered: 'asks answered by a mentor',
  pairsIntroduced: 'pairs introduced',
  pairsMet: 'pairs that met',
  protocolsHeld: 'critical-friends protocols held',
  visitsMade: 'classroom visits made',
};

/**
 * The school's mentoring in one line, beside its other figures; nothing for a week counted before
 * mentoring was, or in a school that had not taken it up (a line of zeros would only be noise).
 */
export function mentoringLine(stored: StoredWeek): string[] {
  const shown = stored.mentoring;
  if (!shown) return [];
  const figures = MENTORING_METRICS.map(
    (metric) => `${MENTORING_LABELS[metric]}: ${say(shown[metric], stored.threshold)}`,
  );
  return [
    `Mentoring across the school, counts only (never what was asked or said, or by whom): ${figures.join(' · ')}`,
  ];
}

/** Lines joined into as few sections as fit the platform's limits. */
export function chunk(lines: readonly string[]): string[] {
  const sections: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > SECTION_CHARS) {
      sections.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push(current);
  return sections;
}

/** "30 Nov to 6 Dec 2026": the week's Monday to its Sunday, as dates, whoever reads it. */
function dates(weekStart: string): string {
  const monday = DateTime.fromISO(weekStart, { zone: 'UTC' });
  return `${monday.toFormat('d LLL')} to ${monday.plus({ days: 6 }).toFormat('d LLL yyyy')}`;
}

export function title(content: DigestContent): string {
  const week = dates(content.stored.weekStart);
  return content.preview
    ? `Your Mentor Circle digest for the week of ${week}, as it is sent, only for you`
    : `Your Mentor Circle digest for the week of ${week}`;
}

/** How long a quiet circle has not met; a week stored before the weeks were kept says "two weeks or more". */
const quietFor = (weeks: number | undefined) =>
  weeks === undefined ? 'two weeks or more' : weeks === 2 ? 'two weeks' : `${weeks} weeks`;

export function suggestionLine(suggestion: NamedSuggestion): string {
  if (suggestion.kind === 'quiet') {
    // A circle with a schedule has one: what helps there is a word with whoever runs it.
    const help =
      suggestion.scheduled === false
        ? 'A friendly word with its facilitator, or a regular `schedule`, can'
        : 'A friendly word with its facilitator can';
    return `• ${suggestion.name} has not met for ${quietFor(suggestion.weeks)}. ${help} help it find its rhythm again.`;
  }
  return `• ${suggestion.name} has sessions scheduled but no facilitator. Naming one with \`facilitator add @person\` in its channel gives it someone to look after it.`;
}

/** The note on how figures are shown, with "kept back" explained when a figure of the week is. */
export function privacyNote(stored: StoredWeek): string {
  const k = stored.threshold;
  const withheld = [stored.total, ...(stored.pool ? [stored.pool] : [])].some((row) =>
    Object.values(row.figures).some((shown) => shown.kind === 'withheld'),
  );
  return [
    `Figures drawn from fewer than ${k} people show as "fewer than ${k}", so no one can be singled out. Nothing here scores, ranks or evaluates anyone.`,
    ...(withheld
      ? [`"Kept back": a figure that, beside the others shown, would show what fewer than ${k} people did.`]
      : []),
  ].join(' ');
}

/** A preview's sessions so far this week, if any. */
export function soFarLine(content: DigestContent): string[] {
  const soFar = content.soFar;
  if (!soFar) return [];
  return [
    `This week so far: ${soFar.sessionsHeld} ${soFar.sessionsHeld === 1 ? 'session' : 'sessions'} held across the school. Figures about people are counted once, when the week is over, and never shown for part of a week.`,
  ];
}

export function closingLine(content: DigestContent): string {
  return content.preview
    ? 'This preview is only for you. `digest <day> <HH:MM>` sets when the weekly digest goes out.'
    : '`digest` shows this digest again; `digest <day> <HH:MM>` sets when the weekly digest goes out.';
}

/** Where a shared highlight comes from: its circle, or "a smaller circle" when it was counted in the pool. */
export function highlightSource(content: DigestContent): (communityId: number) => string {
  const pooled = new Set(content.stored.pool?.communityIds ?? []);
  const shownOnItsOwn = new Set(content.stored.circles.map((c) => c.communityId));
  return (communityId) =>
    pooled.has(communityId)
      ? 'a smaller circle'
      : shownOnItsOwn.has(communityId)
        ? (content.names.get(communityId) ?? GONE)
        : 'a circle';
}

export const HIGHLIGHTS_INTRO = "What's working, in teachers' own words, shared with school leaders by choice:";
export const NO_HIGHLIGHTS =
  'What\'s working: no check-ins were shared with school leaders this week. Teachers can tick "share with school leaders" on the check-in form when they wish.';
