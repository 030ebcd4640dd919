import type { EntryKind, ProtocolEntry, ProtocolRun } from '../../core/protocols/protocol.js';
import type { ProtocolRepo } from '../../core/ports/protocols.js';
import type { Executor } from './executor.js';

const toRun = (row: {
  session_id: number;
  protocol: ProtocolRun['protocol'];
  presenter_id: number | null;
  step: number;
  minutes: string;
  step_started_at: Date;
  step_ends_at: Date | null;
}): ProtocolRun => ({
  sessionId: Number(row.session_id),
  protocol: row.protocol,
  presenterId: row.presenter_id === null ? null : Number(row.presenter_id),
  step: row.step,
  minutes: row.minutes.split(',').map(Number),
  stepStartedAt: row.step_started_at,
  stepEndsAt: row.step_ends_at,
});

const toEntry = (row: {
  id: number;
  session_id: number;
  member_id: number;
  display_name: string;
  step: number;
  kind: EntryKind;
  text: string;
}): ProtocolEntry => ({
  id: Number(row.id),
  sessionId: Number(row.session_id),
  memberId: Number(row.member_id),
  memberName: row.display_name,
  step: row.step,
  kind: row.kind,
  text: row.text,
});

export function protocolRepo(db: Executor): ProtocolRepo {
  const entries = () =>
    db
      .selectFrom('protocol_entries')
      .innerJoin('members', 'members.id', 'protocol_entries.member_id')
      .select([
        'protocol_entries.id',
        'protocol_entries.session_id',
        'protocol_entries.member_id',
        'members.display_name',
        'protocol_entries.step',
        'protocol_entries.kind',
        'protocol_entries.text',
      ]);
  // The step and its end as they were read: the compare of every compare-and-set on a run.
  const atStep = (sessionId: number, from: { step: number; endsAt: Date | null }) => {
    const query = db.updateTable('protocol_runs').where('session_id', '=', sessionId).where('step', '=', from.step);
    return from.endsAt === null
      ? query.where('step_ends_at', 'is', null)
      : query.where('step_ends_at', '=', from.endsAt);
  };
  return {
    async start({ sessionId, protocol, presenterId, minutes, at, endsAt }) {
      await db
        .insertInto('protocol_runs')
        .values({
          session_id: sessionId,
          protocol,
          presenter_id: presenterId,
          minutes: minutes.join(','),
          step_started_at: at,
          step_ends_at: endsAt,
        })
        .execute();
    },

    async find(sessionId) {
      const row = await db
        .selectFrom('protocol_runs')
        .selectAll()
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return row ? toRun(row) : null;
    },

    async moveStep(sessionId, from, to) {
      const result = await atStep(sessionId, from)
        .set({ step: to.step, step_started_at: to.at, step_ends_at: to.endsAt })
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async setMinutes(sessionId, from, minutes, endsAt) {
      const result = await atStep(sessionId, from)
        .set({ minutes: minutes.join(','), step_ends_at: endsAt })
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async addEntry({ sessionId, memberId, step, kind, text, messageId, at }) {
      const row = await db
        .insertInto('protocol_entries')
        .values({
          session_id: sessionId,
          member_id: memberId,
          step,
          kind,
          text,
          message_id: messageId ?? null,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async entries(sessionId) {
      const rows = await entries()
        .where('protocol_entries.session_id', '=', sessionId)
        .orderBy('protocol_entries.id')
        .execute();
      return rows.map(toEntry);
    },

    async entry(entryId) {
      const row = await entries().where('protocol_entries.id', '=', entryId).executeTakeFirst();
      return row ? toEntry(row) : null;
    },

    async setTone(entryId, memberId, tone) {
      const result = await db
        .updateTable('protocol_entries')
        .set({ kind: tone })
        .where('id', '=', entryId)
        .where('member_id', '=', memberId)
        .where('kind', 'in', ['unsure', 'warm', 'cool'])
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async editByMessage({ sessionId, memberId, messageId, text, toned }) {
      const byMessage = () =>
        db
          .updateTable('protocol_entries')
          .where('session_id', '=', sessionId)
          .where('member_id', '=', memberId)
          .where('message_id', '=', messageId);
      if (toned) {
        const sorted = await byMessage()
          .set({ text: toned.text, kind: toned.tone })
          .where('kind', 'in', ['unsure', 'warm', 'cool'])
          .executeTakeFirst();
        if (sorted.numUpdatedRows === 1n) return true;
      }
      const result = await byMessage().set({ text }).executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async removeByMessage({ sessionId, memberId, messageId }) {
      const result = await db
        .deleteFrom('protocol_entries')
        .where('session_id', '=', sessionId)
        .where('member_id', '=', memberId)
        .where('message_id', '=', messageId)
        .executeTakeFirst();
      return result.numDeletedRows === 1n;
    },

    async claimReminder(sessionId) {
      const result = await db
        .updateTable('protocol_runs')
        .set({ reminded: true })
        .where('session_id', '=', sessionId)
        .where('reminded', '=', false)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
  };
}
