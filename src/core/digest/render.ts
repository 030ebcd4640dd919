import { DateTime } from 'luxon';
import type { Message } from '../messages.js';
import type { Metric, Shown, ShownRow, StoredWeek } from './figures.js';
import { poolShown } from './privacy.js';
import type { NamedSuggestion } from './suggestions.js';
import { trendSection } from './trend.js';

// The digest as a platform-neutral message, in the product's voice: what is happening and what is
// working, never who did or did not. No score, rank or name of a teacher appears here; the only
// words of teachers are the highlights they chose to share.

/** Slack takes at most 3,000 characters a section; longer lists are split between sections. */
const SECTION_CHARS = 2800;
/** And at most 50 blocks a message: circles beyond this many sections are summed up in one line. */
const MAX_CIRCLE_SECTIONS = 30;

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
}

/** A circle counted in a stored week and since removed. */
export const GONE = 'a circle no longer here';

export function say(shown: Shown, threshold: number): string {
  if (shown.kind === 'count') return String(shown.count);
  return shown.kind === 'too-few' ? `fewer than ${threshold}` : 'kept back';
}

/** The figures of one row as stored: a community's cells, the smaller circles', or the school's. */
function figureLine(row: ShownRow, threshold: number): string {
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

/** Lines joined into as few sections as fit the platform's limits. */
function chunk(lines: readonly string[]): string[] {
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

/** How long a quiet circle has not met; a week stored before the weeks were kept says "two weeks or more". */
const quietFor = (weeks: number | undefined) => (weeks === undefined ? 'two weeks or more' : weeks === 2 ? 'two weeks' : `${weeks} weeks`);

function suggestionLine(suggestion: NamedSuggestion): string {
  if (suggestion.kind === 'quiet') {
    // A circle with a schedule has one: what helps there is a word with whoever runs it.
    const help = suggestion.scheduled === false ? 'A friendly word with its facilitator, or a regular `schedule`, can' : 'A friendly word with its facilitator can';
    return `• ${suggestion.name} has not met for ${quietFor(suggestion.weeks)}. ${help} help it find its rhythm again.`;
  }
  return `• ${suggestion.name} has sessions scheduled but no facilitator. Naming one with \`facilitator add @person\` in its channel gives it someone to look after it.`;
}

/** A few of each kind by name; the rest counted, so a long list never crowds out the digest. */
const SUGGESTIONS_BY_NAME = 8;

function suggestionLines(suggestions: readonly NamedSuggestion[]): string[] {
  return (['quiet', 'no-facilitator'] as const).flatMap((kind) => {
    const all = suggestions.filter((s) => s.kind === kind);
    const named = all.slice(0, SUGGESTIONS_BY_NAME).map(suggestionLine);
    const more = all.length - named.length;
    if (more <= 0) return named;
    const rest = kind === 'quiet' ? `${more} more ${more === 1 ? 'circle has' : 'circles have'} not met for two weeks or more either.` : `${more} more ${more === 1 ? 'schedule has' : 'schedules have'} no facilitator either.`;
    return [...named, `• ${rest}`];
  });
}

export function renderDigest(content: DigestContent): Message {
  const { stored } = content;
  const k = stored.threshold;
  const title = content.preview
    ? `Your Mentor Circle digest for the week of ${dates(stored.weekStart)}, as it is sent, only for you`
    : `Your Mentor Circle digest for the week of ${dates(stored.weekStart)}`;

  const withheld = [stored.total, ...(stored.pool ? [stored.pool] : [])].some((row) => Object.values(row.figures).some((shown) => shown.kind === 'withheld'));

  // Every circle is listed, a quiet one too: nothing happening is worth seeing, and is no one's fault.
  const nameOf = (communityId: number) => content.names.get(communityId) ?? GONE;
  const named = stored.circles.map((circle) => ({ circle, name: nameOf(circle.communityId) })).sort((a, b) => a.name.localeCompare(b.name));
  const circleSections = chunk(named.map(({ circle, name }) => `${name}: ${figureLine(circle, k)}`));
  const shownSections = circleSections.slice(0, MAX_CIRCLE_SECTIONS);
  if (circleSections.length > shownSections.length) {
    shownSections.push(`…and more circles: every one of them is counted in the figures across the school.`);
  }

  const pool = stored.pool;
  const poolSection = !pool
    ? []
    : poolShown(pool, k)
      ? [`Smaller circles (${pool.circles} ${pool.circles === 1 ? 'circle' : 'circles'} with fewer than ${k} members, counted together): ${figureLine(pool, k)}`]
      : [`Smaller circles: together fewer than ${k} people, so their figures stay within the totals across the school.`];

  const pooled = new Set(pool?.communityIds ?? []);
  const shownOnItsOwn = new Set(stored.circles.map((c) => c.communityId));
  const highlights = content.highlights.length
    ? chunk([
        "What's working, in teachers' own words, shared with school leaders by choice:",
        ...content.highlights.map((h) => `• "${h.text}" (${pooled.has(h.communityId) ? 'a smaller circle' : shownOnItsOwn.has(h.communityId) ? nameOf(h.communityId) : 'a circle'})`),
      ])
    : ["What's working: no check-ins were shared with school leaders this week. Teachers can tick \"share with school leaders\" on the check-in form when they wish."];

  const suggestions = stored.suggestions.length
    ? chunk(['Gentle suggestions:', ...suggestionLines(stored.suggestions.map((s) => ({ ...s, name: nameOf(s.communityId) })))])
    : [];

  const notes = [
    `Figures drawn from fewer than ${k} people show as "fewer than ${k}", so no one can be singled out. Nothing here scores, ranks or evaluates anyone.`,
    ...(withheld ? [`"Kept back": a figure that, beside the others shown, would show what fewer than ${k} people did.`] : []),
  ].join(' ');

  const soFar = content.soFar
    ? [
        `This week so far: ${content.soFar.sessionsHeld} ${content.soFar.sessionsHeld === 1 ? 'session' : 'sessions'} held across the school. Figures about people are counted once, when the week is over, and never shown for part of a week.`,
      ]
    : [];

  const sections = [
    notes,
    `Across the school: ${figureLine(stored.total, k)}`,
    trendSection(content.trend.weekStarts, content.trend.weeks),
    ...(shownSections.length ? shownSections : ['No circles yet. Any channel becomes one with `setup`.']),
    ...poolSection,
    ...highlights,
    ...suggestions,
    ...soFar,
    content.preview
      ? 'This preview is only for you. `digest <day> <HH:MM>` sets when the weekly digest goes out.'
      : '`digest` shows this digest again; `digest <day> <HH:MM>` sets when the weekly digest goes out.',
  ];
  return { text: title, sections };
}
