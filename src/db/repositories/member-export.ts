import type { DataRightsRepo } from '../../core/ports/data-rights.js';
import type { ExportedMentoring } from '../../core/export/member-data.js';
import type { Executor } from './executor.js';

// Everything kept of one person, for their export.

/**
 * Their mentoring: the mentor row, their own asks in full, and the asks they helped with as dates
 * only, since those words are the askers'.
 */
async function exportedMentoring(db: Executor, memberId: number): Promise<ExportedMentoring> {
  const [mentor, asks, helped, suggestions, pairings, nextTerm, visits] = await Promise.all([
    db
      .selectFrom('mentors')
      .leftJoin('communities', 'communities.id', 'mentors.community_id')
      .select(['communities.name', 'mentors.topics', 'mentors.per_week', 'mentors.away_until', 'mentors.created_at'])
      .where('mentors.member_id', '=', memberId)
      .executeTakeFirst(),
    db
      .selectFrom('asks')
      .select(['text', 'when_suits', 'urgency', 'status', 'created_at', 'taken_at', 'follow_up'])
      .where('asker_id', '=', memberId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('asks')
      .select(['created_at', 'taken_at'])
      .where('helper_id', '=', memberId)
      .where('taken_at', 'is not', null)
      .orderBy('taken_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('suggestions')
      .select(['text', 'named', 'created_at'])
      .where('member_id', '=', memberId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('pair_members')
      .innerJoin('pair_rounds', 'pair_rounds.id', 'pair_members.round_id')
      .leftJoin('communities', 'communities.id', 'pair_rounds.community_id')
      .select(['communities.name', 'pair_rounds.at', 'pair_members.met'])
      .where('pair_members.member_id', '=', memberId)
      .orderBy('pair_rounds.at')
      .execute(),
    db.selectFrom('next_mentors').select(['topics', 'created_at']).where('member_id', '=', memberId).executeTakeFirst(),
    db
      .selectFrom('visits')
      .select(['kind', 'requester_id', 'at', 'status', 'focus', 'notes', 'reflection'])
      .where((eb) => eb.or([eb('requester_id', '=', memberId), eb('peer_id', '=', memberId)]))
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  return {
    mentor: mentor
      ? {
          circle: mentor.name,
          topics: [...mentor.topics],
          perWeek: mentor.per_week,
          awayUntil: mentor.away_until,
          since: mentor.created_at,
        }
      : null,
    asks: asks.map((ask) => ({
      text: ask.text,
      whenSuits: ask.when_suits,
      urgency: ask.urgency,
      status: ask.status,
      askedAt: ask.created_at,
      takenAt: ask.taken_at,
      followUp: ask.follow_up,
    })),
    helped: helped.flatMap((ask) => (ask.taken_at ? [{ askedAt: ask.created_at, takenAt: ask.taken_at }] : [])),
    suggestions: suggestions.map((s) => ({ text: s.text, named: s.named, at: s.created_at })),
    pairings: pairings.map((p) => ({ circle: p.name, at: p.at, met: p.met })),
    nextTerm: nextTerm ? { topics: [...nextTerm.topics], namedAt: nextTerm.created_at } : null,
    visits: visits.map((v) => {
      const youAsked = v.requester_id === memberId;
      // `visit`: the one who asked watches; `invite` and `model`: the one asked does.
      const youObserved = youAsked === (v.kind === 'visit');
      return {
        kind: v.kind,
        youAsked,
        youObserved,
        at: v.at,
        status: v.status,
        focus: v.focus,
        notes: v.notes ? [...v.notes] : null,
        reflection: youObserved ? null : v.reflection,
      };
    }),
  };
}

export function memberExport(db: Executor): Pick<DataRightsRepo, 'memberData'> {
  return {
    async memberData(memberId) {
      const member = await db
        .selectFrom('members')
        .select(['display_name', 'time_zone', 'is_admin', 'created_at', 'nudges_enabled', 'nudge_day', 'nudge_minute'])
        .where('id', '=', memberId)
        .executeTakeFirstOrThrow();
      const [communities, checkins, reflections, goals, updates, mentoring, protocolReplies] = await Promise.all([
        db
          .selectFrom('community_members')
          .innerJoin('communities', 'communities.id', 'community_members.community_id')
          .select(['communities.name', 'community_members.is_facilitator', 'community_members.joined_at'])
          .where('community_members.member_id', '=', memberId)
          .orderBy('community_members.joined_at')
          .execute(),
        db
          .selectFrom('checkins')
          .innerJoin('sessions', 'sessions.id', 'checkins.session_id')
          .innerJoin('communities', 'communities.id', 'sessions.community_id')
          .select([
            'communities.name',
            'sessions.topic',
            'sessions.opened_at',
            'checkins.phase',
            'checkins.text',
            'checkins.shared_with_leaders',
            'checkins.updated_at',
          ])
          .where('checkins.member_id', '=', memberId)
          .orderBy('checkins.created_at')
          .orderBy('checkins.id')
          .execute(),
        db
          .selectFrom('reflections')
          .innerJoin('prompt_posts', 'prompt_posts.id', 'reflections.prompt_post_id')
          .innerJoin('communities', 'communities.id', 'prompt_posts.community_id')
          .select(['communities.name', 'prompt_posts.prompt_text', 'reflections.text', 'reflections.updated_at'])
          .where('reflections.member_id', '=', memberId)
          .orderBy('reflections.created_at')
          .orderBy('reflections.id')
          .execute(),
        db
          .selectFrom('goals')
          .leftJoin('communities', 'communities.id', 'goals.community_id')
          .select([
            'goals.id',
            'communities.name as community',
            'goals.specific',
            'goals.measure',
            'goals.target',
            'goals.unit',
            'goals.first_step',
            'goals.relevance',
            'goals.due_on',
            'goals.cadence',
            'goals.status',
            'goals.reworks_goal_id',
            'goals.celebrate',
            'goals.created_at',
            'goals.ended_at',
          ])
          .where('goals.member_id', '=', memberId)
          .orderBy('goals.created_at')
          .orderBy('goals.id')
          .execute(),
        db
          .selectFrom('goal_updates')
          .innerJoin('goals', 'goals.id', 'goal_updates.goal_id')
          .select(['goal_updates.goal_id', 'goal_updates.value', 'goal_updates.note', 'goal_updates.created_at'])
          .where('goals.member_id', '=', memberId)
          .orderBy('goal_updates.created_at')
          .orderBy('goal_updates.id')
          .execute(),
        exportedMentoring(db, memberId),
        db
          .selectFrom('protocol_entries')
          .innerJoin('protocol_runs', 'protocol_runs.session_id', 'protocol_entries.session_id')
          .innerJoin('sessions', 'sessions.id', 'protocol_entries.session_id')
          .innerJoin('communities', 'communities.id', 'sessions.community_id')
          .select([
            'communities.name',
            'protocol_runs.protocol',
            'sessions.topic',
            'protocol_entries.kind',
            'protocol_entries.text',
            'protocol_entries.created_at',
          ])
          .where('protocol_entries.member_id', '=', memberId)
          .orderBy('protocol_entries.id')
          .execute(),
      ]);
      return {
        member: {
          name: member.display_name,
          timeZone: member.time_zone,
          isAdmin: member.is_admin,
          joinedAt: member.created_at,
          nudges: { enabled: member.nudges_enabled, day: member.nudge_day, minute: member.nudge_minute },
        },
        communities: communities.map((row) => ({
          name: row.name,
          isFacilitator: row.is_facilitator,
          joinedAt: row.joined_at,
        })),
        checkins: checkins.map((row) => ({
          community: row.name,
          sessionTopic: row.topic,
          sessionOpenedAt: row.opened_at,
          phase: row.phase,
          text: row.text,
          sharedWithLeaders: row.shared_with_leaders,
          at: row.updated_at,
        })),
        reflections: reflections.map((row) => ({
          community: row.name,
          prompt: row.prompt_text,
          text: row.text,
          at: row.updated_at,
        })),
        goals: goals.map((goal) => ({
          id: goal.id,
          community: goal.community,
          specific: goal.specific,
          measure: goal.measure,
          target: goal.target,
          unit: goal.unit,
          firstStep: goal.first_step,
          relevance: goal.relevance,
          dueOn: goal.due_on,
          cadence: goal.cadence,
          status: goal.status,
          reworksGoalId: goal.reworks_goal_id,
          celebrate: goal.celebrate,
          createdAt: goal.created_at,
          endedAt: goal.ended_at,
          updates: updates
            .filter((u) => u.goal_id === goal.id)
            .map((u) => ({ value: u.value, note: u.note, at: u.created_at })),
        })),
        mentoring,
        protocolReplies: protocolReplies.map((row) => ({
          community: row.name,
          protocol: row.protocol,
          topic: row.topic,
          kind: row.kind,
          text: row.text,
          at: row.created_at,
        })),
      };
    },
  };
}
