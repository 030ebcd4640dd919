import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../helpers/databases.js';
import { useDigestSchool, wholeText } from '../helpers/digest-school.js';
import { WEEK } from '../helpers/digest-seed.js';
import { createDriver } from '../helpers/driver.js';

describe.each(testDatabaseKinds)('the weekly digest preview and settings on %s', (kind) => {
  const { database, store, school } = useDigestSchool(kind);
  const nextDigest = async () =>
    (
      await sql<{ at: Date | null }>`select next_digest_at as at from members where id = ${school().adminId}`.execute(
        database().db,
      )
    ).rows[0]?.at ?? null;

  it('previews the digest of the last full week as stored, only to the admin who asks, and refuses everyone else', async () => {
    const bot = createDriver(store(), { now: new Date('2026-12-09T12:00:00Z') });
    await bot.as('UT3', 'D-t3').say('digest');
    await bot.as('UT3', 'D-t3').say('digest fri 16:00');
    const refusals = bot.chat.take();
    expect(refusals.map((s) => (s.kind === 'ephemeral' ? [s.user, s.message.text] : []))).toEqual([
      [
        'UT3',
        'Only Mentor Circle admins see the digest. It shows how circles are doing, never how any one teacher is.',
      ],
      [
        'UT3',
        'Only Mentor Circle admins set when the digest goes out. It shows how circles are doing, never how any one teacher is.',
      ],
    ]);
    expect(await store().digests.time(school().workspaceId)).toEqual({ day: 1, minute: 450 });

    await bot.as('lee', 'D-lee').say('digest');
    const [preview] = bot.chat.take();
    expect(preview?.kind === 'ephemeral' && preview.user).toBe('lee');
    const text = preview?.kind === 'ephemeral' ? wholeText(preview.message) : '';
    expect(preview?.kind === 'ephemeral' && preview.message.text).toBe(
      'Your Mentor Circle digest for the week of 30 Nov to 6 Dec 2026, as it is sent, only for you',
    );
    expect(text).toContain(
      'Across the school: sessions held: 2 · scheduled sessions missed: 1 · taking part: kept back',
    );
    expect(text).toContain('Grade 4 circle: sessions held: 1 · taking part: 5');
    // Of the week under way, only its sessions: nothing about people until the week is over.
    expect(text).toContain('This week so far: 0 sessions held across the school.');
    // The week is stored as shown, and nothing is recorded as sent.
    expect(await sql`select 1 from digests_sent`.execute(database().db).then((r) => r.rows.length)).toBe(0);
    expect(
      await sql<{ week: string }>`select week_start::text as week from digest_weeks`
        .execute(database().db)
        .then((r) => r.rows),
    ).toEqual([{ week: WEEK.start }]);
  });

  it('lets admins set when the digest goes out, and plans every admin afresh', async () => {
    await sql`update members set next_digest_at = '2026-12-07T07:30:00Z' where id = ${school().adminId}`.execute(
      database().db,
    );
    const bot = createDriver(store(), { now: new Date('2026-12-02T12:00:00Z') });
    await bot.as('lee', 'D-lee').say('digest fri 16:00');
    expect(bot.chat.take().map((s) => (s.kind === 'ephemeral' ? s.message.text : ''))).toEqual([
      'The weekly digest now goes to each admin on Fridays at 16:00, their own time. It covers the last full week, Monday to Sunday.',
    ]);
    expect(await store().digests.time(school().workspaceId)).toEqual({ day: 5, minute: 960 });
    // Planned in the same transaction, in Lee's zone (Chicago, as the platform reports it): this Friday 16:00.
    expect(await nextDigest()).toEqual(new Date('2026-12-04T22:00:00Z'));
    expect(await store().digests.unplanned(10)).toEqual([]);
  });

  it("plans an admin's digest afresh when the platform reports a new zone for them, and not when it stays", async () => {
    await sql`update members set next_digest_at = '2026-12-07T07:30:00Z' where id = ${school().adminId}`.execute(
      database().db,
    );
    const bot = createDriver(store(), { now: new Date('2026-12-02T12:00:00Z') });
    const as = (timeZone: string) => ({ user: { externalId: 'lee', name: 'Lee', timeZone } });
    await bot.as('lee', 'D-lee').say('help', as('UTC'));
    expect(await nextDigest()).toEqual(new Date('2026-12-07T07:30:00Z'));
    // Storing the person alone does not move their zone: it moves with their plans, or not at all.
    await store().members.ensure(school().workspaceId, {
      externalId: 'lee',
      name: 'Principal Lee',
      timeZone: 'Asia/Tokyo',
    });
    expect(await nextDigest()).toEqual(new Date('2026-12-07T07:30:00Z'));
    await bot.as('lee', 'D-lee').say('help', as('Asia/Tokyo'));
    // Monday 07:30 in Tokyo.
    expect(await nextDigest()).toEqual(new Date('2026-12-06T22:30:00Z'));
    expect((await store().members.find(school().workspaceId, 'lee'))?.timeZone).toBe('Asia/Tokyo');
  });

  it('lets admins raise the threshold for weeks counted from then on, leaving weeks already counted as they were shown', async () => {
    const bot = createDriver(store(), { now: new Date('2026-12-02T12:00:00Z') });
    // The week of 23 November is counted under the default threshold by a preview.
    await bot.as('lee', 'D-lee').say('digest');
    await bot.as('UT3', 'D-t3').say('privacy 5');
    await bot.as('lee', 'D-lee').say('privacy 5');
    expect(
      bot.chat
        .take()
        .slice(1)
        .map((s) => (s.kind === 'ephemeral' ? s.message.text : '')),
    ).toEqual([
      'Only Mentor Circle admins set how small a group the digest may describe. It shows how circles are doing, never how any one teacher is.',
      'Digest figures now need at least 5 people: a figure drawn from fewer shows as "fewer than 5", and circles with fewer than 5 members are counted together.',
    ]);
    expect(await store().digests.threshold(school().workspaceId)).toBe(5);

    const later = createDriver(store(), { now: new Date('2026-12-08T12:00:00Z') });
    await later.as('lee', 'D-lee').say('digest');
    const [preview] = later.chat.take();
    const text = preview?.kind === 'ephemeral' ? wholeText(preview.message) : '';
    // Grade 4's 4 closing check-ins and 3 new goals now come from too few people; its 5 opening ones do not.
    expect(text).toContain(
      'Grade 4 circle: sessions held: 1 · taking part: 5 · opening check-ins: 5 · closing check-ins: fewer than 5 · reflections: 5 · new goals: fewer than 5',
    );
    // Science (5 members) is still shown on its own; the pairs are counted together, and not named.
    expect(text).toContain('Science circle: sessions held: 0');
    expect(text).toContain('Smaller circles: together fewer than 5 people');
    // The week counted before the change keeps its threshold in the trend.
    expect(text).toContain('People taking part\n`23 Nov` fewer than 3\n`30 Nov` kept back');
  });
});
