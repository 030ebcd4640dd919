import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectedSessions } from '../../src/core/digest/expected-sessions.js';
import { METRICS, type Figures, type Metric } from '../../src/core/digest/figures.js';
import { DEFAULT_THRESHOLD, shownCommunities } from '../../src/core/digest/privacy.js';
import { sendDigest } from '../../src/core/use-cases/digest/send-digest.js';
import type { Message } from '../../src/core/messages.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { emptyTables, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { SHARED_TEXTS, WEEK, seedSchool, type SeededSchool } from '../helpers/digest-seed.js';
import { createDriver, silentLog } from '../helpers/driver.js';
import { RecordingChat } from '../helpers/recording-chat.js';

const all = (values: Partial<Record<Metric, [number, number]>>): Figures =>
  Object.fromEntries(METRICS.map((m) => [m, { count: values[m]?.[0] ?? 0, people: values[m]?.[1] ?? 0 }])) as Figures;
const wholeText = (message: Message) => [message.text, ...(message.sections ?? [])].join('\n');

describe.each(testDatabaseKinds)('the weekly digest on %s', (kind) => {
  let database: OpenDatabase;
  let school: SeededSchool;
  const store = () => createStore(database.db);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
    school = await seedSchool(database.db, { platform: 'console', adminExternalId: 'lee' });
  });

  const window = () => ({ workspaceId: school.workspaceId, from: WEEK.from, to: WEEK.to });
  const nextDigest = async () =>
    (
      await sql<{ at: Date | null }>`select next_digest_at as at from members where id = ${school.adminId}`.execute(
        database.db,
      )
    ).rows[0]?.at ?? null;

  it('counts every figure of the week with SQL aggregates: per circle, the smaller circles together, and the school', async () => {
    const digests = store().digests;
    const { grade4, science, maths, art } = school.communities;
    const overview = await digests.communities(school.workspaceId, {
      minMembers: DEFAULT_THRESHOLD,
      heldFrom: new Date('2026-11-23T00:00:00Z'),
      heldTo: WEEK.to,
    });
    expect(overview.pooledMembers).toBe(2);
    expect(
      overview.communities.map((c) => [c.name, c.members, c.facilitators, c.heldRecently, c.schedule?.day ?? null]),
    ).toEqual([
      ['Art duo', 1, 1, false, null],
      ['Grade 4 circle', 6, 1, true, 2],
      ['Maths pair', 2, 1, true, null],
      ['Science circle', 5, 0, false, 3],
    ]);

    const expected = expectedSessions(overview.communities, WEEK, []);
    expect(expected.map((e) => [e.communityId, e.start.toISOString()])).toEqual([
      [grade4, '2026-12-01T15:00:00.000Z'],
      [science, '2026-12-02T16:00:00.000Z'],
    ]);
    const aggregates = await digests.aggregates({ ...window(), expected, pooledIds: [maths, art] });
    const byId = new Map(aggregates.communities.map((c) => [c.communityId, c]));
    expect(byId.get(grade4)).toEqual({
      communityId: grade4,
      sessionsHeld: 1,
      sessionsMissed: 0,
      figures: all({
        participants: [5, 5],
        opening: [5, 5],
        closing: [4, 4],
        reflections: [5, 5],
        goalsNew: [3, 3],
        goalsActive: [3, 3],
        goalsAchieved: [1, 1],
      }),
    });
    expect(byId.get(science)).toEqual({
      communityId: science,
      sessionsHeld: 0,
      sessionsMissed: 1,
      figures: all({ goalsNew: [4, 2], goalsActive: [5, 3] }),
    });
    expect(byId.has(maths)).toBe(false);
    expect(aggregates.pool).toEqual({
      communityId: -1,
      sessionsHeld: 1,
      sessionsMissed: 0,
      figures: all({ participants: [2, 2], opening: [1, 1], closing: [1, 1] }),
    });
    expect(aggregates.total).toEqual({
      sessionsHeld: 2,
      sessionsMissed: 1,
      figures: all({
        participants: [7, 7],
        opening: [6, 6],
        closing: [5, 5],
        reflections: [5, 5],
        goalsNew: [8, 5],
        goalsActive: [9, 6],
        goalsAchieved: [1, 1],
      }),
    });

    // What subtraction could reveal: the people behind each total outside the figures printed.
    // Fewer than 3 members across the smaller circles: the pool is hidden, so none of it is printed.
    const shown = shownCommunities(
      aggregates.communities,
      { communityIds: [maths, art], figures: null },
      DEFAULT_THRESHOLD,
    );
    expect(shown.goalsActive.sort()).toEqual([grade4, science].sort());
    expect(await digests.unshownPeople({ ...window(), shown })).toEqual({
      participants: 2,
      opening: 1,
      closing: 1,
      reflections: 0,
      goalsNew: 2,
      goalsActive: 1,
      goalsAchieved: 1,
      goalsReworked: 0,
      goalsDropped: 0,
    });
    expect(await digests.sharedHighlights({ ...window(), limit: 5 })).toEqual([
      { communityId: maths, text: SHARED_TEXTS[1] },
      { communityId: grade4, text: SHARED_TEXTS[0] },
    ]);
  });

  it('counts people, not messages: more check-ins by one person in a phase change no figure, this week or the next', async () => {
    const digests = store().digests;
    const { maths, art } = school.communities;
    const nextWeek = { from: WEEK.to, to: new Date(WEEK.to.getTime() + 7 * 86_400_000) };
    const figures = async () => {
      const overview = await digests.communities(school.workspaceId, {
        minMembers: DEFAULT_THRESHOLD,
        heldFrom: new Date('2026-11-23T00:00:00Z'),
        heldTo: nextWeek.to,
      });
      const expected = expectedSessions(overview.communities, WEEK, []);
      return Promise.all([
        digests.aggregates({ ...window(), expected, pooledIds: [maths, art] }),
        digests.aggregates({ workspaceId: school.workspaceId, ...nextWeek, expected: [], pooledIds: [maths, art] }),
      ]);
    };
    const before = await figures();
    expect(before[0].total.figures.opening.count).toBeGreaterThan(0);
    // Everyone who checked in answers twice more, as the store writes them: once the same day, once in
    // the following week.
    await sql`
      insert into checkins (session_id, member_id, phase, text, shared_with_leaders, source, first_in_phase, created_at, updated_at)
      select session_id, member_id, phase, 'and another thing', false, 'thread', false, created_at + later, created_at + later
      from checkins, (values (interval '1 minute'), (interval '8 days')) as more(later)`.execute(database.db);
    expect(await figures()).toEqual(before);
  });

  it('sends the admin a digest that shows what may be shown, keeps the rest back, and stores figures only', async () => {
    const chat = new RecordingChat();
    const sentAt = new Date('2026-12-07T07:30:00Z');
    await sendDigest(
      { store: store(), now: sentAt, log: silentLog, chatFor: async () => chat },
      { memberId: school.adminId, weekStart: WEEK.start },
    );
    const [dm] = chat.sent;
    expect(dm?.kind === 'dm' && dm.to.user).toBe('lee');
    const message = dm?.kind === 'dm' ? dm.message : { text: '' };
    const text = wholeText(message);
    expect(message.text).toBe('Your Mentor Circle digest for the week of 30 Nov to 6 Dec 2026');
    expect(text).toContain(
      'Across the school: sessions held: 2 · scheduled sessions missed: 1 · taking part: kept back · opening check-ins: kept back · closing check-ins: kept back · reflections: 5 · new goals: kept back · goals under way: kept back · achieved: fewer than 3 · reworked: fewer than 3 · set aside: fewer than 3',
    );
    expect(text).toContain(
      'Grade 4 circle: sessions held: 1 · taking part: 5 · opening check-ins: 5 · closing check-ins: 4 · reflections: 5 · new goals: 3 · goals under way: 3 · achieved: fewer than 3 · reworked: fewer than 3 · set aside: fewer than 3',
    );
    // 4 goals from 2 people: fewer than 3.
    expect(text).toContain(
      'Science circle: sessions held: 0 · scheduled sessions missed: 1 · taking part: fewer than 3 · opening check-ins: fewer than 3 · closing check-ins: fewer than 3 · reflections: fewer than 3 · new goals: fewer than 3 · goals under way: 5',
    );
    expect(text).toContain('Smaller circles: together fewer than 3 people');
    expect(text).not.toMatch(/(Maths pair|Art duo): sessions/);
    expect(text).toContain(`• "${SHARED_TEXTS[1]}" (a smaller circle)`);
    expect(text).toContain(`• "${SHARED_TEXTS[0]}" (Grade 4 circle)`);
    // Set up on 1 November and never met: five weeks by the end of the week. It has a schedule, so none is suggested.
    expect(text).toContain(
      '• Science circle has not met for 5 weeks. A friendly word with its facilitator can help it find its rhythm again.',
    );
    // Art duo has not met either, but a circle under the threshold is never named.
    expect(text).not.toContain('Art duo');
    expect(text).toContain('• Science circle has sessions scheduled but no facilitator.');
    expect(text).not.toContain('Grade 4 circle has not met');
    expect(text).toContain('`30 Nov` ████████████ 2');

    const rows = (
      await sql<{
        figures: unknown;
        admin_member_id: number;
        week_start: string;
      }>`select figures, admin_member_id, week_start from digests_sent`.execute(database.db)
    ).rows;
    expect(rows.map((r) => [r.admin_member_id, r.week_start])).toEqual([[school.adminId, WEEK.start]]);
    const stored = JSON.stringify(rows[0]?.figures);
    for (const words of [...school.privateTexts, ...SHARED_TEXTS, 'Teacher Name', 'Grade 4'])
      expect(stored).not.toContain(words);
    // Stored as shown: a hidden figure keeps no count and no number of people behind it.
    expect(stored).toContain('"goalsNew":{"kind":"withheld"}');
    expect(stored).not.toContain('people');
  });

  it('never shows an admin a private check-in, thread reply, reflection or goal, in sent digests or previews', async () => {
    const chat = new RecordingChat();
    const deps = { store: store(), log: silentLog, chatFor: async () => chat };
    await sendDigest(
      { ...deps, now: new Date('2026-12-07T07:30:00Z') },
      { memberId: school.adminId, weekStart: WEEK.start },
    );
    await sendDigest(
      { ...deps, now: new Date('2026-11-30T07:30:00Z') },
      { memberId: school.adminId, weekStart: '2026-11-23' },
    );
    const bot = createDriver(store(), { now: new Date('2026-12-06T18:00:00Z') });
    await bot.as('lee', 'D-lee').say('digest');
    await bot.as('lee', 'C-G4').say('digest');
    const toAdmin = [...chat.sent, ...bot.chat.sent].flatMap((s) =>
      s.kind === 'dm' || s.kind === 'ephemeral' ? [wholeText(s.message)] : [],
    );
    expect(toAdmin).toHaveLength(4);
    expect(bot.chat.sent.every((s) => s.kind === 'ephemeral' && s.user === 'lee')).toBe(true);
    const everything = toAdmin.join('\n');
    expect(school.privateTexts.length).toBeGreaterThan(30);
    for (const words of school.privateTexts) expect(everything, words).not.toContain(words);
    // Nor any teacher's name: the digest is about circles, never about a person.
    expect(everything).not.toMatch(/Teacher Name\d/);
    // The search can fail: what a teacher did share is there.
    for (const words of SHARED_TEXTS) expect(everything).toContain(words);
  });

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
    expect(await store().digests.time(school.workspaceId)).toEqual({ day: 1, minute: 450 });

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
    expect(await sql`select 1 from digests_sent`.execute(database.db).then((r) => r.rows.length)).toBe(0);
    expect(
      await sql<{ week: string }>`select week_start::text as week from digest_weeks`
        .execute(database.db)
        .then((r) => r.rows),
    ).toEqual([{ week: WEEK.start }]);
  });

  it('lets admins set when the digest goes out, and plans every admin afresh', async () => {
    await sql`update members set next_digest_at = '2026-12-07T07:30:00Z' where id = ${school.adminId}`.execute(
      database.db,
    );
    const bot = createDriver(store(), { now: new Date('2026-12-02T12:00:00Z') });
    await bot.as('lee', 'D-lee').say('digest fri 16:00');
    expect(bot.chat.take().map((s) => (s.kind === 'ephemeral' ? s.message.text : ''))).toEqual([
      'The weekly digest now goes to each admin on Fridays at 16:00, their own time. It covers the last full week, Monday to Sunday.',
    ]);
    expect(await store().digests.time(school.workspaceId)).toEqual({ day: 5, minute: 960 });
    // Planned in the same transaction, in Lee's zone (Chicago, as the platform reports it): this Friday 16:00.
    expect(await nextDigest()).toEqual(new Date('2026-12-04T22:00:00Z'));
    expect(await store().digests.unplanned(10)).toEqual([]);
  });

  it("plans an admin's digest afresh when the platform reports a new zone for them, and not when it stays", async () => {
    await sql`update members set next_digest_at = '2026-12-07T07:30:00Z' where id = ${school.adminId}`.execute(
      database.db,
    );
    const bot = createDriver(store(), { now: new Date('2026-12-02T12:00:00Z') });
    const as = (timeZone: string) => ({ user: { externalId: 'lee', name: 'Lee', timeZone } });
    await bot.as('lee', 'D-lee').say('help', as('UTC'));
    expect(await nextDigest()).toEqual(new Date('2026-12-07T07:30:00Z'));
    // Storing the person alone does not move their zone: it moves with their plans, or not at all.
    await store().members.ensure(school.workspaceId, {
      externalId: 'lee',
      name: 'Principal Lee',
      timeZone: 'Asia/Tokyo',
    });
    expect(await nextDigest()).toEqual(new Date('2026-12-07T07:30:00Z'));
    await bot.as('lee', 'D-lee').say('help', as('Asia/Tokyo'));
    // Monday 07:30 in Tokyo.
    expect(await nextDigest()).toEqual(new Date('2026-12-06T22:30:00Z'));
    expect((await store().members.find(school.workspaceId, 'lee'))?.timeZone).toBe('Asia/Tokyo');
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
    expect(await store().digests.threshold(school.workspaceId)).toBe(5);

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

  it('draws the trend from the weeks stored when they were sent, so forgetting someone later does not redraw them', async () => {
    const chat = new RecordingChat();
    const deps = { store: store(), log: silentLog, chatFor: async () => chat };
    await sendDigest(
      { ...deps, now: new Date('2026-12-07T07:30:00Z') },
      { memberId: school.adminId, weekStart: WEEK.start },
    );
    // Everyone in Grade 4 asks to be forgotten; the next week's digest still shows the week before.
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await store().members.forget({
        memberId: school.teachers[`t${n}`] ?? 0,
        workspaceId: school.workspaceId,
        externalId: `UT${n}`,
        platform: 'console',
        at: new Date('2026-12-08T09:00:00Z'),
      });
    }
    await sendDigest(
      { ...deps, now: new Date('2026-12-14T07:30:00Z') },
      { memberId: school.adminId, weekStart: '2026-12-07' },
    );
    const last = chat.sent.at(-1);
    const text = last?.kind === 'dm' ? wholeText(last.message) : '';
    expect(text).toContain('Sessions held\n`30 Nov` ████████████ 2\n`07 Dec` 0');
    expect(text).toContain('People taking part\n`30 Nov` kept back\n`07 Dec` fewer than 3');
    expect(text).not.toContain('no digest that week');

    // A retry of a week already sent shows what was stored, not a recount.
    await sendDigest(
      { ...deps, now: new Date('2026-12-14T08:00:00Z') },
      { memberId: school.adminId, weekStart: WEEK.start },
    );
    const retry = chat.sent.at(-1);
    expect(retry?.kind === 'dm' && wholeText(retry.message)).toContain(
      'Across the school: sessions held: 2 · scheduled sessions missed: 1',
    );
    expect((await sql`select week_start from digests_sent order by week_start`.execute(database.db)).rows).toEqual([
      { week_start: WEEK.start },
      { week_start: '2026-12-07' },
    ]);
  });
});
