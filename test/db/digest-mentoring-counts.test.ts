import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { weekStarting } from '../../src/core/digest/week.js';
import { workspaceCsv } from '../../src/core/export/workspace-export.js';
import { buildDigest } from '../../src/core/use-cases/digest/build-digest.js';
import { weekAsStored } from '../../src/core/use-cases/digest/count-week.js';
import { createStore } from '../../src/db/store.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { WEEK, seedSchool } from '../helpers/digest-seed.js';
import { at, seedMentoring, workspaceOf } from '../helpers/mentoring-seed.js';

// Mentoring in the weekly digest: asks made and answered, pairs introduced and met, protocols held and
// visits made, for the whole school, counted by SQL over the week's window, and never a word or a name.

describe.each(testDatabaseKinds)('mentoring counted in the weekly digest on %s', (kind) => {
  const db = useTestDatabase(kind);
  const store = () => createStore(db().db);
  const week = weekStarting(WEEK.start, 'UTC');

  it('counts asks made and answered, pairs introduced and met, over the week, under the fewer-than-3 rule', async () => {
    const school = await seedSchool(db().db, { platform: 'console', adminExternalId: 'lee' });
    // Another school's asks and rounds in the same week are not this school's.
    const other = await seedSchool(db().db, { platform: 'console', workspace: 'T-other', adminExternalId: 'kim' });
    await seedMentoring(store(), other);
    await seedMentoring(store(), school);

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
      workspace: await workspaceOf(store(), school),
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
      workspace: await workspaceOf(store(), school),
      week,
      now: at('2026-12-07T07:30:00Z'),
    });
    expect(stored.mentoring?.protocolsHeld).toEqual({ kind: 'count', count: 3 });
    expect(stored.mentoring?.visitsMade).toEqual({ kind: 'too-few' });
    const digest = await buildDigest({
      store: store(),
      workspace: await workspaceOf(store(), school),
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
});
