import { sql } from 'kysely';
import type { CheckinRepo } from '../../core/ports.js';
import type { Executor } from './executor.js';

export function checkinRepo(db: Executor): CheckinRepo {
  return {
    async save({ sessionId, memberId, phase, text, sharedWithLeaders, source, messageId, at }) {
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
        .onConflict((oc) => oc.columns(['session_id', 'message_id']).where('message_id', 'is not', null).doUpdateSet({ text, updated_at: at }))
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .executeTakeFirstOrThrow();
      if (!row.inserted) return 'edited';
      return earlier ? 'added' : 'created';
    },

    async listForSession(sessionId) {
      const rows = await db
        .selectFrom('checkins')
        .innerJoin('members', 'members.id', 'checkins.member_id')
        .select(['checkins.member_id', 'members.display_name', 'checkins.phase', 'checkins.text', 'checkins.shared_with_leaders'])
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
      return rows.map((row) => ({ communityName: row.name, phase: row.phase, text: row.text ?? '', at: row.updated_at }));
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
      const removed = await db
        .deleteFrom('checkins')
        .where('session_id', '=', sessionId)
        .where('member_id', '=', memberId)
        .where('message_id', '=', messageId)
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
