import type { ChannelMemberRepo } from '../../core/ports/channel-members.js';
import type { Executor } from './executor.js';

export function channelMemberRepo(db: Executor): ChannelMemberRepo {
  return {
    async known({ workspaceId, channelId, userId, since }) {
      const row = await db
        .selectFrom('channel_members')
        .select('present')
        .where('workspace_id', '=', workspaceId)
        .where('channel_id', '=', channelId)
        .where('user_id', '=', userId)
        .where('checked_at', '>=', since)
        .executeTakeFirst();
      return row ? row.present : null;
    },

    async record({ workspaceId, channelId, userId, present, at }) {
      await db
        .insertInto('channel_members')
        .values({ workspace_id: workspaceId, channel_id: channelId, user_id: userId, present, checked_at: at })
        // Events may arrive out of order: the later fact wins.
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'channel_id', 'user_id'])
            .doUpdateSet({ present, checked_at: at })
            .where('channel_members.checked_at', '<=', at),
        )
        .execute();
    },

    async forgetPerson(workspaceId, userId) {
      await db
        .deleteFrom('channel_members')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
    },
  };
}
