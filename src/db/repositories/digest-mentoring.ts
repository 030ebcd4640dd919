import { sql } from 'kysely';
import { answeredPeople } from '../../core/digest/mentoring-figures.js';
import type { DigestRepo } from '../../core/ports/digest.js';
import type { Executor } from './executor.js';

// The week's mentoring across the school: asks, pairs, critical-friends protocols and classroom visits.

export function digestMentoring(db: Executor): Pick<DigestRepo, 'mentoring'> {
  return {
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
          asksAnswered: figure(
            row?.answered,
            answeredPeople(Number(row?.answered_askers ?? 0), Number(row?.answered_helpers ?? 0)),
          ),
          pairsIntroduced: figure(row?.introduced, row?.introduced_people),
          pairsMet: figure(row?.met, row?.met_people),
          protocolsHeld: figure(row?.protocols, row?.protocol_people),
          visitsMade: figure(row?.visits, row?.visit_people),
        },
      };
    },
  };
}
