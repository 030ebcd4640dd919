import type { Platform } from '../../core/model.js';
import type { ReceiptRepo } from '../../core/ports.js';
import type { Executor } from './executor.js';

export function receiptRepo(db: Executor): ReceiptRepo {
  return {
    async claim(platform, eventId, at, payload) {
      const row = await db
        .insertInto('event_receipts')
        .values({ platform, event_id: eventId, received_at: at, payload: payload === undefined ? null : JSON.stringify(payload) })
        .onConflict((oc) => oc.columns(['platform', 'event_id']).doNothing())
        .returning('event_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async unhandled({ receivedAfter, receivedBefore, limit }) {
      const rows = await db
        .selectFrom('event_receipts')
        .select(['platform', 'event_id'])
        .where('handled_at', 'is', null)
        .where('payload', 'is not', null)
        .where('received_at', '>', receivedAfter)
        .where('received_at', '<', receivedBefore)
        .orderBy('received_at')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ platform: row.platform as Platform, eventId: row.event_id }));
    },

    async find(platform, eventId) {
      const row = await db
        .selectFrom('event_receipts')
        .select(['payload', 'handled_at'])
        .where('platform', '=', platform)
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      return row ? { payload: row.payload, handled: row.handled_at !== null } : null;
    },

    async markHandled(platform, eventId, at) {
      await db
        .updateTable('event_receipts')
        .set({ handled_at: at })
        .where('platform', '=', platform)
        .where('event_id', '=', eventId)
        .execute();
    },
  };
}
