import type { ExpressionBuilder } from 'kysely';
import type { Goal } from '../../core/goals/goal.js';
import type { GoalRepo } from '../../core/ports/goals.js';
import type { Database } from '../schema.js';
import type { Executor } from './executor.js';

/** The nth newest progress value of the goal in the outer query (0 = latest). */
const nthValue = (eb: ExpressionBuilder<Database, 'goals'>, offset: number) =>
  eb
    .selectFrom('goal_updates')
    .select('goal_updates.value')
    .whereRef('goal_updates.goal_id', '=', 'goals.id')
    .orderBy('goal_updates.created_at', 'desc')
    .orderBy('goal_updates.id', 'desc')
    .offset(offset)
    .limit(1);

function withProgress(db: Executor) {
  return db
    .selectFrom('goals')
    .selectAll('goals')
    .select((eb) => [nthValue(eb, 0).as('latest'), nthValue(eb, 1).as('previous')]);
}

type Row = Awaited<ReturnType<ReturnType<typeof withProgress>['execute']>>[number];

const REMOVED = '(removed after the retention period)';

function toGoal(row: Row): Goal {
  return {
    id: row.id,
    number: row.number,
    memberId: row.member_id,
    communityId: row.community_id,
    status: row.status,
    // The words of a goal past the retention period are gone; the goal still counts.
    specific: row.specific ?? REMOVED,
    measure: row.measure ?? REMOVED,
    firstStep: row.first_step,
    relevance: row.relevance,
    dueOn: row.due_on,
    cadence: row.cadence,
    celebrate: row.celebrate,
    target: row.target,
    unit: row.unit,
    // numeric arrives as a number on both drivers (type-parsers.ts); null without updates.
    latest: row.latest === null ? null : Number(row.latest),
    previous: row.previous === null ? null : Number(row.previous),
    endedAt: row.ended_at,
    createdAt: row.created_at,
    snoozedUntil: row.snoozed_until,
    unanswered: row.unanswered_nudges,
  };
}

export function goalRepo(db: Executor): GoalRepo {
  return {
    async countActive(memberId) {
      const row = await db
        .selectFrom('goals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('member_id', '=', memberId)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async listActive(memberId) {
      const rows = await withProgress(db)
        .where('goals.member_id', '=', memberId)
        .where('goals.status', '=', 'active')
        .orderBy('goals.number')
        .execute();
      return rows.map(toGoal);
    },

    async findNumbered(memberId, number) {
      const row = await withProgress(db)
        .where('goals.member_id', '=', memberId)
        .where('goals.number', '=', number)
        .executeTakeFirst();
      return row ? toGoal(row) : null;
    },

    async listEnded(memberId, limit) {
      const rows = await withProgress(db)
        .where('goals.member_id', '=', memberId)
        .where('goals.status', '!=', 'active')
        .orderBy('goals.ended_at', 'desc')
        .orderBy('goals.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toGoal);
    },

    async create({ workspaceId, memberId, communityId, draft, target, unit, reworksGoalId, at }) {
      // The member's row is the lock that makes the trigger's "next number" one number per goal.
      await db.selectFrom('members').select('id').where('id', '=', memberId).forUpdate().executeTakeFirst();
      const { id } = await db
        .insertInto('goals')
        .values({
          workspace_id: workspaceId,
          member_id: memberId,
          community_id: communityId,
          specific: draft.specific,
          measure: draft.measure,
          target,
          unit,
          first_step: draft.firstStep,
          relevance: draft.relevance,
          due_on: draft.dueOn,
          cadence: draft.cadence,
          celebrate: draft.celebrate,
          reworks_goal_id: reworksGoalId,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await withProgress(db).where('goals.id', '=', id).executeTakeFirstOrThrow();
      return toGoal(row);
    },

    async createWithinCap(input, cap) {
      // The member's row is the lock: a second save waits here, then counts what the first one wrote
      // (each statement reads afresh under read committed), so the cap holds however many arrive at once.
      await db.selectFrom('members').select('id').where('id', '=', input.memberId).forUpdate().executeTakeFirst();
      const row = await db
        .selectFrom('goals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('member_id', '=', input.memberId)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= cap) return null;
      return this.create(input);
    },

    async addUpdate({ goalId, value, note, at }) {
      await db.insertInto('goal_updates').values({ goal_id: goalId, value, note, created_at: at }).execute();
    },

    async snooze({ goalIds, memberId, until }) {
      if (goalIds.length === 0) return;
      await db
        .updateTable('goals')
        .set({ snoozed_until: until })
        .where('id', 'in', goalIds)
        .where('member_id', '=', memberId)
        .execute();
    },

    async markNudged({ goalIds, at }) {
      if (goalIds.length === 0) return;
      await db
        .updateTable('goals')
        .set((eb) => ({ unanswered_nudges: eb('unanswered_nudges', '+', 1), last_nudged_at: at }))
        .where('id', 'in', goalIds)
        .execute();
    },

    async markAnswered(memberId) {
      await db
        .updateTable('goals')
        .set({ unanswered_nudges: 0 })
        .where('member_id', '=', memberId)
        .where('status', '=', 'active')
        .execute();
    },

    async reopen({ memberId, goalId, since, cap }) {
      // The same lock and count as a new goal: an undo and a save at once cannot pass the cap.
      await db.selectFrom('members').select('id').where('id', '=', memberId).forUpdate().executeTakeFirst();
      let query = db
        .selectFrom('goals')
        .select('id')
        .where('member_id', '=', memberId)
        .where('status', 'in', ['achieved', 'dropped'])
        .where('ended_at', '>=', since);
      if (goalId !== undefined) query = query.where('id', '=', goalId);
      const ended = await query.orderBy('ended_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (!ended) return null;
      if ((await this.countActive(memberId)) >= cap) return 'too-many';
      await db
        .updateTable('goals')
        .set({ status: 'active', ended_at: null, unanswered_nudges: 0 })
        .where('id', '=', ended.id)
        .execute();
      return toGoal(await withProgress(db).where('goals.id', '=', ended.id).executeTakeFirstOrThrow());
    },

    async end({ goalId, memberId, status, at }) {
      const result = await db
        .updateTable('goals')
        .set({ status, ended_at: at })
        .where('id', '=', goalId)
        .where('member_id', '=', memberId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
  };
}
