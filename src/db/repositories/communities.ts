import type { CommunityRepo } from '../../core/ports/communities.js';
import { communityMembershipQueries } from './community-members.js';
import { communityPlanQueries } from './community-plans.js';
import { communityColumns as columns, toCommunity } from './community-rows.js';
import type { Executor } from './executor.js';

export function communityRepo(db: Executor): CommunityRepo {
  return {
    ...communityMembershipQueries(db),
    ...communityPlanQueries(db),

    async findByChannel(workspaceId, channelId) {
      const row = await db
        .selectFrom('communities')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      return row ? toCommunity(row) : null;
    },

    async create({ workspaceId, channelId, name, timeZone, createdBy, at }) {
      const row = await db
        .insertInto('communities')
        .values({
          workspace_id: workspaceId,
          channel_id: channelId,
          name,
          time_zone: timeZone,
          created_by: createdBy,
          ...(at ? { created_at: at } : {}),
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'channel_id']).doNothing())
        .returning(columns)
        .executeTakeFirst();
      return row ? toCommunity(row) : null;
    },

    async setTimeZone(communityId, timeZone) {
      await db.updateTable('communities').set({ time_zone: timeZone }).where('id', '=', communityId).execute();
    },

    async rename(communityId, name) {
      await db.updateTable('communities').set({ name }).where('id', '=', communityId).execute();
    },

    async inWorkspace(workspaceId) {
      const rows = await db
        .selectFrom('communities')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .orderBy('id')
        .execute();
      return rows.map(toCommunity);
    },

    async find(workspaceId, communityId) {
      const row = await db
        .selectFrom('communities')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', communityId)
        .executeTakeFirst();
      return row ? toCommunity(row) : null;
    },

    async findById(communityId) {
      const row = await db.selectFrom('communities').select(columns).where('id', '=', communityId).executeTakeFirst();
      return row ? toCommunity(row) : null;
    },
  };
}
