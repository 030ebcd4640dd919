import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectedSessions } from '../../src/core/digest/expected-sessions.js';
import { METRICS, type Figures, type Metric } from '../../src/core/digest/figures.js';
import { DEFAULT_THRESHOLD, shownCommunities } from '../../src/core/digest/privacy.js';
import { testDatabaseKinds } from '../helpers/databases.js';
import { useDigestSchool } from '../helpers/digest-school.js';
import { SHARED_TEXTS, WEEK } from '../helpers/digest-seed.js';

const all = (values: Partial<Record<Metric, [number, number]>>): Figures =>
  Object.fromEntries(METRICS.map((m) => [m, { count: values[m]?.[0] ?? 0, people: values[m]?.[1] ?? 0 }])) as Figures;

describe.each(testDatabaseKinds)('the weekly digest figures on %s', (kind) => {
  const { database, store, school } = useDigestSchool(kind);
  const window = () => ({ workspaceId: school().workspaceId, from: WEEK.from, to: WEEK.to });

  it('counts every figure of the week with SQL aggregates: per circle, the smaller circles together, and the school', async () => {
    const digests = store().digests;
    const { grade4, science, maths, art } = school().communities;
    const overview = await digests.communities(school().workspaceId, {
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
    const { maths, art } = school().communities;
    const nextWeek = { from: WEEK.to, to: new Date(WEEK.to.getTime() + 7 * 86_400_000) };
    const figures = async () => {
      const overview = await digests.communities(school().workspaceId, {
        minMembers: DEFAULT_THRESHOLD,
        heldFrom: new Date('2026-11-23T00:00:00Z'),
        heldTo: nextWeek.to,
      });
      const expected = expectedSessions(overview.communities, WEEK, []);
      return Promise.all([
        digests.aggregates({ ...window(), expected, pooledIds: [maths, art] }),
        digests.aggregates({ workspaceId: school().workspaceId, ...nextWeek, expected: [], pooledIds: [maths, art] }),
      ]);
    };
    const before = await figures();
    expect(before[0].total.figures.opening.count).toBeGreaterThan(0);
    // Everyone who checked in answers twice more, as the store writes them: once the same day, once in
    // the following week.
    await sql`
      insert into checkins (session_id, member_id, phase, text, shared_with_leaders, source, first_in_phase, created_at, updated_at)
      select session_id, member_id, phase, 'and another thing', false, 'thread', false, created_at + later, created_at + later
      from checkins, (values (interval '1 minute'), (interval '8 days')) as more(later)`.execute(database().db);
    expect(await figures()).toEqual(before);
  });
});
