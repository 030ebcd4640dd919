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
    await sendDigest({ store: createStore(db().db), now: new Date('2026-11-30T07:30:00Z'), log: silentLog, chatFor: async () => chat }, { memberId: school.adminId, weekStart: '2026-11-23' });
    const bot = createDriver(createStore(db().db), { now: new Date('2026-12-08T10:00:00Z') });
    await bot.as('lee', 'D-lee').say('export workspace');
    const [sent] = bot.chat.take().filter((s) => s.kind === 'files');
    if (sent?.kind !== 'files') throw new Error('no file was sent');
    expect(sent.to.user).toBe('lee');
    expect(sent.files.map((f) => f.name)).toEqual(['mentor-circle-school-figures-2026-12-08.csv']);
    const lines = sent.files[0]?.content.trimEnd().split('\r\n') ?? [];
    expect(lines[0]).toBe(
      'week starting,circle,sessions held,scheduled sessions missed,taking part,opening check-ins,closing check-ins,reflections,new goals,goals under way,goals achieved,goals reworked,goals set aside',
    );
    // The week sent, and the last full week (counted now, as its digest will show it), each with
    // the two circles of 3 or more members and the whole school; weeks no digest counted are left out.
    expect(lines).toHaveLength(1 + 2 * 3);
    const week = lines.filter((line) => line.startsWith('2026-11-30,'));
    expect(week).toEqual([
      '2026-11-30,Grade 4 circle,1,0,5,5,4,5,3,3,fewer than 3,fewer than 3,fewer than 3',
      '2026-11-30,Science circle,0,1,fewer than 3,fewer than 3,fewer than 3,fewer than 3,fewer than 3,5,fewer than 3,fewer than 3,fewer than 3',
      '2026-11-30,whole school,2,1,kept back,kept back,kept back,5,kept back,kept back,fewer than 3,fewer than 3,fewer than 3',
    ]);
    expect(lines.filter((line) => line.startsWith('2026-11-23,')).map((line) => line.split(',')[1])).toEqual(['Grade 4 circle', 'Science circle', 'whole school']);
    expect(lines.some((line) => line.startsWith('2026-11-16,'))).toBe(false);
    const content = sent.files[0]?.content ?? '';
    for (const words of [...school.privateTexts, ...SHARED_TEXTS, 'Teacher Name', 'Maths pair', 'Art duo']) expect(content, words).not.toContain(words);
    expect(await sql`select action from audit`.execute(db().db).then((r) => r.rows)).toEqual([{ action: 'workspace figures exported' }]);
  });
});
