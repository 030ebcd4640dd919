import type { Platform } from '../../core/model.js';
import type { ReceiptRepo } from '../../core/ports/receipts.js';
import type { Executor } from './executor.js';
import { withoutNul } from '../../core/without-nul.js';

export function receiptRepo(db: Executor): ReceiptRepo {
  return {
    async claim(platform, eventId, at, payload) {
      const row = await db
        .insertInto('event_receipts')
        .values({
          platform,
          event_id: eventId,
          received_at: at,
          payload: payload === undefined ? null : JSON.stringify(withoutNul(payload)),
        })
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
        .where('failed_at', 'is', null)
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
        .select(['payload', 'handled_at', 'failed_at'])
        .where('platform', '=', platform)
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      return row ? { payload: row.payload, settled: row.handled_at !== null || row.failed_at !== null } : null;
    },

    async settle(platform, eventId, outcome, at) {
      // Compare-and-set: only an event not yet settled is settled, so it ends one way, once.
      const result = await db
        .updateTable('event_receipts')
        .set(outcome === 'handled' ? { handled_at: at } : { failed_at: at })
        .where('platform', '=', platform)
        .where('event_id', '=', eventId)
        .where('handled_at', 'is', null)
        .where('failed_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
  };
}
