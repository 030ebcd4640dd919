import type { PressRepo } from '../../core/ports.js';
import type { Executor } from './executor.js';

export function pressRepo(db: Executor): PressRepo {
  return {
    async claim(memberId, nonce, at) {
      // The primary key decides between presses at once: one insert wins, the others do nothing.
      const row = await db
        .insertInto('presses')
        .values({ member_id: memberId, nonce, used_at: at })
        .onConflict((oc) => oc.columns(['member_id', 'nonce']).doNothing())
        .returning('nonce')
        .executeTakeFirst();
      return row !== undefined;
    },

    async release(memberId, nonce) {
      await db.deleteFrom('presses').where('member_id', '=', memberId).where('nonce', '=', nonce).execute();
    },
  };
}
