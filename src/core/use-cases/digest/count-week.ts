import { composeWeek } from '../../digest/compose-week.js';
import { expectedSessions } from '../../digest/expected-sessions.js';
import { METRICS, type PoolBreakdown, type StoredWeek } from '../../digest/figures.js';
import { isSmallCircle, showPool, shownCommunities } from '../../digest/privacy.js';
import { gentleSuggestions, QUIET_MS } from '../../digest/suggestions.js';
import type { DigestWeek } from '../../digest/week.js';
import type { Workspace } from '../../model.js';
import type { Repositories, Store } from '../../ports/store.js';

const noBreakdown = (): PoolBreakdown =>
  Object.fromEntries(METRICS.map((metric) => [metric, []])) as unknown as PoolBreakdown;

/**
 * Counts one week for a workspace and applies the privacy rules: the figures as they will be shown,
 * with the week's pooling of smaller circles and its suggestions. The window is the week's, cut so
 * it overlaps no week stored either side (two admins in different zones, a zone changed between
 * weeks): overlapping windows could be subtracted to isolate a few hours of someone's activity.
 */
export async function countWeek(
  repos: Repositories,
  input: { workspace: Workspace; week: DigestWeek },
): Promise<StoredWeek> {
  const { workspace, week } = input;
  const digests = repos.digests;
  const [threshold, neighbours, closures] = await Promise.all([
    digests.threshold(workspace.id),
    digests.neighbours(workspace.id, week.startDate),
    repos.calendar.closures(workspace.id),
  ]);
  const from = neighbours.before && neighbours.before > week.from ? neighbours.before : week.from;
  const end = neighbours.after && neighbours.after < week.to ? neighbours.after : week.to;
  const to = end < from ? from : end;
  const window = { workspaceId: workspace.id, from, to };

  const overview = await digests.communities(workspace.id, {
    minMembers: threshold,
    heldFrom: new Date(to.getTime() - QUIET_MS),
    heldTo: to,
  });
  const pooledIds = overview.communities.filter((c) => isSmallCircle(c.members, threshold)).map((c) => c.id);
  const aggregates = await digests.aggregates({
    ...window,
    expected: expectedSessions(overview.communities, { from, to }, closures),
    pooledIds,
  });
  const breakdown = pooledIds.length ? await digests.poolBreakdown({ ...window, pooledIds }) : noBreakdown();
  const poolFigures = aggregates.pool
    ? showPool({ figures: aggregates.pool.figures, members: overview.pooledMembers }, breakdown, threshold)
    : null;
  const shown = shownCommunities(aggregates.communities, { communityIds: pooledIds, figures: poolFigures }, threshold);
  const [unshownPeople, mentoring] = await Promise.all([
    digests.unshownPeople({ ...window, shown }),
    digests.mentoring(window),
  ]);
  return composeWeek({
    weekStart: week.startDate,
    window: { from, to },
    threshold,
    circles: overview.communities.filter((c) => !isSmallCircle(c.members, threshold)),
    aggregates,
    pool: pooledIds.length ? { communityIds: pooledIds, members: overview.pooledMembers, figures: poolFigures } : null,
    unshownPeople,
    suggestions: gentleSuggestions(overview.communities, to, threshold),
    mentoring,
  });
}

/**
 * The week as stored: counted and stored the first time anyone asks for it (a digest sent, a
 * preview, an export), and read back unchanged every time after, whatever membership, pooling,
 * threshold or forgetting happened since. The workspace's weeks are locked while one is counted,
 * so two replicas cannot store the same week two ways.
 */
export async function weekAsStored(input: {
  store: Store;
  workspace: Workspace;
  week: DigestWeek;
  now: Date;
}): Promise<StoredWeek> {
  const { store, workspace, week } = input;
  const stored = await store.digests.storedWeek(workspace.id, week.startDate);
  if (stored) return stored;
  return store.transaction(async (repos) => {
    await repos.digests.lockWeeks(workspace.id);
    const meanwhile = await repos.digests.storedWeek(workspace.id, week.startDate);
    if (meanwhile) return meanwhile;
    const counted = await countWeek(repos, { workspace, week });
    await repos.digests.storeWeek({ workspaceId: workspace.id, week: counted, at: input.now });
    return counted;
  });
}
