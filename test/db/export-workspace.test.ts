import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/store.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { SHARED_TEXTS, seedSchool } from '../helpers/digest-seed.js';
import { sendDigest } from '../../src/core/use-cases/digest/send-digest.js';
import { createDriver, silentLog } from '../helpers/driver.js';
import { RecordingChat } from '../helpers/recording-chat.js';

// `export workspace`: the digest's figures for the last twelve full weeks as CSV, to the asking admin
// only, under the digest's privacy rules cell by cell, and without a single text or teacher's name.

describe.each(testDatabaseKinds)('export workspace on %s', (kind) => {
  const db = useTestDatabase(kind);

  it('hands the admin the stored weeks of the last twelve, each as its digest showed it', async () => {
    const school = await seedSchool(db().db, { platform: 'console', adminExternalId: 'lee' });
    // The digest for the week of 23 November went out; earlier weeks were never counted.
    const chat = new RecordingChat();
    await sendDigest(
      { store: createStore(db().db), now: new Date('2026-11-30T07:30:00Z'), log: silentLog, chatFor: async () => chat },
      { memberId: school.adminId, weekStart: '2026-11-23' },
    );
    const bot = createDriver(createStore(db().db), { now: new Date('2026-12-08T10:00:00Z') });
    await bot.as('lee', 'D-lee').say('export workspace');
    const [sent] = bot.chat.take().filter((s) => s.kind === 'files');
    if (sent?.kind !== 'files') throw new Error('no file was sent');
    expect(sent.to.user).toBe('lee');
    expect(sent.files.map((f) => f.name)).toEqual(['mentor-circle-school-figures-2026-12-08.csv']);
    const lines = sent.files[0]?.content.trimEnd().split('\r\n') ?? [];
    expect(lines[0]).toBe(
      'week starting,circle,sessions held,scheduled sessions missed,taking part,opening check-ins,closing check-ins,reflections,new goals,goals under way,goals achieved,goals reworked,goals set aside,asks made,asks answered by a mentor,pairs introduced,pairs that met,critical-friends protocols held,classroom visits made',
    );
    // The week sent, and the last full week (counted now, as its digest will show it), each with
    // the two circles of 3 or more members and the whole school; weeks no digest counted are left out.
    expect(lines).toHaveLength(1 + 2 * 3);
    const week = lines.filter((line) => line.startsWith('2026-11-30,'));
    // The school has not taken mentoring up: its mentoring cells are empty, as a circle's always are.
    expect(week).toEqual([
      '2026-11-30,Grade 4 circle,1,0,5,5,4,5,3,3,fewer than 3,fewer than 3,fewer than 3,,,,,,',
      '2026-11-30,Science circle,0,1,fewer than 3,fewer than 3,fewer than 3,fewer than 3,fewer than 3,5,fewer than 3,fewer than 3,fewer than 3,,,,,,',
      '2026-11-30,whole school,2,1,kept back,kept back,kept back,5,kept back,kept back,fewer than 3,fewer than 3,fewer than 3,,,,,,',
    ]);
    expect(lines.filter((line) => line.startsWith('2026-11-23,')).map((line) => line.split(',')[1])).toEqual([
      'Grade 4 circle',
      'Science circle',
      'whole school',
    ]);
    expect(lines.some((line) => line.startsWith('2026-11-16,'))).toBe(false);
    const content = sent.files[0]?.content ?? '';
    for (const words of [...school.privateTexts, ...SHARED_TEXTS, 'Teacher Name', 'Maths pair', 'Art duo'])
      expect(content, words).not.toContain(words);
    expect(await sql`select action from audit`.execute(db().db).then((r) => r.rows)).toEqual([
      { action: 'workspace figures exported' },
    ]);
  });

  it('starts at the week the first circle began, and says when the week under way will appear', async () => {
    const store = createStore(db().db);
    // An admin met on Monday 23 November; the circle is set up in a pilot week, on Tuesday 1 December.
    const bot = createDriver(store, { now: new Date('2026-11-23T15:00:00Z') });
    await bot.as('lee', 'D-lee').say('help');
    const [lee] = await sql<{ id: number }>`select id from members where external_id = 'lee'`
      .execute(db().db)
      .then((r) => r.rows);
    bot.advance(8 * 24 * 60);
    await bot.as('lee', 'C-pilot').say('setup Pilot circle');
    // The digest for the week before the circle began was counted (it went out on Monday 30 November).
    await sendDigest(
      { store, now: new Date('2026-11-30T13:30:00Z'), log: silentLog, chatFor: async () => new RecordingChat() },
      { memberId: lee?.id ?? 0, weekStart: '2026-11-23' },
    );
    bot.chat.take();

    // During the pilot week there is no complete week with the circle: no file, and it says when.
    await bot.as('lee', 'D-lee').say('export workspace');
    const early = bot.chat.take();
    expect(early.filter((s) => s.kind === 'files')).toEqual([]);
    expect(early.map((s) => ('message' in s ? s.message.text : ''))).toEqual([
      "There is no complete week with a circle yet: the first began in the week of 2026-11-30. This week's figures appear after Sunday, once the week is complete.",
    ]);

    // After the pilot week, its row is there, and nothing from before the circle began.
    bot.advance(6 * 24 * 60);
    await bot.as('lee', 'D-lee').say('export workspace');
    const [sent] = bot.chat.take().filter((s) => s.kind === 'files');
    if (sent?.kind !== 'files') throw new Error('no file was sent');
    expect(sent.message.text).toBe(
      "The school's Mentor Circle figures for the one full week since the first circle began (week of 2026-11-30), one row per circle and week.",
    );
    expect(sent.message.sections).toContain("This week's figures appear after Sunday, once the week is complete.");
    const rows = sent.files[0]?.content.trimEnd().split('\r\n').slice(1) ?? [];
    // The circle has one member, so its figures are only in the whole school's, each "fewer than 3".
    expect(rows).toEqual([`2026-11-30,whole school,0,0,${Array(9).fill('fewer than 3').join(',')},,,,,,`]);
  });
});
