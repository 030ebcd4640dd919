import type { PressRepo } from '../../core/ports/presses.js';
import type { Executor } from './executor.js';

export function pressRepo(db: Executor): PressRepo {
  return {
    async claim(memberId, nonce, at, eventId) {
      // The primary key decides between presses at once: one insert wins, the others do nothing.
      const row = await db
        .insertInto('presses')
        .values({ member_id: memberId, nonce, event_id: eventId ?? null, used_at: at })
        .onConflict((oc) => oc.columns(['member_id', 'nonce']).doNothing())
        .returning('nonce')
        .executeTakeFirst();
      if (row || eventId === undefined) return row !== undefined;
      const used = await db
        .selectFrom('presses')
        .select('event_id')
        .where('member_id', '=', memberId)
        .where('nonce', '=', nonce)
        .executeTakeFirst();
      return used?.event_id === eventId;
    },

    async release(memberId, nonce) {
      await db.deleteFrom('presses').where('member_id', '=', memberId).where('nonce', '=', nonce).execute();
    },
  };
}
