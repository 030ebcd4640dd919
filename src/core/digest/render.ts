import { DateTime } from 'luxon';
import type { Message } from '../messages.js';
import { noFigures, type CommunityWeek, type Metric, type StoredWeek } from './figures.js';
import { poolShown, showFigure, showTotal, type Shown } from './privacy.js';
import type { Suggestion } from './suggestions.js';
import { trendSection } from './trend.js';
import type { DigestWeek } from './week.js';

// The digest as a platform-neutral message, in the product's voice: what is happening and what is
// working, never who did or did not. No score, rank or name of a teacher appears here; the only
// words of teachers are the highlights they chose to share.

/** Slack takes at most 3,000 characters a section; longer lists are split between sections. */
const SECTION_CHARS = 2800;
/** And at most 50 blocks a message: circles beyond this many sections are summed up in one line. */
const MAX_CIRCLE_SECTIONS = 30;

export interface DigestContent {
  week: DigestWeek;
  preview: boolean;
  stored: StoredWeek;
  /** Community names by id. */
  names: ReadonlyMap<number, string>;
  /** Communities shown only within "smaller circles": their highlights do not name them. */
  pooledIds: ReadonlySet<number>;
  highlights: readonly { communityId: number; text: string }[];
  suggestions: readonly Suggestion[];
  /** The trend's weeks, oldest first, this week last, and the weeks stored for them. */
  trend: { weekStarts: readonly string[]; weeks: readonly StoredWeek[] };
  /** The admin's zone, for the dates in the title. */
  timeZone: string;
}

export function say(shown: Shown): string {
  if (shown.kind === 'count') return String(shown.count);
  return shown.kind === 'fewer-than-3' ? 'fewer than 3' : 'kept back';
}

/** The figures of one row, shown through `show`: a community's cells, or the workspace's totals. */
function figureLine(show: (metric: Metric) => Shown, sessions: { held: number; missed: number }): string {
  return [
    `sessions held: ${sessions.held}`,
    ...(sessions.missed > 0 ? [`scheduled sessions missed: ${sessions.missed}`] : []),
    `taking part: ${say(show('participants'))}`,
    `opening check-ins: ${say(show('opening'))}`,
    `closing check-ins: ${say(show('closing'))}`,
    `reflections: ${say(show('reflections'))}`,
    `new goals: ${say(show('goalsNew'))}`,
    `goals under way: ${say(show('goalsActive'))}`,
    `achieved: ${say(show('goalsAchieved'))}`,
    `reworked: ${say(show('goalsReworked'))}`,
    `set aside: ${say(show('goalsDropped'))}`,
  ].join(' · ');
}

const communityLine = (name: string, week: CommunityWeek) =>
  `${name}: ${figureLine((metric) => showFigure(week.figures[metric]), { held: week.sessionsHeld, missed: week.sessionsMissed })}`;

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

function dates(week: DigestWeek, timeZone: string, preview: boolean): string {
  const from = DateTime.fromJSDate(week.from).setZone(timeZone);
  const last = preview ? DateTime.fromJSDate(week.to).setZone(timeZone) : DateTime.fromJSDate(week.to).setZone(timeZone).minus({ days: 1 });
  return `${from.toFormat('d LLL')} to ${last.toFormat('d LLL yyyy')}`;
}

function suggestionLine(suggestion: Suggestion): string {
  if (suggestion.kind === 'quiet') {
    return `• ${suggestion.name} has not met for two weeks. A friendly word with its facilitator, or a regular \`schedule\`, can help it find its rhythm again.`;
  }
  return `• ${suggestion.name} has sessions scheduled but no facilitator. Naming one with \`facilitator add @person\` in its channel gives it someone to look after it.`;
}

/** A few of each kind by name; the rest counted, so a long list never crowds out the digest. */
const SUGGESTIONS_BY_NAME = 8;

