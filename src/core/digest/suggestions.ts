import type { DigestCommunity } from '../ports.js';

// Gentle suggestions: about communities and their rhythm, never about a person.

export const QUIET_WEEKS = 2;
export const QUIET_MS = QUIET_WEEKS * 7 * 86_400_000;

export type Suggestion = { kind: 'quiet'; communityId: number; name: string } | { kind: 'no-facilitator'; communityId: number; name: string };

/**
 * A community with no session anyone took part in for two weeks (counted back from the end of the
 * week; a community younger than that is left alone), and a schedule that no facilitator looks after.
 */
export function gentleSuggestions(communities: readonly DigestCommunity[], weekEnd: Date): Suggestion[] {
  const quiet = communities
    .filter((c) => !c.heldRecently && c.createdAt.getTime() <= weekEnd.getTime() - QUIET_MS)
    .map((c) => ({ kind: 'quiet' as const, communityId: c.id, name: c.name }));
  const unled = communities.filter((c) => c.schedule !== null && c.facilitators === 0).map((c) => ({ kind: 'no-facilitator' as const, communityId: c.id, name: c.name }));
  return [...quiet, ...unled];
}
