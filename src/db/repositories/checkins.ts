import { sql } from 'kysely';
import type { CheckinRepo } from '../../core/ports/check-ins.js';
import type { Executor } from './executor.js';

/**
 * Which of a person's check-ins in a phase is first (the one the digest counts) is decided by reading
 * the ones before it, so two answers stored at once by two instances, or one stored while the first is
 * removed, would each decide from a view without the other and mark two, or none. A transaction lock
 * per session, person and phase makes them take turns; after it, the next statement sees what the other
 * committed. It holds until the caller's transaction ends (callers store answers in one).
 */
async function takeTurnsInPhase(db: Executor, sessionId: number, memberId: number, phase: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`checkins:${sessionId}:${memberId}:${phase}`}, 0))`.execute(
    db,
  );
}

export function checkinRepo(db: Executor): CheckinRepo {
  return {
    async save({ sessionId, memberId, phase, text, sharedWithLeaders, source, messageId, at }) {
      await takeTurnsInPhase(db, sessionId, memberId, phase);
      const earlier = await db
        .selectFrom('checkins')
        .select('id')
        .where('session_id', '=', sessionId)
        .where('member_id', '=', memberId)
        .where('phase', '=', phase)
        .limit(1)
        .executeTakeFirst();
      // A platform message is one check-in: the same message again (an edit that came as a new event)
      // changes its text. xmax is 0 for a freshly inserted row and set on one the upsert updated.
      const row = await db
        .insertInto('checkins')
        .values({
          session_id: sessionId,
          member_id: memberId,
          phase,
          text,
          shared_with_leaders: sharedWithLeaders,
          source,
          message_id: messageId ?? null,
          first_in_phase: !earlier,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc
            .columns(['session_id', 'message_id'])
            .where('message_id', 'is not', null)
            .doUpdateSet({ text, updated_at: at }),
        )
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .executeTakeFirstOrThrow();
      if (!row.inserted) return 'edited';
      return earlier ? 'added' : 'created';
    },

    async listForSession(sessionId) {
      const rows = await db
        .selectFrom('checkins')
        .innerJoin('members', 'members.id', 'checkins.member_id')
        .select([
          'checkins.member_id',
          'members.display_name',
          'checkins.phase',
          'checkins.text',
          'checkins.shared_with_leaders',
        ])
        .where('checkins.session_id', '=', sessionId)
        .orderBy('checkins.created_at')
        .orderBy('checkins.id')
        .execute();
      return rows.map((row) => ({
        memberId: row.member_id,
        memberName: row.display_name,
        phase: row.phase,
        text: row.text,
        sharedWithLeaders: row.shared_with_leaders,
      }));
    },

    async recentForMember(memberId, limit) {
      const rows = await db
        .selectFrom('checkins')
        .innerJoin('sessions', 'sessions.id', 'checkins.session_id')
        .innerJoin('communities', 'communities.id', 'sessions.community_id')
        .select(['communities.name', 'checkins.phase', 'checkins.text', 'checkins.updated_at'])
        .where('checkins.member_id', '=', memberId)
        .where('checkins.text', 'is not', null)
        .orderBy('checkins.updated_at', 'desc')
        .orderBy('checkins.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        communityName: row.name,
        phase: row.phase,
        text: row.text ?? '',
        at: row.updated_at,
      }));
    },

    async editByMessage({ sessionId, memberId, messageId, text, at }) {
      const result = await db
        .updateTable('checkins')
        .set({ text, updated_at: at })
        .where('session_id', '=', sessionId)
        .where('member_id', '=', memberId)
        .where('message_id', '=', messageId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async removeByMessage({ sessionId, memberId, messageId }) {
      const found = await db
        .selectFrom('checkins')
        .select(['id', 'phase'])
        .where('session_id', '=', sessionId)
        .where('member_id', '=', memberId)
        .where('message_id', '=', messageId)
        .executeTakeFirst();
      if (!found) return false;
      await takeTurnsInPhase(db, sessionId, memberId, found.phase);
      const removed = await db
        .deleteFrom('checkins')
        .where('id', '=', found.id)
        .returning(['phase', 'first_in_phase'])
        .executeTakeFirst();
      if (removed?.first_in_phase) {
        // The person's next check-in in that phase, if any, is now the one the digest counts.
        await db
          .updateTable('checkins')
          .set({ first_in_phase: true })
          .where(
            'id',
            '=',
            db
              .selectFrom('checkins')
              .select('id')
              .where('session_id', '=', sessionId)
              .where('member_id', '=', memberId)
              .where('phase', '=', removed.phase)
              .orderBy('created_at')
              .orderBy('id')
              .limit(1),
          )
          .execute();
      }
      return removed !== undefined;
    },
  };
}