function suggestionLines(suggestions: readonly Suggestion[]): string[] {
  return (['quiet', 'no-facilitator'] as const).flatMap((kind) => {
    const all = suggestions.filter((s) => s.kind === kind);
    const named = all.slice(0, SUGGESTIONS_BY_NAME).map(suggestionLine);
    const more = all.length - named.length;
    if (more <= 0) return named;
    const rest = kind === 'quiet' ? `${more} more ${more === 1 ? 'circle has' : 'circles have'} not met for two weeks either.` : `${more} more ${more === 1 ? 'schedule has' : 'schedules have'} no facilitator either.`;
    return [...named, `• ${rest}`];
  });
}

export function renderDigest(content: DigestContent): Message {
  const { stored } = content;
  const title = content.preview
    ? `Your Mentor Circle digest so far this week (${dates(content.week, content.timeZone, true)}), only for you`
    : `Your Mentor Circle digest for the week of ${dates(content.week, content.timeZone, false)}`;

  const total = figureLine((metric) => showTotal(stored, metric), { held: stored.total.sessionsHeld, missed: stored.total.sessionsMissed });
  const withheld = (Object.keys(stored.total.figures) as Metric[]).some((metric) => showTotal(stored, metric).kind === 'withheld');

  // Every circle is listed, a quiet one too: nothing happening is worth seeing, and is no one's fault.
  const weekOf = new Map(stored.communities.map((c) => [c.communityId, c]));
  const named = [...content.names]
    .filter(([communityId]) => !content.pooledIds.has(communityId))
    .map(([communityId, name]) => ({ name, week: weekOf.get(communityId) ?? { communityId, sessionsHeld: 0, sessionsMissed: 0, figures: noFigures() } }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const circleSections = chunk(named.map(({ name, week }) => communityLine(name, week)));
  const shownSections = circleSections.slice(0, MAX_CIRCLE_SECTIONS);
  if (circleSections.length > shownSections.length) {
    shownSections.push(`…and more circles: every one of them is counted in the figures across the school.`);
  }

  const pool = stored.pool;
  const poolSection = !pool
    ? []
    : poolShown(pool)
      ? [`Smaller circles (${pool.circles} ${pool.circles === 1 ? 'circle' : 'circles'} with fewer than 3 members, counted together): ${figureLine((metric) => showFigure(pool.figures[metric]), { held: pool.sessionsHeld, missed: pool.sessionsMissed })}`]
      : ['Smaller circles: together fewer than 3 people, so their figures stay within the totals across the school.'];

  const highlights = content.highlights.length
    ? chunk([
        "What's working, in teachers' own words, shared with school leaders by choice:",
        ...content.highlights.map((h) => `• "${h.text}" (${content.pooledIds.has(h.communityId) ? 'a smaller circle' : (content.names.get(h.communityId) ?? 'a circle')})`),
      ])
    : ["What's working: no check-ins were shared with school leaders this week. Teachers can tick \"share with school leaders\" on the check-in form when they wish."];

  const suggestions = content.suggestions.length ? chunk(['Gentle suggestions:', ...suggestionLines(content.suggestions)]) : [];

  const notes = [
    'Figures drawn from fewer than 3 people show as "fewer than 3", so no one can be singled out. Nothing here scores, ranks or evaluates anyone.',
    ...(withheld ? ['"Kept back": a total across the school that, beside the circles\' figures, would show what one or two people did.'] : []),
  ].join(' ');

  const sections = [
    notes,
    `Across the school: ${total}`,
    trendSection(content.trend.weekStarts, content.trend.weeks),
    ...(shownSections.length ? shownSections : ['No circles yet. Any channel becomes one with `setup`.']),
    ...poolSection,
    ...highlights,
    ...suggestions,
    content.preview
      ? 'This preview is only for you. `digest <day> <HH:MM>` sets when the weekly digest goes out.'
      : '`digest` shows this week so far; `digest <day> <HH:MM>` sets when the weekly digest goes out.',
  ];
  return { text: title, sections };
}
