import type { OutboxItem } from '../../src/core/outbox.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxItemOf } from '../../src/db/repositories/outbox.js';

// What a core test checks was stored, read back from the tables, in the order it was written.

/** Outbox items still waiting to be sent (neither sent nor failed), of one kind or all. */
export async function waitingOutbox(database: OpenDatabase, kind?: string): Promise<OutboxItem[]> {
  let query = database.db
    .selectFrom('outbox')
    .select(['id', 'workspace_id', 'member_id', 'kind', 'key', 'due_at', 'payload', 'attempts'])
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null);
  if (kind) query = query.where('kind', '=', kind);
  return (await query.orderBy('id').execute()).map(outboxItemOf);
}

/** Every outbox item's payload, whatever became of it. */
export async function outboxPayloads(database: OpenDatabase): Promise<unknown[]> {
  return (await database.db.selectFrom('outbox').select('payload').orderBy('id').execute()).map((row) => row.payload);
}

/** The names of the people who facilitate a circle, of every circle. */
export async function facilitatorNames(database: OpenDatabase): Promise<string[]> {
  const rows = await database.db
    .selectFrom('community_members')
    .innerJoin('members', 'members.id', 'community_members.member_id')
    .select('members.display_name')
    .where('community_members.is_facilitator', '=', true)
    .orderBy('community_members.joined_at')
    .orderBy('members.id')
    .execute();
  return rows.map((row) => row.display_name);
}

export async function storedCommunities(
  database: OpenDatabase,
): Promise<{ id: number; name: string; channelId: string; timeZone: string }[]> {
  const rows = await database.db
    .selectFrom('communities')
    .select(['id', 'name', 'channel_id', 'time_zone'])
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, channelId: row.channel_id, timeZone: row.time_zone }));
}

export async function storedMembers(
  database: OpenDatabase,
): Promise<{ id: number; externalId: string; name: string; isAdmin: boolean; timeZone: string | null }[]> {
  const rows = await database.db
    .selectFrom('members')
    .select(['id', 'external_id', 'display_name', 'is_admin', 'time_zone'])
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    externalId: row.external_id,
    name: row.display_name,
    isAdmin: row.is_admin,
    timeZone: row.time_zone,
  }));
}

/** How many rows a table holds. */
export async function rowCount(
  database: OpenDatabase,
  table: 'checkins' | 'goals' | 'reflections' | 'sessions' | 'prompt_posts',
): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function sessionPhases(database: OpenDatabase): Promise<string[]> {
  return (await database.db.selectFrom('sessions').select('phase').orderBy('id').execute()).map((row) => row.phase);
}

export async function retiredPromptKeys(database: OpenDatabase): Promise<string[]> {
  return (await database.db.selectFrom('prompt_retirements').select('prompt_key').orderBy('id').execute()).map(
    (row) => row.prompt_key,
  );
}

/** When a member's next goal nudge is planned, or null for none. */
export async function nextNudgeAt(database: OpenDatabase, memberId: number): Promise<Date | null> {
  const row = await database.db
    .selectFrom('members')
    .select('next_nudge_at')
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
  return row.next_nudge_at;
}

/** Every progress value logged, of every goal. */
export async function goalUpdateValues(database: OpenDatabase): Promise<number[]> {
  return (await database.db.selectFrom('goal_updates').select('value').orderBy('id').execute()).map((row) =>
    Number(row.value),
  );
}

/** Every goal of everyone, ended ones too, in the order they were set. */
export async function storedGoals(database: OpenDatabase) {
  const rows = await database.db
    .selectFrom('goals')
    .select(['id', 'number', 'community_id', 'specific', 'target', 'unit', 'status'])
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    communityId: row.community_id,
    specific: row.specific,
    target: row.target === null ? null : Number(row.target),
    unit: row.unit,
    status: row.status,
  }));
}

export async function storedSessions(
  database: OpenDatabase,
): Promise<{ id: number; phase: string; closedAt: Date | null }[]> {
  const rows = await database.db.selectFrom('sessions').select(['id', 'phase', 'closed_at']).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, phase: row.phase, closedAt: row.closed_at }));
}

/** Check-ins with who gave them, in the order they were given; removed ones are gone. */
async function storedCheckins(
  database: OpenDatabase,
): Promise<{ memberName: string; phase: string; text: string | null; sharedWithLeaders: boolean }[]> {
  const rows = await database.db
    .selectFrom('checkins')
    .innerJoin('members', 'members.id', 'checkins.member_id')
    .select(['members.display_name', 'checkins.phase', 'checkins.text', 'checkins.shared_with_leaders'])
    .orderBy('checkins.id')
    .execute();
  return rows.map((row) => ({
    memberName: row.display_name,
    phase: row.phase,
    text: row.text,
    sharedWithLeaders: row.shared_with_leaders,
  }));
}

async function storedReflections(database: OpenDatabase): Promise<{ text: string | null; promptPostId: number }[]> {
  const rows = await database.db.selectFrom('reflections').select(['text', 'prompt_post_id']).orderBy('id').execute();
  return rows.map((row) => ({ text: row.text, promptPostId: row.prompt_post_id }));
}

async function storedPromptPosts(
  database: OpenDatabase,
): Promise<{ id: number; sessionId: number | null; promptKey: string }[]> {
  const rows = await database.db
    .selectFrom('prompt_posts')
    .select(['id', 'session_id', 'prompt_key'])
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, sessionId: row.session_id, promptKey: row.prompt_key }));
}

async function storedRetirements(database: OpenDatabase): Promise<{ id: number; key: string }[]> {
  const rows = await database.db.selectFrom('prompt_retirements').select(['id', 'prompt_key']).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, key: row.prompt_key }));
}

/** Prompts a community added to its library. */
async function storedCustomPrompts(database: OpenDatabase): Promise<{ theme: string; text: string }[]> {
  return database.db.selectFrom('prompts').select(['theme', 'text']).orderBy('id').execute();
}

async function storedMemberships(
  database: OpenDatabase,
): Promise<{ communityId: number; memberId: number; isFacilitator: boolean }[]> {
  const rows = await database.db
    .selectFrom('community_members')
    .select(['community_id', 'member_id', 'is_facilitator'])
    .orderBy('joined_at')
    .orderBy('member_id')
    .execute();
  return rows.map((row) => ({
    communityId: row.community_id,
    memberId: row.member_id,
    isFacilitator: row.is_facilitator,
  }));
}

async function storedWorkspaces(database: OpenDatabase): Promise<{ id: number; timeZone: string | null }[]> {
  const rows = await database.db.selectFrom('workspaces').select(['id', 'time_zone']).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, timeZone: row.time_zone }));
}

/** The tables above, read from the test database the getter gives, each when asked. */
export function storedIn(database: () => OpenDatabase) {
  return {
    workspaces: () => storedWorkspaces(database()),
    members: () => storedMembers(database()),
    communities: () => storedCommunities(database()),
    memberships: () => storedMemberships(database()),
    sessions: () => storedSessions(database()),
    checkins: () => storedCheckins(database()),
    posts: () => storedPromptPosts(database()),
    reflections: () => storedReflections(database()),
    customPrompts: () => storedCustomPrompts(database()),
    retired: () => storedRetirements(database()),
    goals: () => storedGoals(database()),
  };
}
