import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

// One school's week, 30 November to 6 December 2026 (workspace and admin in UTC), built so that every
// privacy rule of the digest has something to act on. Every text a teacher wrote carries a marker,
// so a test can search what admins were sent for each one.
//
// Grade 4 (6 members, facilitated, weekly Tuesday 15:00): a session on Tuesday with 5 opening and 4
//   closing check-ins and 3 reflections; 2 reflections on a mid-week prompt; 3 new goals from 3
//   people; an older goal achieved by 1 person; an empty session opened on Thursday (not held).
// Science (5 members, no facilitator, weekly Wednesday 16:00): no session (1 missed); 4 new goals
//   from 2 people; an older goal reworked only after the week (still under way at its end).
// Maths pair (2 members) and Art duo (1, shared with Maths): the smaller circles, 2 people together.
//   A session on Wednesday with 1 opening check-in (a thread reply) and 1 closing one shared by form.
// Outside any circle: 1 goal of a Science teacher.

export const WEEK = {
  start: '2026-11-30',
  from: new Date('2026-11-30T00:00:00Z'),
  to: new Date('2026-12-07T00:00:00Z'),
};
export const SHARED_TEXTS = [
  'SHARED-A reading buddies on Tuesdays are working',
  'SHARED-C exit tickets tell me where to start',
];

export interface SeededSchool {
  workspaceId: number;
  adminId: number;
  teachers: Record<string, number>;
  communities: { grade4: number; science: number; maths: number; art: number };
  /** Every text a teacher wrote that was not shared with leaders through the form. */
  privateTexts: string[];
}

