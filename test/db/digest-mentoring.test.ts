import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { weekStarting } from '../../src/core/digest/week.js';
import { workspaceCsv } from '../../src/core/export/workspace-export.js';
import { buildDigest } from '../../src/core/use-cases/digest/build-digest.js';
import { countWeek, weekAsStored } from '../../src/core/use-cases/digest/count-week.js';
import type { Workspace } from '../../src/core/model.js';
import { createStore } from '../../src/db/store.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { WEEK, seedSchool, type SeededSchool } from '../helpers/digest-seed.js';

// Mentoring in the weekly digest: asks made and answered, pairs introduced and met, for the whole
// school, counted by SQL over the week's window, stored once as shown, and never a word or a name.

const at = (iso: string) => new Date(iso);
const ASK_TEXTS = [
  'ASK-TEXT-1 help with Google Classroom',
  'ASK-TEXT-2 a noisy class after lunch',
  'ASK-TEXT-3 parents evening nerves',
  'ASK-TEXT-4 marking load',
  'ASK-TEXT-5 earlier ask',
];
const MENTORING_LINE = 'Mentoring across the school, counts only (never what was asked or said, or by whom): ';
const NO_PROTOCOLS_OR_VISITS = ' · critical-friends protocols held: fewer than 3 · classroom visits made: fewer than 3';

