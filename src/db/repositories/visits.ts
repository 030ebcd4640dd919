import { sql, type Selectable } from 'kysely';
import type { VisitRepo } from '../../core/ports/visits.js';
import type { Visit } from '../../core/visits/visit.js';
import type { VisitsTable } from '../schema.js';
import type { Executor } from './executor.js';

const columns = [
  'id',
  'workspace_id',
  'kind',
  'requester_id',
  'peer_id',
  'at',
  'zone',
  'focus',
  'status',
  'notes',
  'reflection',
  'created_at',
  'answered_at',
  'cancelled_by',
] as const;
type Row = Pick<Selectable<VisitsTable>, (typeof columns)[number]>;

const toVisit = (row: Row): Visit => ({
  id: row.id,
  workspaceId: row.workspace_id,
  kind: row.kind,
  requesterId: row.requester_id,
  peerId: row.peer_id,
  at: row.at,
  zone: row.zone,
  focus: row.focus,
  status: row.status,
  notes: row.notes ? [...row.notes] : null,
  reflection: row.reflection,
  createdAt: row.created_at,
  answeredAt: row.answered_at,
  cancelledBy: row.cancelled_by,
});

/** The observer and the observed, as SQL: who watches follows from the kind. */
const observer = sql<number>`case when visits.kind = 'visit' then visits.requester_id else visits.peer_id end`;
const observed = sql<number>`case when visits.kind = 'visit' then visits.peer_id else visits.requester_id end`;

/** The member is one of the visit's two people. */
const partyIs = (memberId: number) => sql<boolean>`(visits.requester_id = ${memberId} or visits.peer_id = ${memberId})`;

const changed = (result: { numUpdatedRows: bigint }) => result.numUpdatedRows > 0n;

export function visitRepo(db: Executor): VisitRepo {
  const byId = async (visitId: number, workspaceId?: number) => {
    let query = db.selectFrom('visits').select(columns).where('id', '=', visitId);
    if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
    const row = await query.executeTakeFirst();
    return row ? toVisit(row) : null;
  };
  return {
    async create({ workspaceId, kind, requesterId, peerId, at, zone, focus, now }) {
      const row = await db
        .insertInto('visits')
        .values({
          workspace_id: workspaceId,
          kind,
          requester_id: requesterId,
          peer_id: peerId,
          at,
          zone,
          focus,
          created_at: now,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toVisit(row);
    },

    find: (workspaceId, visitId) => byId(visitId, workspaceId),
    byId: (visitId) => byId(visitId),

    async answer(visitId, peerId, answer, at) {
      return changed(
        await db
          .updateTable('visits')
          .set({ status: answer, answered_at: at })
          .where('id', '=', visitId)
          .where('peer_id', '=', peerId)
          .where('status', '=', 'requested')
          .executeTakeFirst(),
      );
    },

    async cancel(visitId, memberId, at) {
      return changed(
        await db
          .updateTable('visits')
          .set({ status: 'cancelled', cancelled_by: memberId, cancelled_at: at })
          .where('id', '=', visitId)
          .where(partyIs(memberId))
          .where('status', 'in', ['requested', 'accepted'])
          .executeTakeFirst(),
      );
    },

    async saveNotes(visitId, observerId, notes, at) {
      return changed(
        await db
          .updateTable('visits')
          .set({ status: 'noted', notes: sql<string[]>`${JSON.stringify(notes)}::jsonb`, notes_at: at })
          .where('id', '=', visitId)
          .where(observer, '=', observerId)
          .where('status', '=', 'accepted')
          .executeTakeFirst(),
      );
    },

    async saveReflection(visitId, observedId, text, at) {
      return changed(
        await db
          .updateTable('visits')
          .set({ reflection: text, reflection_at: at })
          .where('id', '=', visitId)
          .where(observed, '=', observedId)
          .where('status', '=', 'noted')
          .executeTakeFirst(),
      );
    },

    async upcoming(memberId, now) {
      const rows = await db
        .selectFrom('visits')
        .select(columns)
        .where(partyIs(memberId))
        .where('status', 'in', ['requested', 'accepted'])
        .where('at', '>', now)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map(toVisit);
    },

    async forget(memberId, at) {
      // Visits still to come are called off first, so the other person can be told.
      const cancelled = await db
        .updateTable('visits')
        .set({ status: 'cancelled', cancelled_by: memberId, cancelled_at: at })
        .where(partyIs(memberId))
        .where('status', 'in', ['requested', 'accepted'])
        .returning(columns)
        .execute();
      // The texts they wrote, and the notes and reflection about their own lessons.
      await db.updateTable('visits').set({ focus: null }).where('requester_id', '=', memberId).execute();
      await db.updateTable('visits').set({ notes: null }).where(observer, '=', memberId).execute();
      await db.updateTable('visits').set({ notes: null, reflection: null }).where(observed, '=', memberId).execute();
      return cancelled.map(toVisit);
    },
  };
}
