import type { Message } from '../messages.js';
import { shorten } from '../text/graphemes.js';
import { ATTENTION_BY_NAME, circlesNeedingSupport, safeBesideTotal, type SupportNeed } from './attention.js';
import type { Metric, StoredWeek } from './figures.js';
import { poolShown } from './privacy.js';
import {
  closingLine,
  figureLine,
  highlightSource,
  HIGHLIGHTS_INTRO,
  mentoringLine,
  mentorSuggestions,
  NO_HIGHLIGHTS,
  privacyNote,
  say,
  soFarLine,
  suggestionLine,
  title,
  type DigestContent,
} from './render-parts.js';
import { trendSection } from './trend.js';

// The digest of a larger school on one screen: the school's figures and how they moved since the
// week before, the trend, the few circles a little support could help, and what is working. The
// table of every circle goes with it as a file, with exactly the rows and figures the message used
// to hold, so every privacy rule of the stored week applies to it unchanged. The message prints no
// figure the table does not, and names a circle's count beside the total only where no remainder
// of 1 to k - 1 could be worked out (attention.ts).

/** Shared highlights shown, each cut to a few lines: the words of teachers, not their essays. */
const HIGHLIGHTS_SHOWN = 3;
const HIGHLIGHT_UNITS = 240;
const NAME_UNITS = 60;

/** The school figures whose movement is told, in the order shown. */
const MOVES: readonly { metric: Metric; label: string }[] = [
  { metric: 'participants', label: 'taking part' },
  { metric: 'opening', label: 'opening check-ins' },
  { metric: 'reflections', label: 'reflections' },
  { metric: 'goalsNew', label: 'new goals' },
  { metric: 'goalsAchieved', label: 'goals achieved' },
];

/** "up 12", "down 3", "the same"; a change in people smaller than the threshold is "about the same". */
function change(now: number, before: number, smallest: number): string {
  const delta = now - before;
  if (delta === 0) return 'the same';
  if (Math.abs(delta) < smallest) return 'about the same';
  return delta > 0 ? `up ${delta}` : `down ${-delta}`;
}

/** The school's figures against the week stored before this one (both already shown, each in its own digest). */
export function movementLine(week: StoredWeek, before: StoredWeek | null): string {
  if (!before) return 'There is no earlier week stored to compare with yet.';
  // Sessions are counts of sessions, told as they are; a change in people is told only from the threshold up.
  const smallest = Math.max(week.threshold, before.threshold);
  const moves = [
    `sessions held ${change(week.total.sessionsHeld, before.total.sessionsHeld, 1)}`,
    ...MOVES.flatMap(({ metric, label }) => {
      const now = week.total.figures[metric];
      const was = before.total.figures[metric];
      return now.kind === 'count' && was.kind === 'count' ? [`${label} ${change(now.count, was.count, smallest)}`] : [];
    }),
  ];
  return `Since the week before: ${moves.join(' · ')}.`;
}

function supportLine(need: SupportNeed, withCounts: boolean, threshold: number): string {
  const name = shorten(need.name, NAME_UNITS);
  const unled = need.alsoNoFacilitator
    ? ' It has no facilitator yet: `facilitator add @person` in its channel names one.'
    : '';
  const reason = need.reason;
  if (reason.kind === 'fewer-taking-part') {
    const what = withCounts
      ? `${say(reason.now, threshold)} taking part, from ${reason.before} the week before`
      : 'fewer people took part than the week before';
    return `• ${name}: ${what}. Asking its facilitator what would help (another time, a fresh prompt) may be welcome.${unled}`;
  }
  if (reason.kind === 'quiet') return `${suggestionLine({ ...reason, communityId: need.communityId, name })}${unled}`;
  return suggestionLine({ kind: 'no-facilitator', communityId: need.communityId, name });
}

function supportSection(content: DigestContent, before: StoredWeek | null): string {
  const { stored } = content;
  const k = stored.threshold;
  const needs = circlesNeedingSupport(stored, before, content.names);
  const named = needs.slice(0, ATTENTION_BY_NAME);
  // Counts of the named circles, this week's beside this week's total and last week's beside the
  // total the trend shows for it: printed only when no subtraction leaves a small remainder.
  const falls = named.flatMap((need) => (need.reason.kind === 'fewer-taking-part' ? [need.reason] : []));
  const withCounts =
    safeBesideTotal(
      stored.total.figures.participants,
      falls.flatMap((f) => (f.now.kind === 'count' ? [f.now.count] : [])),
      k,
    ) &&
    (!before ||
      safeBesideTotal(
        before.total.figures.participants,
        falls.map((f) => f.before),
        before.threshold,
      ));
  const more = needs.length - named.length;
  const pool = stored.pool;
  const rows = `${stored.circles.length} circles${pool && poolShown(pool, k) ? `, and the ${pool.circles} smaller ${pool.circles === 1 ? 'circle' : 'circles'} counted together` : ''}`;
  return [
    ...(named.length
      ? [
          'Where a little support could help this week (about circles, never about any one teacher):',
          ...named.map((need) => supportLine(need, withCounts, k)),
          ...(more > 0 ? [`• …and ${more} more ${more === 1 ? 'circle' : 'circles'} where the same may help.`] : []),
        ]
      : [
          'No circle has been quiet for two weeks, seen far fewer people take part, or has a schedule without a facilitator this week.',
        ]),
    `Every circle's figures, one row each (${rows}), are in the table that comes with this digest (a CSV file).`,
  ].join('\n');
}

export function renderCompactDigest(content: DigestContent): Message {
  const { stored } = content;
  const k = stored.threshold;
  const previousStart = content.trend.weekStarts.at(-2);
  const before =
    content.trend.weeks.find((w) => w.weekStart === previousStart && w.weekStart !== stored.weekStart) ?? null;

  const pool = stored.pool;
  const poolLine = !pool
    ? []
    : poolShown(pool, k)
      ? [`Smaller circles (${pool.circles} with fewer than ${k} members) are counted together, in the table.`]
      : [
          `Smaller circles: together fewer than ${k} people, so their figures stay within the totals across the school.`,
        ];

  const from = highlightSource(content);
  const shared = content.highlights.slice(0, HIGHLIGHTS_SHOWN);
  const highlights = shared.length
    ? [
        HIGHLIGHTS_INTRO,
        ...shared.map((h) => `• "${shorten(h.text, HIGHLIGHT_UNITS)}" (${shorten(from(h.communityId), NAME_UNITS)})`),
      ].join('\n')
    : NO_HIGHLIGHTS;

  return {
    text: title(content),
    sections: [
      privacyNote(stored),
      [
        `Across the school: ${figureLine(stored.total, k)}`,
        movementLine(stored, before),
        ...poolLine,
        ...mentoringLine(stored),
      ].join('\n'),
      trendSection(content.trend.weekStarts, content.trend.weeks),
      supportSection(content, before),
      highlights,
      ...(content.suggestions?.shown.length
        ? [mentorSuggestions(content, (text) => shorten(text, HIGHLIGHT_UNITS)).join('\n')]
        : []),
      [...soFarLine(content), closingLine(content)].join('\n'),
    ],
  };
}
