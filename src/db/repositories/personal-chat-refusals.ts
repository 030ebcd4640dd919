import { sql } from 'kysely';
import type { Executor } from './executor.js';

// People who refused the bot a personal chat (Teams answered 403: they blocked it). Kept on their
// member row, so forget-me takes it with them.

export function personalChatRefusalRepo(db: Executor) {
  return {
    /** Records the refusal; true when it is new (not already on record). Knows the person from now on if they were not known. */
    async record(workspaceId: number, externalId: string, at: Date): Promise<boolean> {
      const row = await db
        .insertInto('members')
        .values({
          workspace_id: workspaceId,
          external_id: externalId,
          display_name: externalId,
          personal_chat_refused_at: at,
        })
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'external_id'])
            .doUpdateSet({ personal_chat_refused_at: sql`excluded.personal_chat_refused_at` })
            .where('members.personal_chat_refused_at', 'is', null),
        )
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async refused(workspaceId: number, externalId: string): Promise<boolean> {
      const row = await db
        .selectFrom('members')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('external_id', '=', externalId)
        .where('personal_chat_refused_at', 'is not', null)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** They wrote to the bot: it may write to them again. Writes nothing when there was no refusal. */
    async clear(workspaceId: number, externalId: string): Promise<void> {
      await db
        .updateTable('members')
        .set({ personal_chat_refused_at: null })
        .where('workspace_id', '=', workspaceId)
        .where('external_id', '=', externalId)
        .where('personal_chat_refused_at', 'is not', null)
        .execute();
    },
  };
}