export async function seedSchool(
  db: Kysely<Database>,
  options: { workspace?: string; platform?: 'slack' | 'teams' | 'console'; adminExternalId?: string } = {},
): Promise<SeededSchool> {
  const privateTexts: string[] = [];
  const one = async (query: ReturnType<typeof sql<{ id: number }>>) => Number((await query.execute(db)).rows[0]?.id);
  const workspaceId = await one(sql<{ id: number }>`
    insert into workspaces (platform, external_id, name, time_zone) values (${options.platform ?? 'slack'}, ${options.workspace ?? 'T1'}, 'Hill School', 'UTC') returning id`);
  const adminId = await one(sql<{ id: number }>`
    insert into members (workspace_id, external_id, display_name, time_zone, is_admin)
    values (${workspaceId}, ${options.adminExternalId ?? 'UADMIN'}, 'Principal Lee', 'UTC', true) returning id`);
  const teachers: Record<string, number> = {};
  for (let n = 1; n <= 12; n++) {
    teachers[`t${n}`] = await one(sql<{ id: number }>`
      insert into members (workspace_id, external_id, display_name, time_zone) values (${workspaceId}, ${`UT${n}`}, ${`Teacher Name${n}`}, 'UTC') returning id`);
  }
  const t = (n: number) => teachers[`t${n}`] ?? 0;

  const circle = (name: string, channel: string, schedule: { day: number; minute: number; anchor: string } | null) =>
    one(sql<{ id: number }>`
      insert into communities (workspace_id, channel_id, name, time_zone, created_at, schedule_cadence, schedule_day, schedule_minute, schedule_anchor)
      values (${workspaceId}, ${channel}, ${name}, 'UTC', '2026-11-01T00:00:00Z',
              ${schedule ? 'weekly' : null}, ${schedule?.day ?? null}, ${schedule?.minute ?? null}, ${schedule?.anchor ?? null})
      returning id`);
  const grade4 = await circle('Grade 4 circle', 'C-G4', { day: 2, minute: 900, anchor: '2026-11-03' });
  const science = await circle('Science circle', 'C-SCI', { day: 3, minute: 960, anchor: '2026-11-04' });
  const maths = await circle('Maths pair', 'C-MATH', null);
  const art = await circle('Art duo', 'C-ART', null);
  const join = async (community: number, members: number[], facilitator?: number) => {
    for (const member of members) {
      await sql`insert into community_members (community_id, member_id, is_facilitator) values (${community}, ${member}, ${member === facilitator})`.execute(
        db,
      );
    }
  };
  await join(grade4, [1, 2, 3, 4, 5, 6].map(t), t(1));
  await join(science, [6, 7, 8, 9, 10].map(t));
  await join(maths, [t(11), t(12)], t(11));
  await join(art, [t(12)], t(12));

  const session = (community: number, channel: string, openedAt: string, scheduledFor: string | null) =>
    one(sql<{ id: number }>`
      insert into sessions (community_id, phase, channel_id, root_message_id, opened_at, closed_at, scheduled_for)
      values (${community}, 'closed', ${channel}, ${`root-${openedAt}`}, ${openedAt}, ${openedAt}::timestamptz + interval '1 hour', ${scheduledFor})
      returning id`);
  const checkin = async (
    sessionId: number,
    member: number,
    phase: 'opening' | 'closing',
    text: string,
    source: 'form' | 'thread' | 'command',
    shared: boolean,
    at: string,
  ) => {
    await sql`
      insert into checkins (session_id, member_id, phase, text, shared_with_leaders, source, created_at, updated_at)
      values (${sessionId}, ${member}, ${phase}, ${text}, ${shared}, ${source}, ${at}, ${at})`.execute(db);
    if (!(shared && source === 'form')) privateTexts.push(text);
  };
  const post = (community: number, sessionId: number | null, kind: 'session' | 'midweek', at: string) =>
    one(sql<{ id: number }>`
      insert into prompt_posts (community_id, session_id, kind, prompt_key, prompt_text, channel_id, message_id, posted_at)
      values (${community}, ${sessionId}, ${kind}, 'what-impact', 'What would have the greatest impact?', 'C', ${`post-${at}`}, ${at}) returning id`);
  const reflect = async (postId: number, member: number, text: string, at: string) => {
    await sql`insert into reflections (prompt_post_id, member_id, text, source, created_at, updated_at) values (${postId}, ${member}, ${text}, 'thread', ${at}, ${at})`.execute(
      db,
    );
    privateTexts.push(text);
  };
  const goal = async (
    member: number,
    community: number | null,
    text: string,
    createdAt: string,
    end?: { status: string; at: string },
  ) => {
    const id = await one(sql<{ id: number }>`
      insert into goals (workspace_id, member_id, community_id, specific, measure, target, unit, due_on, status, created_at, ended_at)
      values (${workspaceId}, ${member}, ${community}, ${text}, ${`${text} MEASURE`}, 10, 'times', '2027-03-01', ${end?.status ?? 'active'}, ${createdAt}, ${end?.at ?? null})
      returning id`);
    await sql`insert into goal_updates (goal_id, value, note, created_at) values (${id}, 3, ${`${text} NOTE`}, ${createdAt})`.execute(
      db,
    );
    privateTexts.push(text, `${text} MEASURE`, `${text} NOTE`);
  };

  // Grade 4
  const s1 = await session(grade4, 'C-G4', '2026-12-01T15:00:00Z', '2026-12-01T15:00:00Z');
  await checkin(s1, t(1), 'opening', 'PRIVATE-OPEN-1 my room feels calmer', 'thread', false, '2026-12-01T15:05:00Z');
  await checkin(s1, t(2), 'opening', SHARED_TEXTS[0] ?? '', 'form', true, '2026-12-01T15:06:00Z');
  await checkin(s1, t(3), 'opening', 'PRIVATE-FORM-3 not shared', 'form', false, '2026-12-01T15:07:00Z');
  // Marked shared but a thread reply: thread replies never reach leaders.
  await checkin(s1, t(4), 'opening', 'PRIVATE-THREAD-FLAGGED-4', 'thread', true, '2026-12-01T15:08:00Z');
  await checkin(s1, t(5), 'opening', 'PRIVATE-COMMAND-5', 'command', false, '2026-12-01T15:09:00Z');
  for (const n of [1, 2, 3, 4])
    await checkin(s1, t(n), 'closing', `PRIVATE-CLOSE-${n}`, 'thread', false, '2026-12-01T15:50:00Z');
  const p1 = await post(grade4, s1, 'session', '2026-12-01T15:20:00Z');
  for (const n of [1, 2, 3]) await reflect(p1, t(n), `PRIVATE-REFLECTION-${n}`, '2026-12-01T15:25:00Z');
  const midweek = await post(grade4, null, 'midweek', '2026-12-03T12:00:00Z');
  for (const n of [4, 5]) await reflect(midweek, t(n), `PRIVATE-MIDWEEK-${n}`, '2026-12-03T13:00:00Z');
  await session(grade4, 'C-G4', '2026-12-03T09:00:00Z', null);
  await goal(t(1), grade4, 'GOAL-ACHIEVED-1 read aloud', '2026-11-10T10:00:00Z', {
    status: 'achieved',
    at: '2026-12-02T10:00:00Z',
  });
  for (const n of [1, 2, 3]) await goal(t(n), grade4, `GOAL-NEW-${n}`, '2026-12-01T16:00:00Z');
  // An answer from the week before, outside the digest's week.
  const s0 = await session(grade4, 'C-G4', '2026-11-24T15:00:00Z', '2026-11-24T15:00:00Z');
  await checkin(s0, t(6), 'opening', 'PRIVATE-LAST-WEEK-6', 'form', false, '2026-11-24T15:05:00Z');

  // Science
  for (const n of [1, 2, 3]) await goal(t(7), science, `GOAL-SCI-7-${n}`, '2026-12-03T10:00:00Z');
  await goal(t(8), science, 'GOAL-SCI-8', '2026-12-03T11:00:00Z');
  await goal(t(10), science, 'GOAL-REWORKED-LATER-10', '2026-11-05T10:00:00Z', {
    status: 'reworked',
    at: '2026-12-08T10:00:00Z',
  });
  await goal(t(9), science, 'GOAL-DROPPED-EARLIER-9', '2026-11-05T10:00:00Z', {
    status: 'dropped',
    at: '2026-11-20T10:00:00Z',
  });
  await goal(t(7), null, 'GOAL-OUTSIDE-7', '2026-12-04T10:00:00Z');

  // The smaller circles
  const s2 = await session(maths, 'C-MATH', '2026-12-02T10:00:00Z', null);
  await checkin(s2, t(11), 'opening', 'PRIVATE-MATHS-11', 'thread', false, '2026-12-02T10:05:00Z');
  await checkin(s2, t(12), 'closing', SHARED_TEXTS[1] ?? '', 'form', true, '2026-12-02T10:40:00Z');

  return { workspaceId, adminId, teachers, communities: { grade4, science, maths, art }, privateTexts };
}

/**
 * Makes the seeded school a larger one: `count` more circles of three teachers each (Grade 4's first
 * three), begun with the others and quiet since, so the digest sums up and sends its table as a file.
 */
export async function addQuietCircles(db: Kysely<Database>, school: SeededSchool, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let n = 1; n <= count; n++) {
    const name = `Year ${n} circle`;
    const { rows } = await sql<{ id: number }>`
      insert into communities (workspace_id, channel_id, name, time_zone, created_at)
      values (${school.workspaceId}, ${`C-Y${n}`}, ${name}, 'UTC', '2026-11-01T00:00:00Z') returning id`.execute(db);
    for (const t of ['t1', 't2', 't3']) {
      await sql`insert into community_members (community_id, member_id, is_facilitator) values (${rows[0]?.id}, ${school.teachers[t]}, ${t === 't1'})`.execute(
        db,
      );
    }
    names.push(name);
  }
  return names;
}
