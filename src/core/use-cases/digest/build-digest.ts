import { composeWeek } from '../../digest/compose-week.js';
import { expectedSessions } from '../../digest/expected-sessions.js';
import type { StoredWeek } from '../../digest/figures.js';
import { isSmallCircle, MIN_PEOPLE, shownCommunities } from '../../digest/privacy.js';
import { renderDigest } from '../../digest/render.js';
import { gentleSuggestions, QUIET_MS } from '../../digest/suggestions.js';
import { TREND_WEEKS } from '../../digest/trend.js';
import { weeksBefore, type DigestWeek } from '../../digest/week.js';
import type { Message } from '../../messages.js';
import type { Workspace } from '../../model.js';
import type { Store } from '../../ports.js';

const HIGHLIGHTS = 5;

/**
 * One week's figures for a workspace, as a digest would count them (before any is stored), with
 * what showing them needs: the circles' names and which are pooled as smaller circles.
 */
export async function weekFigures(input: { store: Store; workspace: Workspace; week: DigestWeek }): Promise<{
  composed: StoredWeek;
  overview: Awaited<ReturnType<Store['digests']['communities']>>;
  pooledIds: number[];
}> {
  const { store, workspace, week } = input;
  const digests = store.digests;
  const [overview, closures] = await Promise.all([
    digests.communities(workspace.id, { minMembers: MIN_PEOPLE, heldFrom: new Date(week.to.getTime() - QUIET_MS), heldTo: week.to }),
    store.calendar.closures(workspace.id),
  ]);
  const pooledIds = overview.communities.filter((c) => isSmallCircle(c.members)).map((c) => c.id);
  const window = { workspaceId: workspace.id, from: week.from, to: week.to };
  const aggregates = await digests.aggregates({ ...window, expected: expectedSessions(overview.communities, week, closures), pooledIds });
  const shown = shownCommunities(aggregates, pooledIds, overview.pooledMembers);
  const unshownPeople = await digests.unshownPeople({ ...window, shown });
  const composed = composeWeek({
    weekStart: week.startDate,
    aggregates,
    pool: pooledIds.length ? { circles: pooledIds.length, members: overview.pooledMembers } : null,
    unshownPeople,
  });
  return { composed, overview, pooledIds };
}

/**
 * A workspace's digest for one week and one admin: the figures from the database's aggregates, the
 * privacy rules applied, and the message. `record` stores a sent week's figures and returns what
 * is stored (a retry shows what was first stored); a preview stores nothing.
 */
export async function buildDigest(input: {
  store: Store;
  workspace: Workspace;
  adminMemberId: number;
  week: DigestWeek;
  timeZone: string;
  preview: boolean;
  record?: (week: StoredWeek) => Promise<StoredWeek>;
}): Promise<{ message: Message; stored: StoredWeek }> {
  const { store, workspace, week } = input;
  const window = { workspaceId: workspace.id, from: week.from, to: week.to };
  const [{ composed, overview, pooledIds }, highlights, earlier] = await Promise.all([
    weekFigures({ store, workspace, week }),
    store.digests.sharedHighlights({ ...window, limit: HIGHLIGHTS }),
    store.digests.storedWeeks({ workspaceId: workspace.id, adminMemberId: input.adminMemberId, weekStarts: weeksBefore(week.startDate, TREND_WEEKS - 1) }),
  ]);
  const stored = input.record ? await input.record(composed) : composed;
  const message = renderDigest({
    week,
    preview: input.preview,
    stored,
    names: new Map(overview.communities.map((c) => [c.id, c.name])),
    pooledIds: new Set(pooledIds),
    highlights,
    suggestions: gentleSuggestions(overview.communities, week.to),
    trend: { weekStarts: [...weeksBefore(week.startDate, TREND_WEEKS - 1), week.startDate], weeks: [...earlier, stored] },
    timeZone: input.timeZone,
  });
  return { message, stored };
}
