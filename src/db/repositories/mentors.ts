import { sql } from 'kysely';
import type { Mentor } from '../../core/mentoring/mentor.js';
import type { MentorLoad, MentorRepo } from '../../core/ports/mentors.js';
import type { Executor } from './executor.js';

interface MentorRow {
  workspace_id: number;
  member_id: number;
  community_id: number | null;
  topics: string[];
  per_week: number;
  away_until: Date | null;
  created_at: Date;
}

const mentorColumns = [
  'workspace_id',
  'member_id',
  'community_id',
  'topics',
  'per_week',
  'away_until',
  'created_at',
] as const;

const toMentor = (row: MentorRow): Mentor => ({
  memberId: row.member_id,
  workspaceId: row.workspace_id,
  communityId: row.community_id,
  topics: [...row.topics],
  perWeek: row.per_week,
  awayUntil: row.away_until,
  since: row.created_at,
});

/** Columns of one mentor row read under two names: as it was (`old_`) and as it is now. */
const bothVersions = sql.raw(mentorColumns.map((column) => `m.${column}, old.${column} as old_${column}`).join(', '));
type BothVersions = MentorRow & { [K in keyof MentorRow as `old_${K}`]: MentorRow[K] };

export function mentorRepo(db: Executor): MentorRepo {
  return {
    async upsert({ workspaceId, memberId, communityId, topics, namedBy, at }) {
      const topicsJson = JSON.stringify(topics);
      // An existing row is changed under its lock, read as it was in the same statement; a new one is
      // inserted. Two namings at once: the loser's insert does nothing, and it changes the winner's row.
      // Three rounds are plenty: each lost round means the row appeared or went meanwhile.
      for (let round = 1; ; round++) {
        // A facilitator's naming (a circle) never narrows an admin's (null), which stays the admin's;
        // an admin's widens any.
        const keepsAdmins = sql<boolean>`(${communityId}::bigint is not null and old.community_id is null)`;
        const { rows: changed } = await sql<BothVersions>`
          update mentors m
          set community_id = case when ${communityId}::bigint is null or old.community_id is null then null else ${communityId}::bigint end,
              named_by = case when ${keepsAdmins} then old.named_by else ${namedBy} end,
              topics = ${topicsJson}::jsonb, updated_at = ${at}
          from (select * from mentors where workspace_id = ${workspaceId} and member_id = ${memberId} for update) old
          where m.id = old.id
          returning ${bothVersions}`.execute(db);
        const row = changed[0];
        if (row) {
          const before = toMentor({
            workspace_id: row.old_workspace_id,
            member_id: row.old_member_id,
            community_id: row.old_community_id,
            topics: row.old_topics,
            per_week: row.old_per_week,
            away_until: row.old_away_until,
            created_at: row.old_created_at,
          });
          return { mentor: toMentor(row), before };
        }
        const inserted = await db
          .insertInto('mentors')
          .values({
            workspace_id: workspaceId,
            member_id: memberId,
            community_id: communityId,
            topics: topicsJson,
            named_by: namedBy,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.columns(['workspace_id', 'member_id']).doNothing())
          .returning(mentorColumns)
          .executeTakeFirst();
        if (inserted) return { mentor: toMentor(inserted), before: null };
        if (round === 3) throw new Error(`naming member ${memberId} a mentor kept racing with changes to their row`);
      }
    },

    async remove(workspaceId, memberId) {
      const row = await db
        .deleteFrom('mentors')
        .where('workspace_id', '=', workspaceId)
        .where('member_id', '=', memberId)
        .returning(mentorColumns)
        .executeTakeFirst();
      return row ? toMentor(row) : null;
    },

    async find(workspaceId, memberId) {
      const row = await db
        .selectFrom('mentors')
        .select(mentorColumns)
        .where('workspace_id', '=', workspaceId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return row ? toMentor(row) : null;
    },

    async list(workspaceId) {
      const rows = await db
        .selectFrom('mentors')
        .innerJoin('members', 'members.id', 'mentors.member_id')
        .select([
          'mentors.workspace_id',
          'mentors.member_id',
          'mentors.community_id',
          'mentors.topics',
          'mentors.per_week',
          'mentors.away_until',
          'mentors.created_at',
          'members.display_name',
        ])
        .where('mentors.workspace_id', '=', workspaceId)
        .orderBy('members.display_name')
        .orderBy('mentors.member_id')
        .execute();
      return rows.map((row) => ({ ...toMentor(row), name: row.display_name }));
    },

    async setAwayUntil(workspaceId, memberId, until) {
      const result = await db
        .updateTable('mentors')
        .set({ away_until: until })
        .where('workspace_id', '=', workspaceId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async setPerWeek(workspaceId, memberId, perWeek) {
      const result = await db
        .updateTable('mentors')
        .set({ per_week: perWeek })
        .where('workspace_id', '=', workspaceId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async loads(workspaceId, since) {
      // Offers still waiting, and asks taken in this workspace: a facilitator who took an ask is not a
      // mentor, so only mentors' loads are counted.
      const { rows } = await sql<{ member_id: number; waiting: number; taken_since: number; taken_ever: number }>`
        select m.member_id, coalesce(w.n, 0)::int as waiting, coalesce(t.since, 0)::int as taken_since, coalesce(t.ever, 0)::int as taken_ever
        from mentors m
        left join lateral (
          select count(*) as n from ask_offers o join asks a on a.id = o.ask_id
          where o.mentor_id = m.member_id and o.answer is null and a.workspace_id = m.workspace_id
        ) w on true
        left join lateral (
          select count(*) filter (where a.taken_at >= ${since}) as since, count(*) as ever from asks a
          where a.helper_id = m.member_id and a.workspace_id = m.workspace_id and a.taken_at is not null
        ) t on true
        where m.workspace_id = ${workspaceId} and (coalesce(w.n, 0) > 0 or coalesce(t.ever, 0) > 0)`.execute(db);
      return new Map<number, MentorLoad>(
        rows.map((row) => [
          Number(row.member_id),
          { waiting: row.waiting, takenSince: row.taken_since, takenEver: row.taken_ever },
        ]),
      );
    },
  };
}
