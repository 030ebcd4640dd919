import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { LOOKUP_LIMITS } from '../../src/scheduler/pacer.js';
import { testDatabaseKinds } from '../helpers/databases.js';
import { now, useAwayBot } from '../helpers/slack-away-bot.js';

// Away statuses are kept from Slack's user_change and user_status_changed events, so that a nudge
// asks Slack nothing (users.info is Tier 4: 10,000 look-ups for one district slot would take well
// over an hour). The nudges go through the real Slack adapter, paced as the scheduler paces them,
// against the fake Web API.

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

describe.each(testDatabaseKinds)('away status when nudging from Slack (%s)', (kind) => {
  const { db, bot, rows, addTeacher, enqueueNudges, deliver, changed, nudgedUsers } = useAwayBot(kind);

  it('sends every nudge without asking Slack once when statuses came from events, skipping those away', async () => {
    const teachers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => addTeacher(`UT${String(i).padStart(2, '0')}`)),
    );
    for (const { user } of teachers) bot().fake.users.set(user, { id: user, name: user, status_emoji: ':coffee:' });
    // Two away until they clear it, one ill until Thursday, one whose holiday status ran out an hour ago.
    bot().fake.users.set('UT00', { id: 'UT00', name: 'UT00', status_emoji: ':palm_tree:' });
    bot().fake.users.set('UT01', { id: 'UT01', name: 'UT01', status_emoji: ':desert_island:' });
    bot().fake.users.set('UT02', {
      id: 'UT02',
      name: 'UT02',
      status_emoji: ':face_with_thermometer:',
      status_expiration: seconds(now) + 3 * 86_400,
    });
    bot().fake.users.set('UT03', {
      id: 'UT03',
      name: 'UT03',
      status_emoji: ':palm_tree:',
      status_expiration: seconds(now) - 3600,
    });
    for (const [i, { user }] of teachers.entries()) {
      expect((await changed(user, `EvStatus${i}`, i % 2 ? 'user_status_changed' : 'user_change')).status).toBe(200);
    }

    await enqueueNudges(teachers);
    expect(await deliver()).toMatchObject({ sent: 12 });
    expect(nudgedUsers()).toEqual(
      teachers.map((t) => t.user).filter((user) => !['UT00', 'UT01', 'UT02'].includes(user)),
    );
    expect(bot().fake.countOf('users.info')).toBe(0);
    // Skipped for being away is not counted as unanswered.
    expect(
      await rows(
        `select m.external_id, g.unanswered_nudges from goals g join members m on m.id = g.member_id where m.external_id in ('UT00', 'UT03') order by 1`,
      ),
    ).toEqual([
      { external_id: 'UT00', unanswered_nudges: 0 },
      { external_id: 'UT03', unanswered_nudges: 1 },
    ]);
  });

  it('asks Slack about statuses never heard only as far as the shared look-up budget goes, and nudges the rest at once', async () => {
    const teachers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => addTeacher(`US${String(i).padStart(2, '0')}`)),
    );
    // Everyone is on holiday, but no event said so: only those Slack is asked about are found away.
    for (const { user } of teachers) bot().fake.users.set(user, { id: user, name: user, status_emoji: ':palm_tree:' });
    await enqueueNudges(teachers);
    expect(await deliver()).toMatchObject({ sent: 12 });
    const burst = LOOKUP_LIMITS.slack?.burst ?? 0;
    expect(bot().fake.countOf('users.info')).toBe(burst);
    expect(nudgedUsers()).toHaveLength(12 - burst);
    expect(
      await rows(
        `select count(*)::int as n from members where profile_refreshed_at is not null and away_until = 'infinity'`,
      ),
    ).toEqual([{ n: burst }]);

    // Another round, as another replica would run it: the budget is the db()'s, and it is spent.
    await enqueueNudges(teachers, 'b');
    expect(await deliver()).toMatchObject({ sent: 12 });
    expect(bot().fake.countOf('users.info')).toBe(burst);
    // Those asked about are still away, from what was kept; the others are nudged again.
    expect(nudgedUsers()).toHaveLength(2 * (12 - burst));
  });

  it('asks Slack again about a status last heard more than a day ago', async () => {
    const teacher = await addTeacher('UOLD');
    bot().fake.users.set('UOLD', { id: 'UOLD', name: 'UOLD', status_emoji: ':palm_tree:' });
    await sql`update members set profile_refreshed_at = ${new Date(now.getTime() - 25 * 3_600_000)}, away_until = null where id = ${teacher.memberId}`.execute(
      db().db,
    );
    await enqueueNudges([teacher]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(bot().fake.countOf('users.info')).toBe(1);
    expect(nudgedUsers()).toEqual([]);
  });
});
