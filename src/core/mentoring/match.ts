import type { MentorLoad } from '../ports/mentors.js';
import type { Mentor } from './mentor.js';

// Which mentor to offer an ask to. Pure: everything it weighs is passed in.
//
// Only mentors who can take it are ranked: not the asker, not offered it before, not away, with room
// left in their week, and (a circle's mentor) in one of the asker's circles. Among them the best
// topic fit comes first; among equal fits, the one with the least on their plate this week, then the
// one who has helped least overall, so asks are shared out rather than always landing on the same
// person; a tie after that is broken by a hash of ask and mentor, the same on every replica.

export interface Candidate {
  mentor: Mentor;
  load: MentorLoad;
  /** Their chat status says they are away (on holiday, ill), as last heard. */
  statusAway: boolean;
}

export interface MatchInput {
  /** What the asker wrote (what they need, and when it suits). */
  askText: string;
  askId: number;
  askerId: number;
  /** The circles the asker is in: a circle's mentors serve only their circle. */
  askerCircles: ReadonlySet<number>;
  /** Mentors it was offered to already (they passed, or let it lapse). */
  offeredBefore: ReadonlySet<number>;
  candidates: readonly Candidate[];
  now: Date;
}

export interface Ranked {
  mentor: Mentor;
  /** 0 when no topic fits: such a mentor is still a colleague worth asking. */
  fit: number;
  /** The topics of theirs that fit, as they wrote them. */
  fitting: string[];
}

const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'to',
  'in',
  'on',
  'for',
  'with',
  'my',
  'i',
  'me',
  'how',
  'is',
  'it',
  'at',
  'or',
  'do',
  'use',
  'using',
  'help',
]);

/** Words of a text as the matcher compares them: lower case, letters and digits, a plural `s` dropped. */
function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .filter((word) => !STOP_WORDS.has(word))
    .map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word));
}

/** How well one topic fits the ask: the share of its words the ask uses (1: all of them). */
function topicFit(topic: string, askWords: ReadonlySet<string>): number {
  const words = wordsOf(topic);
  if (words.length === 0) return 0;
  return words.filter((word) => askWords.has(word)).length / words.length;
}

export function canTake(
  candidate: Candidate,
  input: Pick<MatchInput, 'askerId' | 'askerCircles' | 'offeredBefore' | 'now'>,
): boolean {
  const { mentor, load } = candidate;
  if (mentor.memberId === input.askerId || input.offeredBefore.has(mentor.memberId)) return false;
  if (candidate.statusAway || (mentor.awayUntil !== null && mentor.awayUntil.getTime() > input.now.getTime()))
    return false;
  if (mentor.communityId !== null && !input.askerCircles.has(mentor.communityId)) return false;
  return load.waiting + load.takenSince < mentor.perWeek;
}

/** FNV-1a over the ask and mentor ids: a tie is broken the same way everywhere, differently per ask. */
function tieBreak(askId: number, memberId: number): number {
  let hash = 0x811c9dc5;
  for (const char of `${askId}:${memberId}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A mentor's topics that fit the text, best first. */
export function fittingTopics(topics: readonly string[], text: string): string[] {
  const askWords = new Set(wordsOf(text));
  return topics
    .map((topic) => ({ topic, fit: topicFit(topic, askWords) }))
    .filter((t) => t.fit > 0)
    .sort((a, b) => b.fit - a.fit)
    .map((t) => t.topic);
}

/** Mentors who can take the ask, best first. */
export function rankMentors(input: MatchInput): Ranked[] {
  const askWords = new Set(wordsOf(input.askText));
  return input.candidates
    .filter((candidate) => canTake(candidate, input))
    .map((candidate) => {
      const fits = candidate.mentor.topics
        .map((topic) => ({ topic, fit: topicFit(topic, askWords) }))
        .filter((t) => t.fit > 0);
      // The best single topic decides; further fitting topics only break ties between equals.
      const best = Math.max(0, ...fits.map((t) => t.fit));
      const fit = best + fits.reduce((sum, t) => sum + t.fit, 0) / 100;
      return { candidate, fit, fitting: fits.sort((a, b) => b.fit - a.fit).map((t) => t.topic) };
    })
    .sort(
      (a, b) =>
        b.fit - a.fit ||
        a.candidate.load.waiting +
          a.candidate.load.takenSince -
          (b.candidate.load.waiting + b.candidate.load.takenSince) ||
        a.candidate.load.takenEver - b.candidate.load.takenEver ||
        tieBreak(input.askId, a.candidate.mentor.memberId) - tieBreak(input.askId, b.candidate.mentor.memberId),
    )
    .map(({ candidate, fit, fitting }) => ({ mentor: candidate.mentor, fit, fitting }));
}
