import type { CommunityRepo } from '../../core/ports/communities.js';
import { toCommunity } from './community-rows.js';
import { toMember } from './member-rows.js';
import type { Executor } from './executor.js';

/** Who belongs to a community and who facilitates it. */
export function communityMembershipQueries(
  db: Executor,
): Pick<
  CommunityRepo,
  | 'join'
  | 'leave'
  | 'setFacilitator'
  | 'isFacilitator'
  | 'countFacilitators'
  | 'facilitators'
  | 'removeFacilitator'
  | 'isMember'
  | 'listForMember'
> {
  return {
    async join(communityId, memberId) {
      await db
        .insertInto('community_members')
        .values({ community_id: communityId, member_id: memberId })
        .onConflict((oc) => oc.columns(['community_id', 'member_id']).doNothing())
        .execute();
    },

    async leave(communityId, memberId) {
      await db
        .deleteFrom('community_members')
        .where('community_id', '=', communityId)
        .where('member_id', '=', memberId)
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

    async countFacilitators(communityId) {
      const row = await db
        .selectFrom('community_members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('community_id', '=', communityId)
        .where('is_facilitator', '=', true)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async facilitators(communityId) {
      const rows = await db
        .selectFrom('community_members')
        .innerJoin('members', 'members.id', 'community_members.member_id')
        .select([
          'members.id',
          'members.workspace_id',
          'members.external_id',
          'members.display_name',
          'members.time_zone',
          'members.is_admin',
        ])
        .where('community_members.community_id', '=', communityId)
        .where('community_members.is_facilitator', '=', true)
        .orderBy('members.display_name')
        .orderBy('members.id')
        .execute();
      return rows.map(toMember);
    },

    async removeFacilitator(communityId, memberId) {
      // The community's row is the lock: two removals at once are decided one after the other, and the
      // second counts the facilitators the first one left.
      await db.selectFrom('communities').select('id').where('id', '=', communityId).forUpdate().executeTakeFirst();
      const facilitators = await db
        .selectFrom('community_members')
        .select('member_id')
        .where('community_id', '=', communityId)
        .where('is_facilitator', '=', true)
        .execute();
      if (!facilitators.some((row) => row.member_id === memberId)) return 'not-facilitator';
      if (facilitators.length <= 1) return 'last';
      await db
        .updateTable('community_members')
        .set({ is_facilitator: false })
        .where('community_id', '=', communityId)
        .where('member_id', '=', memberId)
        .execute();
      return 'removed';
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

    async listForMember(memberId) {
      const rows = await db
        .selectFrom('community_members')
        .innerJoin('communities', 'communities.id', 'community_members.community_id')
        .select([
          'communities.id',
          'communities.workspace_id',
          'communities.channel_id',
          'communities.name',
          'communities.time_zone',
          'community_members.is_facilitator',
        ])
        .where('community_members.member_id', '=', memberId)
        .orderBy('communities.name')
        .execute();
      return rows.map((row) => ({ community: toCommunity(row), isFacilitator: row.is_facilitator }));
    },
  };
}
