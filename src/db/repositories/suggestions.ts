import type { SuggestionRepo } from '../../core/ports/suggestions.js';
import type { Executor } from './executor.js';

export function suggestionRepo(db: Executor): SuggestionRepo {
  return {
    async add({ workspaceId, memberId, text, at }) {
      const row = await db
        .insertInto('suggestions')
        .values({ workspace_id: workspaceId, member_id: memberId, text, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async name(suggestionId, memberId) {
      const result = await db
        .updateTable('suggestions')
        .set({ named: true })
        .where('id', '=', suggestionId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async between({ workspaceId, from, to, limit }) {
      const where = db
        .selectFrom('suggestions')
        .where('suggestions.workspace_id', '=', workspaceId)
        .where('suggestions.created_at', '>=', from)
        .where('suggestions.created_at', '<', to);
      const [rows, count] = await Promise.all([
        where
          .innerJoin('members', 'members.id', 'suggestions.member_id')
          .select(['suggestions.text', 'suggestions.named', 'members.display_name'])
          .orderBy('suggestions.created_at')
          .orderBy('suggestions.id')
          .limit(limit)
          .execute(),
        where.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        shown: rows.map((row) => ({ text: row.text, by: row.named ? row.display_name : null })),
        total: Number(count.n),
      };
    },
  };
}
