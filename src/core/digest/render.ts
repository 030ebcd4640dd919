import type { Message } from '../messages.js';
import { poolShown } from './privacy.js';
import { renderCompactDigest } from './render-compact.js';
import {
  chunk,
  closingLine,
  figureLine,
  GONE,
  highlightSource,
  HIGHLIGHTS_INTRO,
  mentoringLine,
  mentorSuggestions,
  NO_HIGHLIGHTS,
  privacyNote,
  soFarLine,
  suggestionLine,
  title,
  type DigestContent,
} from './render-parts.js';
import type { NamedSuggestion } from './suggestions.js';
import { trendSection } from './trend.js';

// The digest as a platform-neutral message. A school with a few circles reads every circle in the
// message itself; a larger one reads one screen (the school, its movement, the few circles a little
// support could help) and gets the full table beside it as a file (render-compact.ts).

export type { DigestContent } from './render-parts.js';

/** Up to this many circles shown on their own, the digest lists each of them in the message. */
export const FULL_TABLE_UP_TO = 8;

/** Whether a week's digest lists every circle in the message, or sums up and sends the table as a file. */
export const digestLayout = (stored: { circles: readonly unknown[] }): 'full' | 'compact' =>
  stored.circles.length > FULL_TABLE_UP_TO ? 'compact' : 'full';

/** And at most 50 blocks a message: circles beyond this many sections are summed up in one line. */
const MAX_CIRCLE_SECTIONS = 30;

/** A few of each kind by name; the rest counted, so a long list never crowds out the digest. */
const SUGGESTIONS_BY_NAME = 8;

function suggestionLines(suggestions: readonly NamedSuggestion[]): string[] {
  return (['quiet', 'no-facilitator'] as const).flatMap((kind) => {
    const all = suggestions.filter((s) => s.kind === kind);
    const named = all.slice(0, SUGGESTIONS_BY_NAME).map(suggestionLine);
    const more = all.length - named.length;
    if (more <= 0) return named;
    const rest =
      kind === 'quiet'
        ? `${more} more ${more === 1 ? 'circle has' : 'circles have'} not met for two weeks or more either.`
        : `${more} more ${more === 1 ? 'schedule has' : 'schedules have'} no facilitator either.`;
    return [...named, `• ${rest}`];
  });
}

/** The digest in the layout its week calls for; `layout` forces one (a platform that cannot take the file gets the full one). */
export function renderDigest(content: DigestContent, layout = digestLayout(content.stored)): Message {
  return layout === 'compact' ? renderCompactDigest(content) : renderFullDigest(content);
}

/** Every circle in the message, as a school with a few circles has always read it. */
function renderFullDigest(content: DigestContent): Message {
  const { stored } = content;
  const k = stored.threshold;

  // Every circle is listed, a quiet one too: nothing happening is worth seeing, and is no one's fault.
  const nameOf = (communityId: number) => content.names.get(communityId) ?? GONE;
  const named = stored.circles
    .map((circle) => ({ circle, name: nameOf(circle.communityId) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const circleSections = chunk(named.map(({ circle, name }) => `${name}: ${figureLine(circle, k)}`));
  const shownSections = circleSections.slice(0, MAX_CIRCLE_SECTIONS);
  if (circleSections.length > shownSections.length) {
    shownSections.push(`…and more circles: every one of them is counted in the figures across the school.`);
  }

  const pool = stored.pool;
  const poolSection = !pool
    ? []
    : poolShown(pool, k)
      ? [
          `Smaller circles (${pool.circles} ${pool.circles === 1 ? 'circle' : 'circles'} with fewer than ${k} members, counted together): ${figureLine(pool, k)}`,
        ]
      : [
          `Smaller circles: together fewer than ${k} people, so their figures stay within the totals across the school.`,
        ];

  const from = highlightSource(content);
  const highlights = content.highlights.length
    ? chunk([HIGHLIGHTS_INTRO, ...content.highlights.map((h) => `• "${h.text}" (${from(h.communityId)})`)])
    : [NO_HIGHLIGHTS];

  const suggestions = stored.suggestions.length
    ? chunk([
        'Gentle suggestions:',
        ...suggestionLines(stored.suggestions.map((s) => ({ ...s, name: nameOf(s.communityId) }))),
      ])
    : [];

  const sections = [
    privacyNote(stored),
    [`Across the school: ${figureLine(stored.total, k)}`, ...mentoringLine(stored)].join('\n'),
    trendSection(content.trend.weekStarts, content.trend.weeks),
    ...(shownSections.length ? shownSections : ['No circles yet. Any channel becomes one with `setup`.']),
    ...poolSection,
    ...highlights,
    ...chunk(mentorSuggestions(content)),
    ...suggestions,
    ...soFarLine(content),
    closingLine(content),
  ];
  return { text: title(content), sections };
}
