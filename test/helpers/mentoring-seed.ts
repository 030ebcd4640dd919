import { expect } from 'vitest';
import type { Workspace } from '../../src/core/model.js';
import type { Store } from '../../src/core/ports/store.js';
import type { SeededSchool } from './digest-seed.js';

// Mentoring around the week of 30 November in the seeded school of the digest tests: asks made and
// answered, and pairing rounds, with words that must never reach a digest.

export const at = (iso: string) => new Date(iso);
export const ASK_TEXTS = [
  'ASK-TEXT-1 help with Google Classroom',
  'ASK-TEXT-2 a noisy class after lunch',
  'ASK-TEXT-3 parents evening nerves',
  'ASK-TEXT-4 marking load',
  'ASK-TEXT-5 earlier ask',
];

/** Asks and pairing rounds around the week of 30 November; returns the asks by their text. */
export async function seedMentoring(repos: Store, school: SeededSchool) {
  const t = (n: number) => school.teachers[`t${n}`] ?? 0;
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

/** The seeded school's workspace, as the digest reads it. */
export async function workspaceOf(store: Store, school: SeededSchool): Promise<Workspace> {
  const found = await store.workspaces.byId(school.workspaceId);
  if (!found) throw new Error('the seeded workspace is missing');
  return found;
}
