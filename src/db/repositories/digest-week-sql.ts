import { sql, type RawBuilder } from 'kysely';
import { METRICS, noFigures, type Figures, type Metric } from '../../core/digest/figures.js';

// The digest's figures, all SQL aggregates over the week's rows. Counts are cast to int in SQL, so pg
// and PGlite return the same numbers. Id lists travel as one jsonb parameter, which both drivers
// bind the same way, however long the list.

/** Every countable act of the week, as (community, person, kind): the one source of every figure. */
export function weekEvents(workspaceId: number, from: Date, to: Date): RawBuilder<unknown> {
  return sql`
    select s.community_id, c.member_id, c.phase as kind
    from checkins c
    join sessions s on s.id = c.session_id
    join communities co on co.id = s.community_id
    where co.workspace_id = ${workspaceId} and c.created_at >= ${from} and c.created_at < ${to}
      -- a person counts once per session and phase, however many answers they gave there
      and c.first_in_phase
    union all
    -- reflections on a session's prompt and on mid-week prompts alike
    select pp.community_id, r.member_id, 'reflections'
    from reflections r
    join prompt_posts pp on pp.id = r.prompt_post_id
    join communities co on co.id = pp.community_id
    where co.workspace_id = ${workspaceId} and r.created_at >= ${from} and r.created_at < ${to}
    union all
    select g.community_id, g.member_id, 'goalsNew'
    from goals g
    where g.workspace_id = ${workspaceId} and g.created_at >= ${from} and g.created_at < ${to}
    union all
    -- active when the week ended, whatever became of the goal since
    select g.community_id, g.member_id, 'goalsActive'
    from goals g
    where g.workspace_id = ${workspaceId} and g.created_at < ${to} and (g.ended_at is null or g.ended_at >= ${to})
    union all
    select g.community_id, g.member_id,
           case g.status when 'achieved' then 'goalsAchieved' when 'reworked' then 'goalsReworked' else 'goalsDropped' end
    from goals g
    where g.workspace_id = ${workspaceId} and g.status <> 'active' and g.ended_at >= ${from} and g.ended_at < ${to}`;
}

/** Someone answered a check-in or a reflection of the session `s`: it was held, not just opened. */
export const TOOK_PART = sql`(
  exists (select 1 from checkins c where c.session_id = s.id)
  or exists (select 1 from prompt_posts pp join reflections r on r.prompt_post_id = pp.id where pp.session_id = s.id)
  or exists (select 1 from protocol_entries pe where pe.session_id = s.id))`;

export const ids = (list: readonly number[]) =>
  sql`(select (jsonb_array_elements_text(${JSON.stringify(list)}::jsonb))::bigint)`;

const KINDS: Record<Metric, string[]> = {
  participants: ['opening', 'closing', 'reflections'],
  opening: ['opening'],
  closing: ['closing'],
  reflections: ['reflections'],
  goalsNew: ['goalsNew'],
  goalsActive: ['goalsActive'],
  goalsAchieved: ['goalsAchieved'],
  goalsReworked: ['goalsReworked'],
  goalsDropped: ['goalsDropped'],
};

export const kindIn = (metric: Metric) => sql.join(KINDS[metric].map((kind) => sql.lit(kind)));

/** count and distinct people of each metric, as columns `<metric>_count` and `<metric>_people`. */
const figureColumns = sql.join(
  METRICS.map(
    (metric) =>
      sql`count(*) filter (where kind in (${kindIn(metric)}))::int as ${sql.ref(`${metric}_count`)},
          count(distinct member_id) filter (where kind in (${kindIn(metric)}))::int as ${sql.ref(`${metric}_people`)}`,
  ),
);

/**
 * The week's figures in one pass over its rows: per community, with pooled communities as one group
 * (-1) so their people are counted once across them, goals set outside any community as a group of
 * their own (null), and grouping () for the whole workspace.
 */
export function weekAggregatesQuery(workspaceId: number, from: Date, to: Date, pooledIds: readonly number[]) {
  return sql<Record<string, unknown> & { whole: number; grp: number | null }>`
    with events as (${weekEvents(workspaceId, from, to)}),
    grouped as (
      select case when community_id in ${ids(pooledIds)} then -1 else community_id end as grp, member_id, kind from events
    )
    select grouping(grp)::int as whole, grp, ${figureColumns}
    from grouped
    group by grouping sets ((grp), ())`;
}

export function toFigures(row: Record<string, unknown>): Figures {
  const figures = noFigures();
  for (const metric of METRICS) {
    figures[metric] = { count: Number(row[`${metric}_count`] ?? 0), people: Number(row[`${metric}_people`] ?? 0) };
  }
  // Participants are people: the count is how many took part.
  figures.participants = { count: figures.participants.people, people: figures.participants.people };
  return figures;
}

/** (metric, kind) pairs as an SQL values list: which rows each metric counts. */
export const metricKinds = sql.join(
  METRICS.flatMap((metric) => KINDS[metric].map((kind) => sql`(${sql.lit(metric)}, ${sql.lit(kind)})`)),
);
