import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/store.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { SHARED_TEXTS, seedSchool } from '../helpers/digest-seed.js';
import { createDriver } from '../helpers/driver.js';

// `export workspace`: the digest's figures for the last twelve full weeks as CSV, to the asking admin
// only, under the digest's privacy rules cell by cell, and without a single text or teacher's name.

describe.each(testDatabaseKinds)('export workspace on %s', (kind) => {
  const db = useTestDatabase(kind);

  it('hands the admin twelve weeks of figures, shown as the digest shows them', async () => {
    const school = await seedSchool(db().db, { platform: 'console', adminExternalId: 'lee' });
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
    // Twelve weeks, each with the two circles of 3 or more members and the whole school.
    expect(lines).toHaveLength(1 + 12 * 3);
    const week = lines.filter((line) => line.startsWith('2026-11-30,'));
    expect(week).toEqual([
      '2026-11-30,Grade 4 circle,1,0,5,5,4,5,3,3,fewer than 3,fewer than 3,fewer than 3',
      '2026-11-30,Science circle,0,1,fewer than 3,fewer than 3,fewer than 3,fewer than 3,fewer than 3,5,fewer than 3,fewer than 3,fewer than 3',
      '2026-11-30,whole school,2,1,kept back,kept back,kept back,5,kept back,kept back,fewer than 3,fewer than 3,fewer than 3',
    ]);
    expect(lines.filter((line) => line.startsWith('2026-09-14,')).map((line) => line.split(',')[1])).toEqual(['Grade 4 circle', 'Science circle', 'whole school']);
    const content = sent.files[0]?.content ?? '';
    for (const words of [...school.privateTexts, ...SHARED_TEXTS, 'Teacher Name', 'Maths pair', 'Art duo']) expect(content, words).not.toContain(words);
    expect(await sql`select action from audit`.execute(db().db).then((r) => r.rows)).toEqual([{ action: 'workspace figures exported' }]);
  });
});
