import { sql } from 'kysely';
import { METRICS, noFigures, type CommunityWeek, type Metric, type PoolBreakdown } from '../../core/digest/figures.js';
import type { DigestRepo } from '../../core/ports/digest.js';
import { toSchedule } from './community-rows.js';
import { TOOK_PART, ids, kindIn, metricKinds, toFigures, weekAggregatesQuery, weekEvents } from './digest-week-sql.js';
import type { Executor } from './executor.js';

// The week's figures of the circles: what was done in them, by whom, and which sessions were held.

type CircleCounts = Pick<
  DigestRepo,
  'communities' | 'aggregates' | 'unshownPeople' | 'poolBreakdown' | 'sessionsHeld' | 'sharedHighlights'
>;

export function digestCircleCounts(db: Executor): CircleCounts {
  return {
    async communities(workspaceId, { minMembers, heldFrom, heldTo }) {
      const { rows } = await sql<{
        id: number;
        name: string;
        time_zone: string;
        created_at: Date;
        schedule_cadence: 'weekly' | 'biweekly' | 'monthly' | null;
        schedule_day: number | null;
        schedule_minute: number | null;
        schedule_length_minutes: number;
        schedule_anchor: string | null;
        reminder: 'day-before' | 'off';
        members: number;
        facilitators: number;
        held_recently: boolean;
        last_held_at: Date | null;
      }>`
        select co.id, co.name, co.time_zone, co.created_at, co.schedule_cadence, co.schedule_day, co.schedule_minute,
               co.schedule_length_minutes, co.schedule_anchor, co.reminder,
               coalesce(cm.members, 0)::int as members, coalesce(cm.facilitators, 0)::int as facilitators,
               exists (select 1 from sessions s where s.community_id = co.id and s.opened_at >= ${heldFrom} and s.opened_at < ${heldTo} and ${TOOK_PART}) as held_recently,
               (select max(s.opened_at) from sessions s where s.community_id = co.id and s.opened_at < ${heldTo} and ${TOOK_PART}) as last_held_at
        from communities co
        left join (
          select community_id, count(*) as members, count(*) filter (where is_facilitator) as facilitators
          from community_members group by community_id
        ) cm on cm.community_id = co.id
        where co.workspace_id = ${workspaceId}
        order by co.name, co.id`.execute(db);
      const pooled = await sql<{ n: number }>`
        select count(distinct cm.member_id)::int as n
        from community_members cm
        join communities co on co.id = cm.community_id
        where co.workspace_id = ${workspaceId}
          and cm.community_id in (select community_id from community_members group by community_id having count(*) < ${minMembers})`.execute(
        db,
      );
      return {
        communities: rows.map((row) => ({
          id: row.id,
          name: row.name,
          timeZone: row.time_zone,
          members: row.members,
          facilitators: row.facilitators,
          schedule: toSchedule(row),
          createdAt: row.created_at,
          heldRecently: row.held_recently,
          lastHeldAt: row.last_held_at === null ? null : new Date(row.last_held_at),
        })),
        pooledMembers: Number(pooled.rows[0]?.n ?? 0),
      };
    },

    async aggregates({ workspaceId, from, to, expected, pooledIds }) {
      const figures = weekAggregatesQuery(workspaceId, from, to, pooledIds).execute(db);
      const counted = sql<{ community_id: number; held: number; missed: number }>`
        with expected as (
          select (e ->> 'communityId')::bigint as community_id, (e ->> 'start')::timestamptz as starts_at, (e ->> 'end')::timestamptz as ends_at
          from jsonb_array_elements(${JSON.stringify(expected)}::jsonb) as e
        ),
        held as (
          select s.community_id, count(*)::int as n
          from sessions s join communities co on co.id = s.community_id
          where co.workspace_id = ${workspaceId} and s.opened_at >= ${from} and s.opened_at < ${to} and ${TOOK_PART}
          group by s.community_id
        ),
        -- a scheduled time is missed when no session anyone took part in opened from two hours before
        -- it (a session run by hand takes the automatic one's place) until it would have ended
        missed as (
          select e.community_id, count(*)::int as n
          from expected e
          where not exists (
            select 1 from sessions s
            where s.community_id = e.community_id and s.opened_at >= e.starts_at - interval '2 hours' and s.opened_at < e.ends_at and ${TOOK_PART})
          group by e.community_id
        )
        select coalesce(h.community_id, m.community_id) as community_id, coalesce(h.n, 0)::int as held, coalesce(m.n, 0)::int as missed
        from held h full join missed m on m.community_id = h.community_id`.execute(db);
      // Two independent scans: on PostgreSQL they run side by side on the pool's connections.
      const [{ rows }, sessions] = await Promise.all([figures, counted]);

      const sessionsOf = new Map(sessions.rows.map((row) => [Number(row.community_id), row]));
      const pooled = new Set(pooledIds);
      const figuresOf = new Map(
        rows
          .filter((row) => Number(row.whole) === 0)
          .map((row) => [row.grp === null ? null : Number(row.grp), toFigures(row)]),
      );
      const totalRow = rows.find((row) => Number(row.whole) === 1);

      const communityIds = [
        ...new Set([
          ...sessionsOf.keys(),
          ...[...figuresOf.keys()].filter((id): id is number => id !== null && id !== -1),
        ]),
      ];
      const communities: CommunityWeek[] = communityIds.map((communityId) => ({
        communityId,
        sessionsHeld: sessionsOf.get(communityId)?.held ?? 0,
        sessionsMissed: sessionsOf.get(communityId)?.missed ?? 0,
        figures: pooled.has(communityId) ? noFigures() : (figuresOf.get(communityId) ?? noFigures()),
      }));
      // Sessions are counted per community and shown as they are, so the pool's and the total's are sums.
      const sum = (list: readonly { communityId: number }[], key: 'held' | 'missed') =>
        list.reduce((n, c) => n + (sessionsOf.get(c.communityId)?.[key] ?? 0), 0);
      const inPool = [...pooled].map((communityId) => ({ communityId }));
      const everywhere = [...sessionsOf.keys()].map((communityId) => ({ communityId }));
      return {
        communities: communities.filter((c) => !pooled.has(c.communityId)),
        pool: pooled.size
          ? {
              communityId: -1,
              sessionsHeld: sum(inPool, 'held'),
              sessionsMissed: sum(inPool, 'missed'),
              figures: figuresOf.get(-1) ?? noFigures(),
            }
          : null,
        total: {
          sessionsHeld: sum(everywhere, 'held'),
          sessionsMissed: sum(everywhere, 'missed'),
          figures: totalRow ? toFigures(totalRow) : noFigures(),
        },
      };
    },

    async unshownPeople({ workspaceId, from, to, shown }) {
      const columns = sql.join(
        METRICS.map(
          (metric) =>
            sql`count(distinct member_id) filter (where kind in (${kindIn(metric)}) and (community_id is null or community_id not in ${ids(shown[metric])}))::int as ${sql.ref(metric)}`,
        ),
      );
      const { rows } = await sql<
        Record<Metric, number>
      >`with events as (${weekEvents(workspaceId, from, to)}) select ${columns} from events`.execute(db);
      const row = rows[0];
      return Object.fromEntries(METRICS.map((metric) => [metric, Number(row?.[metric] ?? 0)])) as Record<
        Metric,
        number
      >;
    },

    async poolBreakdown({ workspaceId, from, to, pooledIds }) {
      const { rows } = await sql<{ metric: Metric; community_id: number; people: number; exclusive: number }>`
        with events as (${weekEvents(workspaceId, from, to)}),
        metrics (metric, kind) as (values ${metricKinds}),
        pooled as (
          select distinct m.metric, e.community_id, e.member_id
          from events e join metrics m on m.kind = e.kind
          where e.community_id in ${ids(pooledIds)}
        ),
        -- in how many pooled communities each person counts, per metric
        spread as (select metric, member_id, count(*)::int as circles from pooled group by metric, member_id)
        select p.metric, p.community_id, count(*)::int as people, (count(*) filter (where s.circles = 1))::int as exclusive
        from pooled p join spread s on s.metric = p.metric and s.member_id = p.member_id
        group by p.metric, p.community_id`.execute(db);
      const breakdown = Object.fromEntries(METRICS.map((metric) => [metric, []])) as unknown as PoolBreakdown;
      for (const row of rows)
        breakdown[row.metric].push({
          communityId: Number(row.community_id),
          people: Number(row.people),
          exclusive: Number(row.exclusive),
        });
      return breakdown;
    },

    async sessionsHeld({ workspaceId, from, to }) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n
        from sessions s join communities co on co.id = s.community_id
        where co.workspace_id = ${workspaceId} and s.opened_at >= ${from} and s.opened_at < ${to} and ${TOOK_PART}`.execute(
        db,
      );
      return Number(rows[0]?.n ?? 0);
    },

    async sharedHighlights({ workspaceId, from, to, limit }) {
      const { rows } = await sql<{ community_id: number; text: string }>`
        select s.community_id, c.text
        from checkins c
        join sessions s on s.id = c.session_id
        join communities co on co.id = s.community_id
        where co.workspace_id = ${workspaceId} and c.created_at >= ${from} and c.created_at < ${to}
          and c.source = 'form' and c.shared_with_leaders and c.text is not null
        order by c.created_at desc, c.id desc
        limit ${limit}`.execute(db);
      return rows.map((row) => ({ communityId: Number(row.community_id), text: row.text }));
    },
  };
}