describe.each(testDatabaseKinds)('mentoring in the weekly digest on %s', (kind) => {
  const db = useTestDatabase(kind);
  const store = () => createStore(db().db);
  const week = weekStarting(WEEK.start, 'UTC');
  const workspaceOf = async (school: SeededSchool): Promise<Workspace> => {
    const found = await store().workspaces.byId(school.workspaceId);
    if (!found) throw new Error('the seeded workspace is missing');
    return found;
  };

  /** Asks and pairing rounds around the week of 30 November; returns the asks by their text. */
  async function seedMentoring(school: SeededSchool) {
    const t = (n: number) => school.teachers[`t${n}`] ?? 0;
    const repos = store();
    const ask = (asker: number, text: string, made: string) =>
      repos.asks.create({
        workspaceId: school.workspaceId,
        askerId: t(asker),
        communityId: null,
        text,
        whenSuits: 'after school',
        urgency: 'this-week',
        answerBy: at('2026-12-20T00:00:00Z'),
        at: at(made),
      });
    for (const mentor of [10, 11, 12]) {
      await repos.mentors.upsert({
        workspaceId: school.workspaceId,
        memberId: t(mentor),
        communityId: null,
        topics: ['lesson planning'],
        namedBy: school.adminId,
        at: at('2026-11-01T00:00:00Z'),
      });
    }
    // Made the week before, answered in the week: answered counts it, made does not.
    const earlier = await ask(5, ASK_TEXTS[4] ?? '', '2026-11-25T10:00:00Z');
    // Made in the week: 4 asks from 3 people (Teacher 1 asks twice).
    const [first, second, third, fourth] = [
      await ask(1, ASK_TEXTS[0] ?? '', '2026-12-01T09:00:00Z'),
      await ask(1, ASK_TEXTS[1] ?? '', '2026-12-02T09:00:00Z'),
      await ask(2, ASK_TEXTS[2] ?? '', '2026-12-02T10:00:00Z'),
      await ask(3, ASK_TEXTS[3] ?? '', '2026-12-06T23:00:00Z'),
    ];
    // Answered in the week: 3 asks of 3 askers, by only 2 mentors.
    expect(await repos.asks.take(earlier.id, t(11), at('2026-12-01T08:00:00Z'))).toBe(true);
    expect(await repos.asks.take(first?.id ?? 0, t(11), at('2026-12-01T12:00:00Z'))).toBe(true);
    expect(await repos.asks.take(third?.id ?? 0, t(12), at('2026-12-03T12:00:00Z'))).toBe(true);
    // Answered the week after: not this week's.
    expect(await repos.asks.take(fourth?.id ?? 0, t(12), at('2026-12-07T08:00:00Z'))).toBe(true);

    // Pairing in Grade 4 (Teachers 1 to 6): a round the week before and one in the week.
    const before = await repos.pairing.recordRound({
      communityId: school.communities.grade4,
      at: at('2026-11-24T09:00:00Z'),
      window: 0,
      groups: [
        [t(1), t(3), t(5)],
        [t(2), t(4), t(6)],
      ],
    });
    const during = await repos.pairing.recordRound({
      communityId: school.communities.grade4,
      at: at('2026-12-01T09:00:00Z'),
      window: 1,
      groups: [
        [t(1), t(2)],
        [t(3), t(4)],
        [t(5), t(6)],
      ],
    });
    if (!before || !during) throw new Error('the rounds were not recorded');
    const answer = (round: number, member: number, met: boolean, when: string) =>
      repos.pairing.answer(round, t(member), met, at(when));
    // Met, told in the week: the week's pair (1, 2) and the earlier round's trio (2, 4, 6).
    await answer(during.id, 1, true, '2026-12-03T10:00:00Z');
    await answer(during.id, 2, true, '2026-12-04T10:00:00Z');
    await answer(before.id, 4, true, '2026-12-02T10:00:00Z');
    // Not met; met but told first the week before (counted then); met, told the week after.
    await answer(during.id, 3, false, '2026-12-03T10:00:00Z');
    await answer(before.id, 1, true, '2026-11-26T10:00:00Z');
    await answer(before.id, 3, true, '2026-12-02T11:00:00Z');
    await answer(during.id, 5, true, '2026-12-09T10:00:00Z');
    return { second };
  }

  it('counts asks made and answered, pairs introduced and met, over the week, under the fewer-than-3 rule', async () => {
    const school = await seedSchool(db().db, { platform: 'console', adminExternalId: 'lee' });
    // Another school's asks and rounds in the same week are not this school's.
    const other = await seedSchool(db().db, { platform: 'console', workspace: 'T-other', adminExternalId: 'kim' });
    await seedMentoring(other);
    await seedMentoring(school);

    const counted = await store().digests.mentoring({ workspaceId: school.workspaceId, from: WEEK.from, to: WEEK.to });
    expect(counted).toEqual({
      inUse: true,
      figures: {
        asksMade: { count: 4, people: 3 },
        // 3 askers, 2 mentors: an answered ask describes both, so the fewer.
        asksAnswered: { count: 3, people: 2 },
        pairsIntroduced: { count: 3, people: 6 },
        pairsMet: { count: 2, people: 4 },
        protocolsHeld: { count: 0, people: 0 },
        visitsMade: { count: 0, people: 0 },
      },
    });

    const stored = await weekAsStored({
      store: store(),
      workspace: await workspaceOf(school),
      week,
      now: at('2026-12-07T07:30:00Z'),
    });
    expect(stored.mentoring).toEqual({
      asksMade: { kind: 'count', count: 4 },
      asksAnswered: { kind: 'too-few' },
      pairsIntroduced: { kind: 'count', count: 3 },
      pairsMet: { kind: 'count', count: 2 },
      protocolsHeld: { kind: 'too-few' },
      visitsMade: { kind: 'too-few' },
    });
    // Read back through the stored week's parser, as the digest, the trend and the export read it.
    expect(await store().digests.storedWeek(school.workspaceId, WEEK.start)).toEqual(stored);

    // The week after counts what came after: the ask taken on 7 December, Teacher 5's "we met".
    const next = await store().digests.mentoring({
      workspaceId: school.workspaceId,
      from: WEEK.to,
      to: at('2026-12-14T00:00:00Z'),
    });
    expect(next.figures).toEqual({
      asksMade: { count: 0, people: 0 },
      asksAnswered: { count: 1, people: 1 },
      pairsIntroduced: { count: 0, people: 0 },
      pairsMet: { count: 1, people: 2 },
      protocolsHeld: { count: 0, people: 0 },
      visitsMade: { count: 0, people: 0 },
    });
  });

  it('counts critical-friends protocols held and classroom visits made, never a word of them', async () => {
    const school = await seedSchool(db().db, { platform: 'console', adminExternalId: 'lee' });
    const t = (n: number) => school.teachers[`t${n}`] ?? 0;
    const session = async (opened: string) => {
      const { rows } = await sql<{ id: number }>`
        insert into sessions (community_id, phase, channel_id, root_message_id, opened_at, closed_at)
        values (${school.communities.grade4}, 'closed', 'C-G4', ${`P-${opened}`}, ${at(opened)}, ${at(opened)}) returning id`.execute(
        db().db,
      );
      return Number(rows[0]?.id);
    };
    const protocol = async (opened: string, presenter: number, repliers: number[]) => {
      const id = await session(opened);
      await sql`insert into protocol_runs (session_id, protocol, presenter_id, minutes, step_started_at) values (${id}, 'tuning', ${t(presenter)}, '10,5,2,15,10,10', ${at(opened)})`.execute(
        db().db,
      );
      for (const replier of repliers) {
        await sql`insert into protocol_entries (session_id, member_id, step, kind, text, created_at) values (${id}, ${t(replier)}, 3, 'warm', 'PROTOCOL-WORDS warm feedback', ${at(opened)})`.execute(
          db().db,
        );
      }
    };
    const visit = (requester: number, peer: number, lesson: string, status: string) =>
      sql`insert into visits (workspace_id, kind, requester_id, peer_id, at, zone, focus, status, notes, created_at)
          values (${school.workspaceId}, 'visit', ${t(requester)}, ${t(peer)}, ${at(lesson)}, 'UTC', 'VISIT-WORDS exit tickets', ${status}, ${JSON.stringify(['VISIT-WORDS noticed'])}::jsonb, ${at('2026-11-20T10:00:00Z')})`.execute(
        db().db,
      );
    // In the week: two protocols (presenters 1 and 4, replies from 2, 3 and 5); one the week before.
    await protocol('2026-12-01T15:00:00Z', 1, [2, 3]);
    await protocol('2026-12-03T15:00:00Z', 4, [5]);
    await protocol('2026-11-24T15:00:00Z', 6, [1]);
    // Visits whose lesson fell in the week: two agreed between 1-2 and 1-2 again (two people: too few),
    // one declined and one cancelled (not made), one the week after.
    await visit(1, 2, '2026-12-02T10:00:00Z', 'noted');
    await visit(2, 1, '2026-12-04T10:00:00Z', 'accepted');
    await visit(3, 4, '2026-12-02T10:00:00Z', 'declined');
    await visit(5, 6, '2026-12-03T10:00:00Z', 'cancelled');
    await visit(3, 5, '2026-12-08T10:00:00Z', 'accepted');

    const heldBefore = await store().digests.sessionsHeld({
      workspaceId: school.workspaceId,
      from: WEEK.from,
      to: WEEK.to,
    });
    // A protocol someone replied in was held, like a session someone checked in to.
    await protocol('2026-12-02T15:00:00Z', 6, []);
    const emptyRun = await store().digests.sessionsHeld({
      workspaceId: school.workspaceId,
      from: WEEK.from,
      to: WEEK.to,
    });
    expect(emptyRun).toBe(heldBefore);
    await sql`insert into protocol_entries (session_id, member_id, step, kind, text, created_at)
              select session_id, ${t(2)}, 1, 'question', 'PROTOCOL-WORDS a question', ${at('2026-12-02T15:10:00Z')} from protocol_runs where presenter_id = ${t(6)} and step_started_at = ${at('2026-12-02T15:00:00Z')}`.execute(
      db().db,
    );
    expect(await store().digests.sessionsHeld({ workspaceId: school.workspaceId, from: WEEK.from, to: WEEK.to })).toBe(
      heldBefore + 1,
    );

    const counted = await store().digests.mentoring({ workspaceId: school.workspaceId, from: WEEK.from, to: WEEK.to });
    // No mentors, asks or pairing: protocols and visits alone are mentoring taken up.
    expect(counted.inUse).toBe(true);
    // Three held in the week: presenters 1, 4, 6 and repliers 2, 3, 5.
    expect(counted.figures.protocolsHeld).toEqual({ count: 3, people: 6 });
    expect(counted.figures.visitsMade).toEqual({ count: 2, people: 2 });
    const stored = await weekAsStored({
      store: store(),
      workspace: await workspaceOf(school),
      week,
      now: at('2026-12-07T07:30:00Z'),
    });
    expect(stored.mentoring?.protocolsHeld).toEqual({ kind: 'count', count: 3 });
    expect(stored.mentoring?.visitsMade).toEqual({ kind: 'too-few' });
    const digest = await buildDigest({
      store: store(),
      workspace: await workspaceOf(school),
      week,
      now: at('2026-12-07T07:30:00Z'),
      preview: false,
    });
    const text = [digest.message.text, ...(digest.message.sections ?? [])].join('\n');
    expect(text).toContain('critical-friends protocols held: 3 · classroom visits made: fewer than 3');
    const csv = workspaceCsv([stored], new Map());
    for (const words of ['PROTOCOL-WORDS', 'VISIT-WORDS']) {
      expect(JSON.stringify(stored)).not.toContain(words);
      expect(text).not.toContain(words);
      expect(csv).not.toContain(words);
    }
  });

  it('keeps the stored week as it was shown when more asks are answered afterwards', async () => {
    const school = await seedSchool(db().db, { platform: 'console', adminExternalId: 'lee' });
    const { second } = await seedMentoring(school);
    const workspace = await workspaceOf(school);
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
    await seedMentoring(school);
    const workspace = await workspaceOf(school);
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
    const workspace = await workspaceOf(school);
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
    await seedMentoring(school);
    const workspace = await workspaceOf(school);
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
