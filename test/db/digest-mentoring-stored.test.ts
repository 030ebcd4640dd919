import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { weekStarting } from '../../src/core/digest/week.js';
import { workspaceCsv } from '../../src/core/export/workspace-export.js';
import { buildDigest } from '../../src/core/use-cases/digest/build-digest.js';
import { countWeek, weekAsStored } from '../../src/core/use-cases/digest/count-week.js';
import { createStore } from '../../src/db/store.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { WEEK, seedSchool } from '../helpers/digest-seed.js';
import { ASK_TEXTS, at, seedMentoring, workspaceOf } from '../helpers/mentoring-seed.js';

const MENTORING_LINE = 'Mentoring across the school, counts only (never what was asked or said, or by whom): ';
const NO_PROTOCOLS_OR_VISITS = ' · critical-friends protocols held: fewer than 3 · classroom visits made: fewer than 3';

// Mentoring in the weekly digest, stored once as shown: later answers change no stored week, no word
// or name is kept, and weeks from before mentoring was counted read as they were.

describe.each(testDatabaseKinds)('mentoring stored in the weekly digest on %s', (kind) => {
  const db = useTestDatabase(kind);
  const store = () => createStore(db().db);
  const week = weekStarting(WEEK.start, 'UTC');

  it('keeps the stored week as it was shown when more asks are answered afterwards', async () => {
    const school = await seedSchool(db().db, { platform: 'console', adminExternalId: 'lee' });
    const { second } = await seedMentoring(store(), school);
    const workspace = await workspaceOf(store(), school);
    const first = await weekAsStored({ store: store(), workspace, week, now: at('2026-12-07T07:30:00Z') });
    expect(first.mentoring?.asksAnswered).toEqual({ kind: 'too-few' });

    // A third mentor takes Teacher 1's second ask, recorded as taken within the week.
    expect(await store().asks.take(second?.id ?? 0, school.teachers.t10 ?? 0, at('2026-12-05T12:00:00Z'))).toBe(true);
    // Counted afresh, the week would now read 4 answered asks from 3 people on each side...
    const recounted = await store().transaction((repos) => countWeek(repos, { workspace, week }));
    expect(recounted.mentoring?.asksAnswered).toEqual({ kind: 'count', count: 4 });
    // ...but the week is read as stored, every time after.
    const again = await weekAsStored({ store: store(), workspace, week, now: at('2026-12-08T07:30:00Z') });
    expect(again).toEqual(first);
    expect(again.mentoring?.asksAnswered).toEqual({ kind: 'too-few' });
  });

  it('puts no ask text and no name into the stored week, the digest or the export', async () => {
    const school = await seedSchool(db().db, { platform: 'console', adminExternalId: 'lee' });
    await seedMentoring(store(), school);
    const workspace = await workspaceOf(store(), school);
    const built = await buildDigest({
      store: store(),
      workspace,
      week,
      now: at('2026-12-07T07:30:00Z'),
      preview: false,
    });
    const text = [built.message.text, ...(built.message.sections ?? [])].join('\n');
    expect(text).toContain(
      `${MENTORING_LINE}asks made: 4 · asks answered by a mentor: fewer than 3 · pairs introduced: 3 · pairs that met: 2${NO_PROTOCOLS_OR_VISITS}`,
    );

    const { rows } = await sql<{
      figures: unknown;
    }>`select figures from digest_weeks where workspace_id = ${school.workspaceId}`.execute(db().db);
    const jsonb = JSON.stringify(rows[0]?.figures);
    expect(jsonb).toContain('"mentoring":{');
    const csv = workspaceCsv([built.stored], await store().digests.names(school.workspaceId));
    expect(csv.trimEnd().split('\r\n').at(-1)).toBe(
      '2026-11-30,whole school,2,1,kept back,kept back,kept back,5,kept back,kept back,fewer than 3,fewer than 3,fewer than 3,4,fewer than 3,3,2,fewer than 3,fewer than 3',
    );
    for (const words of [
      ...ASK_TEXTS,
      'ASK-TEXT',
      'after school',
      'lesson planning',
      'Teacher Name',
      'Principal Lee',
    ]) {
      expect(jsonb, words).not.toContain(words);
      expect(text, words).not.toContain(words);
      expect(csv, words).not.toContain(words);
    }
    // The search can fail: the asks' words are in the database, where the asker and mentor read them.
    const { rows: asks } = await sql<{
      text: string;
    }>`select text from asks where workspace_id = ${school.workspaceId}`.execute(db().db);
    expect(asks.map((a) => a.text)).toContain(ASK_TEXTS[0]);
  });

  it('tells a school that never took mentoring up nothing of it, and one that did its quiet weeks too', async () => {
    const school = await seedSchool(db().db, { platform: 'console', adminExternalId: 'lee' });
    const workspace = await workspaceOf(store(), school);
    const quiet = await buildDigest({
      store: store(),
      workspace,
      week,
      now: at('2026-12-07T07:30:00Z'),
      preview: false,
    });
    expect(quiet.stored.mentoring).toBeNull();
    expect(quiet.message.sections?.join('\n')).not.toContain('Mentoring');

    // A mentor is named in the next week: from then on the school reads its mentoring, none as it is.
    await store().mentors.upsert({
      workspaceId: school.workspaceId,
      memberId: school.teachers.t11 ?? 0,
      communityId: null,
      topics: [],
      namedBy: school.adminId,
      at: at('2026-12-08T09:00:00Z'),
    });
    const taken = await buildDigest({
      store: store(),
      workspace,
      week: weekStarting('2026-12-07', 'UTC'),
      now: at('2026-12-14T07:30:00Z'),
      preview: false,
    });
    expect(taken.message.sections?.join('\n')).toContain(
      `${MENTORING_LINE}asks made: fewer than 3 · asks answered by a mentor: fewer than 3 · pairs introduced: fewer than 3 · pairs that met: fewer than 3${NO_PROTOCOLS_OR_VISITS}`,
    );
    // The week counted before is kept as it was shown.
    expect((await store().digests.storedWeek(school.workspaceId, WEEK.start))?.mentoring).toBeNull();
  });

  it('reads a week stored before mentoring was counted unchanged, and shows it without mentoring', async () => {
    const school = await seedSchool(db().db, { platform: 'console', adminExternalId: 'lee' });
    await seedMentoring(store(), school);
    const workspace = await workspaceOf(store(), school);
    const counted = await store().transaction((repos) => countWeek(repos, { workspace, week }));
    const { mentoring: _counted, ...older } = counted;
    await store().digests.storeWeek({ workspaceId: school.workspaceId, week: older, at: at('2026-12-07T07:30:00Z') });
    const read = await store().digests.storedWeek(school.workspaceId, WEEK.start);
    expect(read).toEqual(older);
    expect(read && 'mentoring' in read).toBe(false);
    const built = await buildDigest({
      store: store(),
      workspace,
      week,
      now: at('2026-12-08T07:30:00Z'),
      preview: false,
    });
    expect(built.message.sections?.join('\n')).not.toContain('Mentoring');
    const csv = workspaceCsv([built.stored], new Map());
    expect(csv.trimEnd().split('\r\n').at(-1)).toMatch(/,fewer than 3,,,,,,$/);
  });
});
