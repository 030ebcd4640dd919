import { sql } from 'kysely';
import type { PairingRepo } from '../../core/ports/pairing.js';
import type { PairGroup, PairingSettings, PairRound } from '../../core/pairing/model.js';
import type { CommunitiesTable } from '../schema.js';
import { communityColumns, dueWorkspaceColumns, toCommunity, toDueWorkspace } from './community-rows.js';
import { movePlannedTime } from './compare-and-set.js';
import type { Executor } from './executor.js';

// Pairing rounds on the database. A round and its groups are written in one statement, so a round is
// never seen without its people; the unique (community_id, at) settles two replicas recording the
// same round. Groups are read back from pair_members, ordered by group and, within a group, by member
// id: a member forgotten since is simply missing from their group.

type SettingsRow = Pick<CommunitiesTable, 'pairs_cadence' | 'pairs_mode' | 'pairs_anchor'>;

function toSettings(row: SettingsRow): PairingSettings | null {
  if (!row.pairs_cadence || !row.pairs_mode || !row.pairs_anchor) return null;
  return { cadence: row.pairs_cadence, mode: row.pairs_mode, anchor: row.pairs_anchor };
}

/** Groups in the round's order from (group, member) rows, each group's members by id. */
function toGroups(rows: readonly { group_no: number; member_id: number }[]): PairGroup[] {
  const groups = new Map<number, number[]>();
  for (const row of [...rows].sort((a, b) => a.group_no - b.group_no || a.member_id - b.member_id)) {
    const group = groups.get(row.group_no) ?? [];
    group.push(row.member_id);
    groups.set(row.group_no, group);
  }
  return [...groups.values()];
}

interface RoundRow {
  id: number;
  community_id: number;
  at: Date;
  window: number;
}

const toRound = (row: RoundRow, groups: PairGroup[]): PairRound => ({
  id: row.id,
  communityId: row.community_id,
  at: row.at,
  window: row.window,
  groups,
});

export function pairingRepo(db: Executor): PairingRepo {
  /** The rounds with their groups, in the order given. */
  async function withGroups(rounds: RoundRow[]): Promise<PairRound[]> {
    if (!rounds.length) return [];
    const rows = await db
      .selectFrom('pair_members')
      .select(['round_id', 'group_no', 'member_id'])
      .where(
        'round_id',
        'in',
        rounds.map((r) => r.id),
      )
      .execute();
    return rounds.map((round) => toRound(round, toGroups(rows.filter((row) => row.round_id === round.id))));
  }

  return {
    async settings(communityId) {
      const row = await db
        .selectFrom('communities')
        .select(['pairs_cadence', 'pairs_mode', 'pairs_anchor', 'next_pairs_at'])
        .where('id', '=', communityId)
        .executeTakeFirst();
      return row ? { settings: toSettings(row), nextAt: row.next_pairs_at } : { settings: null, nextAt: null };
    },

    async setSettings(communityId, settings, nextAt) {
      await db
        .updateTable('communities')
        .set({
          pairs_cadence: settings?.cadence ?? null,
          pairs_mode: settings?.mode ?? null,
          pairs_anchor: settings?.anchor ?? null,
          next_pairs_at: nextAt,
        })
        .where('id', '=', communityId)
        .execute();
    },

    setNextRound: (communityId, expected, next) =>
      movePlannedTime(db, { table: 'communities', column: 'next_pairs_at', id: communityId }, expected, next),

    async dueForRounds(now, limit) {
      const rows = await db
        .selectFrom('communities')
        .innerJoin('workspaces', 'workspaces.id', 'communities.workspace_id')
        .select([
          ...communityColumns.map((c) => `communities.${c}` as const),
          'communities.pairs_cadence',
          'communities.pairs_mode',
          'communities.pairs_anchor',
          'communities.next_pairs_at',
        ])
        .select(dueWorkspaceColumns)
        .where('communities.next_pairs_at', '<=', now)
        .where('workspaces.uninstalled_at', 'is', null)
        .orderBy('communities.next_pairs_at')
        .orderBy('communities.id')
        .limit(limit)
        .execute();
      return rows.flatMap((row) => {
        const settings = toSettings(row);
        if (!settings || !row.next_pairs_at) return [];
        return [
          {
            community: toCommunity(row),
            settings,
            at: row.next_pairs_at,
            workspace: toDueWorkspace(row),
          },
        ];
      });
    },

    async members(communityId) {
      const rows = await db
        .selectFrom('community_members')
        .select('member_id')
        .where('community_id', '=', communityId)
        .orderBy('member_id')
        .execute();
      return rows.map((row) => row.member_id);
    },

    async skip(communityId, memberId, until) {
      await db
        .updateTable('community_members')
        .set({ pairs_skip_until: until })
        .where('community_id', '=', communityId)
        .where('member_id', '=', memberId)
        .execute();
    },

    async skipping(communityId, at) {
      const rows = await db
        .selectFrom('community_members')
        .select('member_id')
        .where('community_id', '=', communityId)
        .where('pairs_skip_until', '>', at)
        .execute();
      return new Set(rows.map((row) => row.member_id));
    },

    async recordRound({ communityId, at, window, groups }) {
      const people = JSON.stringify(
        groups.flatMap((group, index) => group.map((memberId) => ({ group: index + 1, member: memberId }))),
      );
      // One statement: the round, or nothing when this circle's round at this time exists (another
      // replica's, which this one waits for on PostgreSQL and then leaves alone), and its people.
      // Someone forgotten since the groups were drawn is left out rather than failing the round.
      const { rows } = await sql<RoundRow & { people: { group_no: number; member_id: number }[] }>`
        with round as (
          insert into pair_rounds (community_id, at, "window") values (${communityId}, ${at}, ${window})
          on conflict (community_id, at) do nothing
          returning id, community_id, at, "window"
        ), people as (
          insert into pair_members (round_id, group_no, member_id)
          select round.id, (p ->> 'group')::int, (p ->> 'member')::bigint
          from round, jsonb_array_elements(${people}::jsonb) p
          where exists (select 1 from members m where m.id = (p ->> 'member')::bigint)
          returning group_no, member_id
        )
        select round.id, round.community_id, round.at, round."window",
          coalesce((select jsonb_agg(jsonb_build_object('group_no', group_no, 'member_id', member_id)) from people), '[]'::jsonb) as people
        from round`.execute(db);
      const row = rows[0];
      return row ? toRound(row, toGroups(row.people)) : null;
    },

    async recentRounds(communityId, limit) {
      const rounds = await db
        .selectFrom('pair_rounds')
        .select(['id', 'community_id', 'at', 'window'])
        .where('community_id', '=', communityId)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return withGroups(rounds);
    },

    async round(roundId) {
      const round = await db
        .selectFrom('pair_rounds')
        .select(['id', 'community_id', 'at', 'window'])
        .where('id', '=', roundId)
        .executeTakeFirst();
      return round ? ((await withGroups([round]))[0] ?? null) : null;
    },

    async answer(roundId, memberId, met, at) {
      const result = await db
        .updateTable('pair_members')
        .set({ met, answered_at: at })
        .where('round_id', '=', roundId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async answers(roundId) {
      const rows = await db
        .selectFrom('pair_members')
        .select(['round_id', 'member_id', 'met'])
        .where('round_id', '=', roundId)
        .orderBy('group_no')
        .orderBy('member_id')
        .execute();
      return rows.map((row) => ({ roundId: row.round_id, memberId: row.member_id, met: row.met }));
    },
  };
}
