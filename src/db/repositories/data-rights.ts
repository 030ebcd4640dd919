import type { DataRightsRepo } from '../../core/ports.js';
import type { Executor } from './executor.js';

export function dataRightsRepo(db: Executor): DataRightsRepo {
  return {
    async memberData(memberId) {
      const member = await db
        .selectFrom('members')
        .select(['display_name', 'time_zone', 'is_admin', 'created_at', 'nudges_enabled', 'nudge_day', 'nudge_minute'])
        .where('id', '=', memberId)
        .executeTakeFirstOrThrow();
      const [communities, checkins, reflections, goals, updates] = await Promise.all([
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
          .select(['communities.name', 'sessions.topic', 'sessions.opened_at', 'checkins.phase', 'checkins.text', 'checkins.shared_with_leaders', 'checkins.updated_at'])
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
      ]);
      return {
        member: {
          name: member.display_name,
          timeZone: member.time_zone,
          isAdmin: member.is_admin,
          joinedAt: member.created_at,
          nudges: { enabled: member.nudges_enabled, day: member.nudge_day, minute: member.nudge_minute },
        },
        communities: communities.map((row) => ({ name: row.name, isFacilitator: row.is_facilitator, joinedAt: row.joined_at })),
        checkins: checkins.map((row) => ({
          community: row.name,
          sessionTopic: row.topic,
          sessionOpenedAt: row.opened_at,
          phase: row.phase,
          text: row.text,
          sharedWithLeaders: row.shared_with_leaders,
          at: row.updated_at,
        })),
        reflections: reflections.map((row) => ({ community: row.name, prompt: row.prompt_text, text: row.text, at: row.updated_at })),
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
          updates: updates.filter((u) => u.goal_id === goal.id).map((u) => ({ value: u.value, note: u.note, at: u.created_at })),
        })),
      };
    },

    async audit({ workspaceId, actorMemberId, action, subject, at }) {
      await db.insertInto('audit').values({ workspace_id: workspaceId, actor_member_id: actorMemberId, action, subject: subject ?? null, at }).execute();
    },
  };
}
