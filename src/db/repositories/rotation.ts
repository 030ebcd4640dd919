import { sql } from 'kysely';
import type { RotationRepo } from '../../core/ports/rotation.js';
import { freshRotation, type RotationState } from '../../core/mentoring/rotation.js';
import { dueWorkspaceColumns, toDueWorkspace } from './community-rows.js';
import type { Executor } from './executor.js';

interface RotationRow {
  workspace_id: number;
  ends_on: string | null;
  started_at: Date | null;
  notice_for: string | null;
  next_at: Date | null;
  version: number;
}

const toState = (row: RotationRow): RotationState => ({
  workspaceId: row.workspace_id,
  endsOn: row.ends_on,
  startedAt: row.started_at,
  noticeFor: row.notice_for,
  nextAt: row.next_at,
  version: row.version,
});

export function rotationRepo(db: Executor): RotationRepo {
  /** A person's change: the row exists afterwards, its plan cleared and its version moved on. */
  const touch = async (workspaceId: number, set: { ends_on?: string | null }) => {
    await db
      .insertInto('rotations')
      .values({ workspace_id: workspaceId, ...set, next_at: null, version: 1 })
      .onConflict((oc) =>
        oc.column('workspace_id').doUpdateSet({ ...set, next_at: null, version: sql<number>`rotations.version + 1` }),
      )
      .execute();
  };

  return {
    async state(workspaceId) {
      const row = await db
        .selectFrom('rotations')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      return row ? toState(row) : freshRotation(workspaceId);
    },

    setEndsOn: (workspaceId, endsOn) => touch(workspaceId, { ends_on: endsOn }),

    replan: (workspaceId) => touch(workspaceId, {}),

    async due(now, limit) {
      // Two indexed sets: steps that have come, and workspaces with mentors but nothing planned (a
      // first mentor, or a plan a person cleared). The second is small: one row per workspace at most.
      const rows = await db
        .selectFrom('workspaces')
        .leftJoin('rotations', 'rotations.workspace_id', 'workspaces.id')
        .select([
          'workspaces.id as workspace_id',
          'rotations.ends_on',
          'rotations.started_at',
          'rotations.notice_for',
          'rotations.next_at',
          'rotations.version',
        ])
        .select(dueWorkspaceColumns)
        .where('workspaces.uninstalled_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('rotations.next_at', '<=', now),
            eb.and([
              eb('rotations.next_at', 'is', null),
              eb.exists(
                eb.selectFrom('mentors').select('mentors.id').whereRef('mentors.workspace_id', '=', 'workspaces.id'),
              ),
            ]),
          ]),
        )
        .orderBy('workspaces.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        workspace: toDueWorkspace(row),
        state: row.version === null ? freshRotation(row.workspace_id) : toState({ ...row, version: row.version }),
      }));
    },

    async advance(workspaceId, version, change) {
      const set = {
        next_at: change.nextAt,
        ...(change.noticeFor !== undefined ? { notice_for: change.noticeFor } : {}),
        ...(change.startedAt !== undefined ? { started_at: change.startedAt } : {}),
        ...(change.endsOn !== undefined ? { ends_on: change.endsOn } : {}),
      };
      if (version === 0) {
        // No row yet: the planner's insert wins only if nobody made one meanwhile.
        const inserted = await db
          .insertInto('rotations')
          .values({ workspace_id: workspaceId, ...set, version: 1 })
          .onConflict((oc) => oc.column('workspace_id').doNothing())
          .returning('workspace_id')
          .executeTakeFirst();
        return inserted !== undefined;
      }
      const result = await db
        .updateTable('rotations')
        .set({ ...set, version: sql<number>`version + 1` })
        .where('workspace_id', '=', workspaceId)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async nameNext({ workspaceId, memberId, topics, namedBy, at }) {
      const before = await db
        .selectFrom('next_mentors')
        .select('topics')
        .where('workspace_id', '=', workspaceId)
        .where('member_id', '=', memberId)
        .forUpdate()
        .executeTakeFirst();
      await db
        .insertInto('next_mentors')
        .values({
          workspace_id: workspaceId,
          member_id: memberId,
          topics: JSON.stringify(topics),
          named_by: namedBy,
          created_at: at,
        })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'member_id']).doUpdateSet({ topics: JSON.stringify(topics), named_by: namedBy }),
        )
        .execute();
      return { before: before ? [...before.topics] : null };
    },

    async dropNext(workspaceId, memberId) {
      const result = await db
        .deleteFrom('next_mentors')
        .where('workspace_id', '=', workspaceId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async nextMentors(workspaceId) {
      const rows = await db
        .selectFrom('next_mentors')
        .innerJoin('members', 'members.id', 'next_mentors.member_id')
        .select(['next_mentors.member_id', 'next_mentors.topics', 'next_mentors.named_by', 'members.display_name'])
        .where('next_mentors.workspace_id', '=', workspaceId)
        .orderBy('members.display_name')
        .orderBy('next_mentors.member_id')
        .execute();
      return rows.map((row) => ({
        memberId: row.member_id,
        topics: [...row.topics],
        namedBy: row.named_by,
        name: row.display_name,
      }));
    },

    async clearNext(workspaceId) {
      await db.deleteFrom('next_mentors').where('workspace_id', '=', workspaceId).execute();
    },

    async termAsks(workspaceId, from, to) {
      const rows = await db
        .selectFrom('asks')
        .select(['asker_id', 'created_at', 'helper_id', 'taken_at', 'text'])
        .where('workspace_id', '=', workspaceId)
        .where((eb) =>
          eb.or([
            eb.and([eb('created_at', '>=', from), eb('created_at', '<', to)]),
            eb.and([eb('taken_at', '>=', from), eb('taken_at', '<', to)]),
          ]),
        )
        .execute();
      return rows.map((row) => ({
        askerId: row.asker_id,
        createdAt: row.created_at,
        helperId: row.helper_id,
        takenAt: row.taken_at,
        text: row.text,
      }));
    },
  };
}
