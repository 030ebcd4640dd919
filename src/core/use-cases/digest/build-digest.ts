import type { StoredWeek } from '../../digest/figures.js';
import { digestLayout, renderDigest } from '../../digest/render.js';
import { digestTable } from '../../export/digest-table.js';
import { TREND_WEEKS } from '../../digest/trend.js';
import { weeksBefore, type DigestWeek } from '../../digest/week.js';
import type { Message, OutgoingFile } from '../../messages.js';
import type { Workspace } from '../../model.js';
import type { Store } from '../../ports/store.js';
import { weekAsStored } from './count-week.js';
import { SUGGESTIONS_IN_DIGEST } from '../../mentoring/suggestion.js';

const HIGHLIGHTS = 5;

export interface BuiltDigest {
  message: Message;
  stored: StoredWeek;
  /**
   * A larger school's table of every circle, which goes with the message as a file; `withoutIt` draws
   * the digest with every circle in the message, for where no file can be handed over (drawn only then).
   */
  table: { file: OutgoingFile; withoutIt: () => Message } | null;
}

/**
 * A workspace's digest for one full week: the week as stored (counted now if nobody asked for it
 * before), the trend from the weeks stored before it, and the shared highlights. A preview adds the
 * sessions held so far this week, and nothing about people for a week not yet over.
 */
export async function buildDigest(input: {
  store: Store;
  workspace: Workspace;
  week: DigestWeek;
  now: Date;
  preview: boolean;
  /** A preview only: this week up to now. */
  soFar?: DigestWeek;
}): Promise<BuiltDigest> {
  const { store, workspace } = input;
  const stored = await weekAsStored({ store, workspace, week: input.week, now: input.now });
  const trendStarts = weeksBefore(stored.weekStart, TREND_WEEKS - 1);
  const [names, highlights, earlier, heldSoFar, suggestions] = await Promise.all([
    store.digests.names(workspace.id),
    store.digests.sharedHighlights({
      workspaceId: workspace.id,
      from: new Date(stored.from),
      to: new Date(stored.to),
      limit: HIGHLIGHTS,
    }),
    store.digests.storedWeeks({ workspaceId: workspace.id, weekStarts: trendStarts }),
    input.soFar
      ? store.digests.sessionsHeld({ workspaceId: workspace.id, from: input.soFar.from, to: input.soFar.to })
      : Promise.resolve(null),
    store.suggestions.between({
      workspaceId: workspace.id,
      from: new Date(stored.from),
      to: new Date(stored.to),
      limit: SUGGESTIONS_IN_DIGEST,
    }),
  ]);
  const content = {
    preview: input.preview,
    stored,
    names,
    highlights,
    trend: { weekStarts: [...trendStarts, stored.weekStart], weeks: [...earlier, stored] },
    soFar: heldSoFar === null ? null : { sessionsHeld: heldSoFar },
    suggestions,
  };
  const layout = digestLayout(stored);
  return {
    message: renderDigest(content, layout),
    stored,
    table:
      layout === 'compact'
        ? { file: digestTable(stored, names), withoutIt: () => renderDigest(content, 'full') }
        : null,
  };
}
