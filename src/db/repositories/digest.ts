import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { MENTORING_METRICS, METRICS, noFigures, type CommunityWeek, type Figures, type Metric, type PoolBreakdown, type StoredWeek } from '../../core/digest/figures.js';
import { answeredPeople } from '../../core/digest/mentoring-figures.js';
import { DEFAULT_THRESHOLD } from '../../core/digest/privacy.js';
import type { AdminToPlan, DigestRepo } from '../../core/ports/digest.js';
import { toSchedule } from './communities.js';
import { movePlannedTime } from './compare-and-set.js';
import type { Executor } from './executor.js';
import { toMemberWithWorkspace, withWorkspaceRows } from './members.js';

// The digest's figures, all SQL aggregates over the week's rows. Counts are cast to int in SQL, so pg
// and PGlite return the same numbers. Id lists travel as one jsonb parameter, which both drivers
// bind the same way, however long the list.

/** Every countable act of the week, as (community, person, kind): the one source of every figure. */
function weekEvents(workspaceId: number, from: Date, to: Date): RawBuilder<unknown> {
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
const TOOK_PART = sql`(
  exists (select 1 from checkins c where c.session_id = s.id)
  or exists (select 1 from prompt_posts pp join reflections r on r.prompt_post_id = pp.id where pp.session_id = s.id)
  or exists (select 1 from protocol_entries pe where pe.session_id = s.id))`;

const ids = (list: readonly number[]) => sql`(select (jsonb_array_elements_text(${JSON.stringify(list)}::jsonb))::bigint)`;

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

const kindIn = (metric: Metric) => sql.join(KINDS[metric].map((kind) => sql.lit(kind)));

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

function toFigures(row: Record<string, unknown>): Figures {
  const figures = noFigures();
  for (const metric of METRICS) {
    figures[metric] = { count: Number(row[`${metric}_count`] ?? 0), people: Number(row[`${metric}_people`] ?? 0) };
  }
  // Participants are people: the count is how many took part.
  figures.participants = { count: figures.participants.people, people: figures.participants.people };
  return figures;
}

const shownSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), count: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('too-few') }),
  z.object({ kind: z.literal('withheld') }),
]);
const shownRowSchema = z.object({
  sessionsHeld: z.number().int().nonnegative(),
  sessionsMissed: z.number().int().nonnegative(),
  figures: z.object(Object.fromEntries(METRICS.map((m) => [m, shownSchema])) as Record<Metric, typeof shownSchema>),
});
// `scheduled` and `weeks` came later: weeks stored before them are read without.
const suggestionSchema = z.object({
  kind: z.enum(['quiet', 'no-facilitator']),
  communityId: z.number().int(),
  scheduled: z.boolean().optional(),
  weeks: z.number().int().positive().optional(),
});
/** Stored weeks are read back through this, so a week stored in another shape fails loudly, not silently. */
const storedWeekSchema = z.object({
  version: z.literal(2),
  weekStart: z.iso.date(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  threshold: z.number().int().min(1),
  circles: z.array(shownRowSchema.extend({ communityId: z.number().int() })),
  pool: shownRowSchema
    .extend({ circles: z.number().int().nonnegative(), members: z.number().int().nonnegative(), communityIds: z.array(z.number().int()) })
    .nullable(),
  total: shownRowSchema,
  suggestions: z.array(suggestionSchema),
  // Weeks counted before mentoring was have no such field, and are read without it.
  mentoring: z
    .object(Object.fromEntries(MENTORING_METRICS.map((m) => [m, shownSchema])) as Record<(typeof MENTORING_METRICS)[number], typeof shownSchema>)
    .nullable()
    .optional(),
});

/** (metric, kind) pairs as an SQL values list: which rows each metric counts. */
const metricKinds = sql.join(METRICS.flatMap((metric) => KINDS[metric].map((kind) => sql`(${sql.lit(metric)}, ${sql.lit(kind)})`)));

export function digestRepo(db: Executor): DigestRepo {
  const admins = () =>
    withWorkspaceRows(db)
      .select(['members.next_digest_at', 'workspaces.digest_day', 'workspaces.digest_minute'])
      .where('members.is_admin', '=', true)
      .where('workspaces.uninstalled_at', 'is', null);
  const toAdmin = (row: Parameters<typeof toMemberWithWorkspace>[0] & { digest_day: number; digest_minute: number }): AdminToPlan => ({
    ...toMemberWithWorkspace(row),
    time: { day: row.digest_day, minute: row.digest_minute },
  });

  return {
    async time(workspaceId) {
      const row = await db.selectFrom('workspaces').select(['digest_day', 'digest_minute']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
      return { day: row.digest_day, minute: row.digest_minute };
    },

    async setTime(workspaceId, time) {
      await db.updateTable('workspaces').set({ digest_day: time.day, digest_minute: time.minute }).where('id', '=', workspaceId).execute();
    },

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
          and cm.community_id in (select community_id from community_members group by community_id having count(*) < ${minMembers})`.execute(db);
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
      const figuresOf = new Map(rows.filter((row) => Number(row.whole) === 0).map((row) => [row.grp === null ? null : Number(row.grp), toFigures(row)]));
      const totalRow = rows.find((row) => Number(row.whole) === 1);

      const communityIds = [...new Set([...sessionsOf.keys(), ...[...figuresOf.keys()].filter((id): id is number => id !== null && id !== -1)])];
      const communities: CommunityWeek[] = communityIds.map((communityId) => ({
        communityId,
        sessionsHeld: sessionsOf.get(communityId)?.held ?? 0,
        sessionsMissed: sessionsOf.get(communityId)?.missed ?? 0,
        figures: pooled.has(communityId) ? noFigures() : (figuresOf.get(communityId) ?? noFigures()),
      }));
      // Sessions are counted per community and shown as they are, so the pool's and the total's are sums.
      const sum = (list: readonly { communityId: number }[], key: 'held' | 'missed') => list.reduce((n, c) => n + (sessionsOf.get(c.communityId)?.[key] ?? 0), 0);
      const inPool = [...pooled].map((communityId) => ({ communityId }));
      const everywhere = [...sessionsOf.keys()].map((communityId) => ({ communityId }));
      return {
        communities: communities.filter((c) => !pooled.has(c.communityId)),
        pool: pooled.size ? { communityId: -1, sessionsHeld: sum(inPool, 'held'), sessionsMissed: sum(inPool, 'missed'), figures: figuresOf.get(-1) ?? noFigures() } : null,
        total: { sessionsHeld: sum(everywhere, 'held'), sessionsMissed: sum(everywhere, 'missed'), figures: totalRow ? toFigures(totalRow) : noFigures() },
      };
    },

    async unshownPeople({ workspaceId, from, to, shown }) {
      const columns = sql.join(
        METRICS.map(
          (metric) =>
            sql`count(distinct member_id) filter (where kind in (${kindIn(metric)}) and (community_id is null or community_id not in ${ids(shown[metric])}))::int as ${sql.ref(metric)}`,
        ),
      );
      const { rows } = await sql<Record<Metric, number>>`with events as (${weekEvents(workspaceId, from, to)}) select ${columns} from events`.execute(db);
      const row = rows[0];
      return Object.fromEntries(METRICS.map((metric) => [metric, Number(row?.[metric] ?? 0)])) as Record<Metric, number>;
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
      for (const row of rows) breakdown[row.metric].push({ communityId: Number(row.community_id), people: Number(row.people), exclusive: Number(row.exclusive) });
      return breakdown;
    },

    async mentoring({ workspaceId, from, to }) {
      const { rows } = await sql<{
        made: number;
        made_people: number;
        answered: number;
        answered_askers: number;
        answered_helpers: number;
        introduced: number;
        introduced_people: number;
        met: number;
        met_people: number;
        protocols: number;
        protocol_people: number;
        visits: number;
        visit_people: number;
        in_use: boolean;
      }>`
        with made as (
          select count(*)::int as n, count(distinct asker_id)::int as people
          from asks where workspace_id = ${workspaceId} and created_at >= ${from} and created_at < ${to}
        ),
        -- taken in the week, whenever asked; a helper forgotten since counts as no one
        answered as (
          select count(*)::int as n, count(distinct asker_id)::int as askers, count(distinct helper_id)::int as helpers
          from asks where workspace_id = ${workspaceId} and taken_at >= ${from} and taken_at < ${to}
        ),
        -- the week's rounds first, then their members by the primary key: an array keeps the planner
        -- from hashing every place of every round the workspace ever ran
        introduced as (
          select pm.round_id, pm.group_no, pm.member_id
          from pair_members pm
          where pm.round_id = any (array(
            select pr.id from pair_rounds pr join communities co on co.id = pr.community_id
            where co.workspace_id = ${workspaceId} and pr.at >= ${from} and pr.at < ${to}))
        ),
        -- a group met in the week its first "we met" came, from a round of any week, so it counts once:
        -- the rounds with a "we met" in the week, and every answer of theirs
        told as (
          select pm.round_id, pm.group_no, pm.member_id,
                 min(pm.answered_at) filter (where pm.met) over (partition by pm.round_id, pm.group_no) as first_met
          from pair_members pm
          where pm.round_id = any (array(
            select distinct pr.id
            from pair_members answer
            join pair_rounds pr on pr.id = answer.round_id
            join communities co on co.id = pr.community_id
            where co.workspace_id = ${workspaceId} and answer.met and answer.answered_at >= ${from} and answer.answered_at < ${to}))
        ),
        met as (select round_id, group_no, member_id from told where first_met >= ${from} and first_met < ${to}),
        -- critical-friends protocols held in the week (opened then, and someone replied, as a session
        -- is held when someone took part): their presenters and everyone who replied
        protocols as (
          select pr.session_id, pr.presenter_id
          from protocol_runs pr join sessions se on se.id = pr.session_id join communities co on co.id = se.community_id
          where co.workspace_id = ${workspaceId} and se.opened_at >= ${from} and se.opened_at < ${to}
            and exists (select 1 from protocol_entries pe where pe.session_id = pr.session_id)
        ),
        protocol_people as (
          select presenter_id as member_id from protocols where presenter_id is not null
          union select pe.member_id from protocol_entries pe where pe.session_id in (select session_id from protocols)
        ),
        -- visits agreed to whose lesson fell in the week; both teachers are behind each
        visits_made as (
          select id, requester_id, peer_id from visits
          where workspace_id = ${workspaceId} and at >= ${from} and at < ${to} and status in ('accepted', 'noted')
        ),
        visit_people as (
          select requester_id as member_id from visits_made where requester_id is not null
          union select peer_id from visits_made where peer_id is not null
        )
        select
          made.n as made, made.people as made_people,
          answered.n as answered, answered.askers as answered_askers, answered.helpers as answered_helpers,
          (select count(*) from (select distinct round_id, group_no from introduced) g)::int as introduced,
          (select count(distinct member_id) from introduced)::int as introduced_people,
          (select count(*) from (select distinct round_id, group_no from met) g)::int as met,
          (select count(distinct member_id) from met)::int as met_people,
          (select count(*) from protocols)::int as protocols,
          (select count(*) from protocol_people)::int as protocol_people,
          (select count(*) from visits_made)::int as visits,
          (select count(*) from visit_people)::int as visit_people,
          -- taken up by the week's end: a workspace that never did reads no line of zeros
          (exists (select 1 from mentors where workspace_id = ${workspaceId})
            or exists (select 1 from asks where workspace_id = ${workspaceId} and created_at < ${to})
            or exists (select 1 from communities co where co.workspace_id = ${workspaceId} and co.pairs_cadence is not null)
            or exists (select 1 from pair_rounds pr join communities co on co.id = pr.community_id where co.workspace_id = ${workspaceId} and pr.at < ${to})
            or exists (select 1 from visits where workspace_id = ${workspaceId} and created_at < ${to})
            or exists (select 1 from protocol_runs pr join sessions se on se.id = pr.session_id join communities co on co.id = se.community_id
                       where co.workspace_id = ${workspaceId} and se.opened_at < ${to})) as in_use
        from made, answered`.execute(db);
      const row = rows[0];
      const figure = (count: unknown, people: unknown) => ({ count: Number(count ?? 0), people: Number(people ?? 0) });
      return {
        inUse: Boolean(row?.in_use),
        figures: {
          asksMade: figure(row?.made, row?.made_people),
          asksAnswered: figure(row?.answered, answeredPeople(Number(row?.answered_askers ?? 0), Number(row?.answered_helpers ?? 0))),
          pairsIntroduced: figure(row?.introduced, row?.introduced_people),
          pairsMet: figure(row?.met, row?.met_people),
          protocolsHeld: figure(row?.protocols, row?.protocol_people),
          visitsMade: figure(row?.visits, row?.visit_people),
        },
      };
    },

    async sessionsHeld({ workspaceId, from, to }) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n
        from sessions s join communities co on co.id = s.community_id
        where co.workspace_id = ${workspaceId} and s.opened_at >= ${from} and s.opened_at < ${to} and ${TOOK_PART}`.execute(db);
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

    async names(workspaceId) {
      const rows = await db.selectFrom('communities').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute();
      return new Map(rows.map((row) => [Number(row.id), row.name]));
    },

    async threshold(workspaceId) {
      const row = await db.selectFrom('workspaces').select('privacy_threshold').where('id', '=', workspaceId).executeTakeFirst();
      return row?.privacy_threshold ?? DEFAULT_THRESHOLD;
    },

    async setThreshold(workspaceId, threshold) {
      await db.updateTable('workspaces').set({ privacy_threshold: threshold }).where('id', '=', workspaceId).execute();
    },

    async lockWeeks(workspaceId) {
      // NO KEY UPDATE: rows that reference the workspace (goals, check-ins, outbox items) take KEY
      // SHARE locks on it, and must not wait while a week is counted.
      await db.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forNoKeyUpdate().execute();
    },

    async storedWeek(workspaceId, weekStart) {
      const row = await db.selectFrom('digest_weeks').select('figures').where('workspace_id', '=', workspaceId).where('week_start', '=', weekStart).executeTakeFirst();
      return row ? storedWeekSchema.parse(row.figures) : null;
    },

    async neighbours(workspaceId, weekStart) {
      const { rows } = await sql<{ before: Date | null; after: Date | null }>`
        select
          (select window_to from digest_weeks where workspace_id = ${workspaceId} and week_start < ${weekStart}::date order by week_start desc limit 1) as before,
          (select window_from from digest_weeks where workspace_id = ${workspaceId} and week_start > ${weekStart}::date order by week_start limit 1) as after`.execute(db);
      const row = rows[0];
      return { before: row?.before ? new Date(row.before) : null, after: row?.after ? new Date(row.after) : null };
    },

    async storeWeek({ workspaceId, week, at }) {
      await db
        .insertInto('digest_weeks')
        .values({ workspace_id: workspaceId, week_start: week.weekStart, window_from: new Date(week.from), window_to: new Date(week.to), figures: JSON.stringify(week), counted_at: at })
        .onConflict((oc) => oc.columns(['workspace_id', 'week_start']).doNothing())
        .execute();
    },

    async recordSent({ workspaceId, adminMemberId, week, at }) {
      await db
        .insertInto('digests_sent')
        .values({ workspace_id: workspaceId, admin_member_id: adminMemberId, week_start: week.weekStart, figures: JSON.stringify(week), sent_at: at })
        .onConflict((oc) => oc.columns(['workspace_id', 'admin_member_id', 'week_start']).doNothing())
        .execute();
    },

    async storedWeeks({ workspaceId, weekStarts }) {
      if (weekStarts.length === 0) return [];
      const { rows } = await sql<{ figures: unknown }>`
        select figures
        from digest_weeks
        where workspace_id = ${workspaceId} and week_start in (select (jsonb_array_elements_text(${JSON.stringify(weekStarts)}::jsonb))::date)
        order by week_start`.execute(db);
      return rows.map((row) => storedWeekSchema.parse(row.figures));
    },

    setNextDigest: (memberId, expected, next) => movePlannedTime(db, { table: 'members', column: 'next_digest_at', id: memberId }, expected, next),

    async admins(workspaceId, only) {
      let query = admins().where('members.workspace_id', '=', workspaceId);
      if (only !== undefined) query = query.where('members.id', '=', only);
      const rows = await query.orderBy('members.id').forUpdate('members').execute();
      return rows.map((row) => ({ ...toAdmin(row), next: row.next_digest_at }));
    },

    async unplanned(limit) {
      const rows = await admins().where('members.next_digest_at', 'is', null).orderBy('members.id').limit(limit).execute();
      return rows.map(toAdmin);
    },

    async due(now, limit) {
      const rows = await admins().where('members.next_digest_at', '<=', now).orderBy('members.next_digest_at').limit(limit).execute();
      return rows.map((row) => ({ ...toAdmin(row), slot: row.next_digest_at ?? now }));
    },
  };
}
