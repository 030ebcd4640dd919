import type { ReceiptRepo } from '../../core/ports.js';
import type { Executor } from './executor.js';

export function receiptRepo(db: Executor): ReceiptRepo {
  return {
    async claim(platform, eventId, at) {
      const row = await db
        .insertInto('event_receipts')
        .values({ platform, event_id: eventId, received_at: at })
        .onConflict((oc) => oc.columns(['platform', 'event_id']).doNothing())
        .returning('event_id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
