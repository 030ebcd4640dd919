import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

// A school where one teacher works alone: the week of 30 November 2026 (UTC), built so that, were
// the smaller circles recounted after the lone teacher's circle was padded out of them, the pool's
// figures would fall by exactly what that one person did.
//
// Year 5 circle (5 members): a session on Tuesday with 5 opening check-ins; 3 new goals from 3 people.
// Solo studio (1 member, the lone teacher): 2 new goals and 1 older goal set aside; no session for
//   weeks ("has not met" would name it).
// Pair Alpha and Pair Beta (2 members each): each member sets 1 new goal.
// Together the smaller circles have 5 members, and 6 new goals from 5 people; without Solo studio,
// 4 goals from 4 people.

const LONE = { user: 'ULONE', newGoals: 2, setAside: 1 };
export const SMALL_CIRCLE_NAMES = ['Solo studio', 'Pair Alpha', 'Pair Beta'];

export async function seedSmallCircles(
  db: Kysely<Database>,
): Promise<{ workspaceId: number; adminId: number; solo: number }> {
  const one = async (query: ReturnType<typeof sql<{ id: number }>>) => Number((await query.execute(db)).rows[0]?.id);
  const workspaceId = await one(
    sql<{
      id: number;
    }>`insert into workspaces (platform, external_id, name, time_zone) values ('slack', 'T1', 'Hill School', 'UTC') returning id`,
  );
  const member = (externalId: string, admin = false) =>
    one(
      sql<{
        id: number;
      }>`insert into members (workspace_id, external_id, display_name, time_zone, is_admin) values (${workspaceId}, ${externalId}, ${externalId}, 'UTC', ${admin}) returning id`,
    );
  const adminId = await member('UADMIN', true);
  const circle = async (name: string, channel: string, people: string[]) => {
    const id = await one(sql<{ id: number }>`
      insert into communities (workspace_id, channel_id, name, time_zone, created_at) values (${workspaceId}, ${channel}, ${name}, 'UTC', '2026-10-01T00:00:00Z') returning id`);
    const ids: number[] = [];
    for (const [i, externalId] of people.entries()) {
      const memberId = await member(externalId);
      ids.push(memberId);
      await sql`insert into community_members (community_id, member_id, is_facilitator) values (${id}, ${memberId}, ${i === 0})`.execute(
        db,
      );
    }
    return { id, members: ids };
  };
  const goal = (memberId: number, community: number, createdAt: string, end?: { status: string; at: string }) =>
    sql`
      insert into goals (workspace_id, member_id, community_id, specific, measure, target, unit, due_on, status, created_at, ended_at)
      values (${workspaceId}, ${memberId}, ${community}, 'a goal', 'a measure', 10, 'times', '2027-03-01', ${end?.status ?? 'active'}, ${createdAt}, ${end?.at ?? null})`.execute(
      db,
    );

  const year5 = await circle('Year 5 circle', 'C-Y5', ['UT1', 'UT2', 'UT3', 'UT4', 'UT5']);
  const session = await one(sql<{ id: number }>`
    insert into sessions (community_id, phase, channel_id, root_message_id, opened_at, closed_at)
    values (${year5.id}, 'closed', 'C-Y5', 'root-y5', '2026-12-01T15:00:00Z', '2026-12-01T16:00:00Z') returning id`);
  for (const memberId of year5.members) {
    await sql`insert into checkins (session_id, member_id, phase, text, shared_with_leaders, source, created_at, updated_at)
      values (${session}, ${memberId}, 'opening', 'going well', false, 'thread', '2026-12-01T15:05:00Z', '2026-12-01T15:05:00Z')`.execute(
      db,
    );
  }
  for (const memberId of year5.members.slice(0, 3)) await goal(memberId, year5.id, '2026-12-02T10:00:00Z');

  const solo = await circle('Solo studio', 'C-SOLO', [LONE.user]);
  const lone = solo.members[0] ?? 0;
  for (let n = 0; n < LONE.newGoals; n++) await goal(lone, solo.id, '2026-12-03T10:00:00Z');
  await goal(lone, solo.id, '2026-11-02T10:00:00Z', { status: 'dropped', at: '2026-12-03T11:00:00Z' });

  for (const [name, channel, people] of [
    ['Pair Alpha', 'C-PA', ['UP1', 'UP2']],
    ['Pair Beta', 'C-PB', ['UP3', 'UP4']],
  ] as const) {
    const pair = await circle(name, channel, [...people]);
    for (const memberId of pair.members) await goal(memberId, pair.id, '2026-12-04T10:00:00Z');
  }
  return { workspaceId, adminId, solo: solo.id };
}
