import { sql } from 'kysely';
import type { StoredAway } from '../../core/away.js';
import type { MemberRepo } from '../../core/ports/members.js';
import type { Executor } from './executor.js';
import { memberNudges } from './member-nudges.js';
import { toMember, toMemberWithWorkspace, withWorkspaceRows } from './member-rows.js';

export function memberRepo(db: Executor): MemberRepo {
  return {
    ...memberNudges(db),

    async ensure(workspaceId, { externalId, name, timeZone }) {
      // Read first: a known member whose name and zone are unchanged costs no write.
      const found = await db
        .selectFrom('members')
        .select(['id', 'workspace_id', 'external_id', 'display_name', 'time_zone', 'time_zone_chosen', 'is_admin'])
        .where('workspace_id', '=', workspaceId)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      if (found && found.display_name === name) return toMember(found);
      // A known member's zone is not touched here: it moves with their plans, through setTimeZone.
      const row = await db
        .insertInto('members')
        .values({ workspace_id: workspaceId, external_id: externalId, display_name: name, time_zone: timeZone ?? null })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'external_id']).doUpdateSet((eb) => ({ display_name: eb.val(name) })),
        )
        .returning(['id', 'workspace_id', 'external_id', 'display_name', 'time_zone', 'time_zone_chosen', 'is_admin'])
        .executeTakeFirstOrThrow();
      return toMember(row);
    },

    async find(workspaceId, externalId) {
      const row = await db
        .selectFrom('members')
        .select(['id', 'workspace_id', 'external_id', 'display_name', 'time_zone', 'is_admin'])
        .where('workspace_id', '=', workspaceId)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      return row ? toMember(row) : null;
    },

    async names(memberIds) {
      if (memberIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('members')
        .select(['id', 'display_name'])
        .where('id', 'in', [...memberIds])
        .execute();
      return new Map(rows.map((row) => [row.id, row.display_name]));
    },

    async claimFirstAdmin(workspaceId, memberId) {
      // One statement: the workspace has no admin, or nothing changes. A new admin's first digest is
      // planned by the next tick.
      const result = await db
        .updateTable('members')
        .set({ is_admin: true, admin_granted: true, next_digest_at: null })
        .where('id', '=', memberId)
        .where('workspace_id', '=', workspaceId)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('members as other')
                .select('other.id')
                .where('other.workspace_id', '=', workspaceId)
                .where('other.is_admin', '=', true),
            ),
          ),
        )
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async grantAdmin(memberId) {
      // A new admin's first digest, or a returning admin's, is planned afresh by the next tick.
      await db
        .updateTable('members')
        .set((eb) => ({
          admin_granted: true,
          is_admin: true,
          next_digest_at: eb.case().when('is_admin', '=', true).then(eb.ref('next_digest_at')).else(null).end(),
        }))
        .where('id', '=', memberId)
        .execute();
    },

    async revokeAdmin(workspaceId, memberId) {
      // The admins' rows are locked first (FOR UPDATE), so a concurrent removal waits and then counts
      // again: the last admin is never removed, whatever the interleaving.
      const { rows } = await sql<{ id: number }>`
        with admins as (
          select id from members where workspace_id = ${workspaceId} and is_admin order by id for update
        )
        update members set admin_granted = false, is_admin = false, next_digest_at = null
        where id = ${memberId} and workspace_id = ${workspaceId} and is_admin and not is_platform_admin
          and (select count(*) from admins) > 1
        returning id`.execute(db);
      if (rows.length) return 'revoked';
      const row = await db
        .selectFrom('members')
        .select(['is_admin', 'is_platform_admin'])
        .where('id', '=', memberId)
        .executeTakeFirst();
      if (!row?.is_admin) return 'not-admin';
      return row.is_platform_admin ? 'platform-admin' : 'last-admin';
    },

    async syncPlatformAdmin(memberId, isPlatformAdmin) {
      // Written only when the platform's answer differs from the stored flag: most interactions write nothing.
      const row = await db
        .updateTable('members')
        .set((eb) =>
          isPlatformAdmin
            ? {
                is_platform_admin: true,
                is_admin: true,
                next_digest_at: eb.case().when('is_admin', '=', true).then(eb.ref('next_digest_at')).else(null).end(),
              }
            : {
                is_platform_admin: false,
                is_admin: eb.ref('admin_granted'),
                next_digest_at: eb
                  .case()
                  .when('admin_granted', '=', true)
                  .then(eb.ref('next_digest_at'))
                  .else(null)
                  .end(),
              },
        )
        .where('id', '=', memberId)
        .where('is_platform_admin', '=', !isPlatformAdmin)
        .returning('is_admin')
        .executeTakeFirst();
      return row ? row.is_admin : null;
    },

    async forget({ memberId, workspaceId, externalId, platform, at }) {
      // The circles they facilitate are locked first, as removing a facilitator locks them, so a
      // co-facilitator stepping down at the same moment is counted before this is decided.
      await sql`
        select id from communities
        where id in (select community_id from community_members where member_id = ${memberId} and is_facilitator)
        order by id for update`.execute(db);
      const alone = await sql<{ name: string }>`
        select co.name from communities co
        join community_members cm on cm.community_id = co.id and cm.member_id = ${memberId} and cm.is_facilitator
        where not exists (select 1 from community_members f where f.community_id = co.id and f.is_facilitator and f.member_id <> ${memberId})
          and exists (select 1 from community_members o where o.community_id = co.id and o.member_id <> ${memberId})
        order by co.name`.execute(db);
      if (alone.rows.length) return { lastFacilitatorOf: alone.rows.map((row) => row.name) };
      // The member first, in one statement that holds the admins' rows: the last admin is not deleted.
      // The rest hangs off the member row: check-ins, reflections, goals and updates, memberships and
      // outbox rows go with it (on delete cascade); sessions, prompts and digests keep their figures.
      const { rows } = await sql<{ id: number }>`
        with admins as (
          select id from members where workspace_id = ${workspaceId} and is_admin order by id for update
        )
        delete from members
        where id = ${memberId} and (not is_admin or (select count(*) from admins) > 1)
        returning id`.execute(db);
      if (!rows.length) {
        const still = await db.selectFrom('members').select('id').where('id', '=', memberId).executeTakeFirst();
        if (still) return 'last-admin';
      }
      // Stored events carry the words of commands and replies; they name the person by platform id.
      await db
        .deleteFrom('event_receipts')
        .where('platform', '=', platform)
        .where(sql<boolean>`payload -> 'incoming' -> 'user' ->> 'externalId' = ${externalId}`)
        .where(
          sql<boolean>`payload -> 'incoming' -> 'workspace' ->> 'externalId' = (select external_id from workspaces where id = ${workspaceId})`,
        )
        .execute();
      // The address of their personal chat (Teams) holds their name and ids.
      await db
        .deleteFrom('conversation_refs')
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', 'personal')
        .where('key', '=', externalId)
        .execute();
      // What the platform said of their channels goes too; it is asked afresh if they come back.
      await db
        .deleteFrom('channel_members')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', externalId)
        .execute();
      await db
        .insertInto('audit')
        .values({ workspace_id: workspaceId, actor_member_id: null, action: 'member forgotten', subject: null, at })
        .execute();
      return 'forgotten';
    },

    async isPlatformAdmin(memberId) {
      const row = await db
        .selectFrom('members')
        .select('is_platform_admin')
        .where('id', '=', memberId)
        .executeTakeFirst();
      return row?.is_platform_admin === true;
    },

    async setTimeZone(memberId, timeZone, chosen) {
      await db
        .updateTable('members')
        .set({ time_zone: timeZone, ...(chosen ? { time_zone_chosen: true } : {}) })
        .where('id', '=', memberId)
        .execute();
    },

    async withWorkspace(memberId) {
      const row = await withWorkspaceRows(db).where('members.id', '=', memberId).executeTakeFirst();
      return row ? toMemberWithWorkspace(row) : null;
    },

    async findByPlatformIds(platform, workspace, user) {
      const row = await withWorkspaceRows(db)
        .select('members.time_zone_chosen')
        .where('workspaces.platform', '=', platform)
        .where('workspaces.external_id', '=', workspace)
        .where('members.external_id', '=', user)
        .executeTakeFirst();
      return row ? toMemberWithWorkspace(row) : null;
    },

    async awayStatus(memberId) {
      // "Until cleared" is kept as 'infinity', which is read here as null and never reaches a driver
      // (pg and PGlite would read it differently).
      const row = await db
        .selectFrom('members')
        .select([
          'profile_refreshed_at',
          sql<boolean>`away_until is not null`.as('away'),
          sql<Date | null>`case when away_until = 'infinity' then null else away_until end`.as('until'),
        ])
        .where('id', '=', memberId)
        .executeTakeFirst();
      if (!row?.profile_refreshed_at) return null;
      const stored: StoredAway = {
        status: row.away ? { away: true, until: row.until } : { away: false },
        at: row.profile_refreshed_at,
      };
      return stored;
    },

    async recordAway(memberId, status, at, changedAt) {
      const awayUntil = !status.away ? null : status.until === null ? sql<Date>`'infinity'::timestamptz` : status.until;
      // One conditional statement: two changes of one person kept at once cannot both win.
      const result = await db
        .updateTable('members')
        .set({
          away_until: awayUntil,
          profile_refreshed_at: at,
          ...(changedAt ? { profile_changed_at: changedAt } : {}),
        })
        .where('id', '=', memberId)
        .$if(changedAt !== undefined, (query) =>
          query.where((eb) =>
            eb.or([eb('profile_changed_at', 'is', null), eb('profile_changed_at', '<=', changedAt ?? at)]),
          ),
        )
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async rename(memberId, name) {
      await db
        .updateTable('members')
        .set({ display_name: name })
        .where('id', '=', memberId)
        .where('display_name', '<>', name)
        .execute();
    },
  };
}
