import { sql } from 'kysely';
import type { ReflectionRepo, ReflectionScope } from '../../core/ports/reflections.js';
import type { Executor } from './executor.js';

export function reflectionRepo(db: Executor): ReflectionRepo {
  return {
    async add({ promptPostId, memberId, text, source, messageId, at }) {
      const earlier = await db
        .selectFrom('reflections')
        .select('id')
        .where('prompt_post_id', '=', promptPostId)
        .where('member_id', '=', memberId)
        .limit(1)
        .executeTakeFirst();
      // A platform message is one reflection: the same message id again (an edit) changes its text.
      const row = await db
        .insertInto('reflections')
        .values({
          prompt_post_id: promptPostId,
          member_id: memberId,
          text,
          source,
          message_id: messageId ?? null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc
            .columns(['prompt_post_id', 'message_id'])
            .where('message_id', 'is not', null)
            .doUpdateSet({ text, updated_at: at }),
        )
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .executeTakeFirstOrThrow();
      if (!row.inserted) return 'edited';
      return earlier ? 'added' : 'created';
    },

    async listForSession(sessionId) {
      const rows = await db
        .selectFrom('reflections')
        .innerJoin('prompt_posts', 'prompt_posts.id', 'reflections.prompt_post_id')
        .innerJoin('members', 'members.id', 'reflections.member_id')
        .select(['reflections.prompt_post_id', 'reflections.member_id', 'members.display_name', 'reflections.text'])
        .where('prompt_posts.session_id', '=', sessionId)
        .orderBy('reflections.created_at')
        .orderBy('reflections.id')
        .execute();
      return rows.map((row) => ({
        promptPostId: Number(row.prompt_post_id),
        memberId: row.member_id,
        memberName: row.display_name,
        text: row.text,
      }));
    },

    async countBetweenSessions(communityId, after, before) {
      let query = db
        .selectFrom('reflections')
        .innerJoin('prompt_posts', 'prompt_posts.id', 'reflections.prompt_post_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('prompt_posts.community_id', '=', communityId)
        .where('prompt_posts.session_id', 'is', null)
        .where('prompt_posts.posted_at', '<', before);
      if (after) query = query.where('prompt_posts.posted_at', '>', after);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async editByMessage({ on, memberId, messageId, text, at }) {
      const result = await db
        .updateTable('reflections')
        .set({ text, updated_at: at })
        .where('member_id', '=', memberId)
        .where('message_id', '=', messageId)
        .where('prompt_post_id', 'in', promptPosts(db, on))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async removeByMessage({ on, memberId, messageId }) {
      const result = await db
        .deleteFrom('reflections')
        .where('member_id', '=', memberId)
        .where('message_id', '=', messageId)
        .where('prompt_post_id', 'in', promptPosts(db, on))
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

/** The prompt posts a reflection may answer: a session's, or the one posted between sessions. */
function promptPosts(db: Executor, on: ReflectionScope) {
  const posts = db.selectFrom('prompt_posts').select('id');
  return 'sessionId' in on
    ? posts.where('session_id', '=', on.sessionId)
    : posts.where('id', '=', on.promptPostId).where('session_id', 'is', null);
}
