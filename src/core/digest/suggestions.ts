import type { DigestCommunity } from '../ports/digest.js';

// Gentle suggestions: about communities and their rhythm, never about a person.

const QUIET_WEEKS = 2;
const WEEK_MS = 7 * 86_400_000;
export const QUIET_MS = QUIET_WEEKS * WEEK_MS;

export type Suggestion =
  | {
      kind: 'quiet';
      communityId: number;
      /** Whether it has a schedule already, so the digest suggests one only to a circle without. */
      scheduled?: boolean;
      /** Whole weeks since it last met (or began, if it never has), to the end of the week. */
      weeks?: number;
    }
  | { kind: 'no-facilitator'; communityId: number };

/** A suggestion with its circle's name, looked up when it is shown. */
export type NamedSuggestion = Suggestion & { name: string };

/**
 * A community with no session anyone took part in for two weeks (counted back from the end of the
 * week; a community younger than that is left alone), and a schedule that no facilitator looks after.
 * A circle with fewer members than the privacy threshold is never named: "has not met" would say
 * what its one or two people did.
 */
export function gentleSuggestions(all: readonly DigestCommunity[], weekEnd: Date, threshold: number): Suggestion[] {
  const communities = all.filter((c) => c.members >= threshold);
  const quiet = communities
    .filter((c) => !c.heldRecently && c.createdAt.getTime() <= weekEnd.getTime() - QUIET_MS)
    .map((c) => ({
      kind: 'quiet' as const,
      communityId: c.id,
      scheduled: c.schedule !== null,
      weeks: Math.max(QUIET_WEEKS, Math.floor((weekEnd.getTime() - (c.lastHeldAt ?? c.createdAt).getTime()) / WEEK_MS)),
    }));
  const unled = communities
    .filter((c) => c.schedule !== null && c.facilitators === 0)
    .map((c) => ({ kind: 'no-facilitator' as const, communityId: c.id }));
  return [...quiet, ...unled];
}
