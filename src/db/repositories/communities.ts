import type { Community } from '../../core/model.js';
import type { CommunityRepo } from '../../core/ports.js';
import type { Executor } from './executor.js';

const columns = ['id', 'workspace_id', 'channel_id', 'name', 'time_zone'] as const;

export function communityRepo(db: Executor): CommunityRepo {
  return {
    async findByChannel(workspaceId, channelId) {
      const row = await db
        .selectFrom('communities')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      return row ? toCommunity(row) : null;
    },

    async create({ workspaceId, channelId, name, timeZone, createdBy }) {
      const row = await db
        .insertInto('communities')
        .values({ workspace_id: workspaceId, channel_id: channelId, name, time_zone: timeZone, created_by: createdBy })
        .onConflict((oc) => oc.columns(['workspace_id', 'channel_id']).doNothing())
        .returning(columns)
        .executeTakeFirst();
      return row ? toCommunity(row) : null;
    },

    async join(communityId, memberId) {
      await db
        .insertInto('community_members')
        .values({ community_id: communityId, member_id: memberId })
        .onConflict((oc) => oc.columns(['community_id', 'member_id']).doNothing())
        .execute();
    },

    async setFacilitator(communityId, memberId, isFacilitator) {
      await db
        .insertInto('community_members')
        .values({ community_id: communityId, member_id: memberId, is_facilitator: isFacilitator })
        .onConflict((oc) => oc.columns(['community_id', 'member_id']).doUpdateSet({ is_facilitator: isFacilitator }))
        .execute();
    },

    async isFacilitator(communityId, memberId) {
      const row = await db
        .selectFrom('community_members')
        .select('is_facilitator')
        .where('community_id', '=', communityId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return row?.is_facilitator === true;
    },

    async setTimeZone(communityId, timeZone) {
      await db.updateTable('communities').set({ time_zone: timeZone }).where('id', '=', communityId).execute();
    },

    async isMember(communityId, memberId) {
      const row = await db
        .selectFrom('community_members')
        .select('member_id')
        .where('community_id', '=', communityId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async find(workspaceId, communityId) {
      const row = await db.selectFrom('communities').select(columns).where('workspace_id', '=', workspaceId).where('id', '=', communityId).executeTakeFirst();
      return row ? toCommunity(row) : null;
    },

    async listForMember(memberId) {
      const rows = await db
        .selectFrom('community_members')
        .innerJoin('communities', 'communities.id', 'community_members.community_id')
        .select(['communities.id', 'communities.workspace_id', 'communities.channel_id', 'communities.name', 'communities.time_zone', 'community_members.is_facilitator'])
        .where('community_members.member_id', '=', memberId)
        .orderBy('communities.name')
        .execute();
      return rows.map((row) => ({ community: toCommunity(row), isFacilitator: row.is_facilitator }));
    },
  };
}

function toCommunity(row: { id: number; workspace_id: number; channel_id: string; name: string; time_zone: string }): Community {
  return { id: row.id, workspaceId: row.workspace_id, channelId: row.channel_id, name: row.name, timeZone: row.time_zone };
}
