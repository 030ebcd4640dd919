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
