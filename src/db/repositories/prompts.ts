import type { PromptPost } from '../../core/model.js';
import type { PromptRepo, PromptRetirement } from '../../core/ports/prompts.js';
import type { Prompt, PromptTheme } from '../../core/prompts/library.js';
import type { Executor } from './executor.js';

/** Custom prompts are keyed `custom-<id>`, beside the built-in library's stable keys. */
const customPromptKey = (id: number) => `custom-${id}`;

const retirementColumns = ['id', 'community_id', 'prompt_key', 'retired_by', 'retired_at'] as const;

const postColumns = ['id', 'community_id', 'session_id', 'prompt_key', 'prompt_text', 'posted_at'] as const;

export function promptRepo(db: Executor): PromptRepo {
  return {
    async listCustom(communityId) {
      const rows = await db
        .selectFrom('prompts')
        .select(['id', 'theme', 'text'])
        .where('community_id', '=', communityId)
        .orderBy('id')
        .execute();
      return rows.map((row): Prompt => ({
        key: customPromptKey(row.id),
        theme: row.theme as PromptTheme,
        text: row.text,
      }));
    },

    async retiredKeys(communityId) {
      const rows = await db
        .selectFrom('prompt_retirements')
        .select('prompt_key')
        .where('community_id', '=', communityId)
        .execute();
      return new Set(rows.map((row) => row.prompt_key));
    },

    async history(communityId) {
      const rows = await db
        .selectFrom('prompt_posts')
        .select('prompt_key')
        .where('community_id', '=', communityId)
        .orderBy('posted_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => row.prompt_key);
    },

    async recordPost({ communityId, sessionId, prompt, channelId, at }) {
      const row = await db
        .insertInto('prompt_posts')
        .values({
          community_id: communityId,
          session_id: sessionId,
          kind: sessionId === null ? 'midweek' : 'session',
          prompt_key: prompt.key,
          prompt_text: prompt.text,
          channel_id: channelId,
          posted_at: at,
        })
        .returning(postColumns)
        .executeTakeFirstOrThrow();
      return toPost(row);
    },

    async setPostMessage(postId, messageId) {
      await db.updateTable('prompt_posts').set({ message_id: messageId }).where('id', '=', postId).execute();
    },

    async addCustom({ communityId, theme, text, createdBy }) {
      const row = await db
        .insertInto('prompts')
        .values({ community_id: communityId, theme, text, created_by: createdBy })
        .returning(['id', 'theme', 'text'])
        .executeTakeFirstOrThrow();
      return { key: customPromptKey(row.id), theme: row.theme as PromptTheme, text: row.text };
    },

    async numbered(communityId, keys) {
      const read = async () => {
        const rows = await db
          .selectFrom('prompt_numbers')
          .select(['prompt_key', 'number'])
          .where('community_id', '=', communityId)
          .execute();
        return new Map(rows.map((row) => [row.prompt_key, row.number]));
      };
      let numbers = await read();
      if (keys.every((key) => numbers.has(key))) return numbers;
      // The community's row is the lock: two first listings, or a listing and a `prompt add`, at once
      // number one after the other, and the second sees what the first one gave.
      await db.selectFrom('communities').select('id').where('id', '=', communityId).forUpdate().executeTakeFirst();
      numbers = await read();
      let next = Math.max(0, ...numbers.values()) + 1;
      const missing = [...new Set(keys)]
        .filter((key) => !numbers.has(key))
        .map((key) => ({ community_id: communityId, prompt_key: key, number: next++ }));
      if (missing.length === 0) return numbers;
      await db.insertInto('prompt_numbers').values(missing).execute();
      for (const row of missing) numbers.set(row.prompt_key, row.number);
      return numbers;
    },

    async retire({ communityId, promptKey, by, at }) {
      const row = await db
        .insertInto('prompt_retirements')
        .values({ community_id: communityId, prompt_key: promptKey, retired_by: by, retired_at: at })
        .onConflict((oc) => oc.columns(['community_id', 'prompt_key']).doNothing())
        .returning(retirementColumns)
        .executeTakeFirst();
      return row ? toRetirement(row) : null;
    },

    async restore({ communityId, promptKey, retirementId }) {
      let query = db
        .deleteFrom('prompt_retirements')
        .where('community_id', '=', communityId)
        .where('prompt_key', '=', promptKey);
      if (retirementId !== undefined) query = query.where('id', '=', retirementId);
      const result = await query.executeTakeFirst();
      return result.numDeletedRows === 1n;
    },

    async findRetirement(retirementId) {
      const row = await db
        .selectFrom('prompt_retirements')
        .select(retirementColumns)
        .where('id', '=', retirementId)
        .executeTakeFirst();
      return row ? toRetirement(row) : null;
    },

    async latestRetirementBy(memberId, since) {
      const row = await db
        .selectFrom('prompt_retirements')
        .select(retirementColumns)
        .where('retired_by', '=', memberId)
        .where('retired_at', '>=', since)
        .orderBy('retired_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? toRetirement(row) : null;
    },

    async postByMessage(communityId, messageId) {
      const row = await db
        .selectFrom('prompt_posts')
        .select(postColumns)
        .where('community_id', '=', communityId)
        .where('message_id', '=', messageId)
        .where('session_id', 'is', null)
        .executeTakeFirst();
      return row ? toPost(row) : null;
    },

    async findPost(postId) {
      const row = await db.selectFrom('prompt_posts').select(postColumns).where('id', '=', postId).executeTakeFirst();
      return row ? toPost(row) : null;
    },

    async postsForSession(sessionId) {
      const rows = await db
        .selectFrom('prompt_posts')
        .select(postColumns)
        .where('session_id', '=', sessionId)
        .orderBy('posted_at')
        .orderBy('id')
        .execute();
      return rows.map(toPost);
    },

    async latestForSession(sessionId) {
      const row = await db
        .selectFrom('prompt_posts')
        .select(postColumns)
        .where('session_id', '=', sessionId)
        .orderBy('posted_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? toPost(row) : null;
    },
  };
}

function toPost(row: {
  id: number;
  community_id: number;
  session_id: number | null;
  prompt_key: string;
  prompt_text: string;
  posted_at: Date;
}): PromptPost {
  return {
    id: row.id,
    communityId: row.community_id,
    sessionId: row.session_id,
    promptKey: row.prompt_key,
    promptText: row.prompt_text,
    postedAt: row.posted_at,
  };
}

function toRetirement(row: {
  id: number;
  community_id: number;
  prompt_key: string;
  retired_by: number | null;
  retired_at: Date;
}): PromptRetirement {
  return {
    id: row.id,
    communityId: row.community_id,
    promptKey: row.prompt_key,
    by: row.retired_by,
    at: row.retired_at,
  };
}
