import { expect } from 'vitest';
import type { Store } from '../../src/core/ports/store.js';

/**
 * What the visits repository promises, as one sequence run on each kind of database: each change
 * once, and only by the person it belongs to; forgetting clears what the person wrote and the notes
 * about them, and calls off what is still to come.
 */
export async function visitRepoPromises(store: Store, now: Date): Promise<void> {
  const workspace = await store.workspaces.ensure({ platform: 'console', externalId: 'T-promises' });
  const [ben, cal] = await Promise.all([
    store.members.ensure(workspace.id, { externalId: 'ben', name: 'ben' }),
    store.members.ensure(workspace.id, { externalId: 'cal', name: 'cal' }),
  ]);
  const visit = await store.visits.create({
    workspaceId: workspace.id,
    kind: 'invite',
    requesterId: ben.id,
    peerId: cal.id,
    at: new Date('2026-03-05T16:00:00Z'),
    zone: 'America/Chicago',
    focus: 'exit tickets',
    now,
  });
  expect(await store.visits.answer(visit.id, ben.id, 'accepted', now)).toBe(false);
  expect(await store.visits.answer(visit.id, cal.id, 'accepted', now)).toBe(true);
  expect(await store.visits.answer(visit.id, cal.id, 'declined', now)).toBe(false);
  expect((await store.visits.upcoming(ben.id, now)).map((v) => v.id)).toEqual([visit.id]);
  // invite: cal watches ben's lesson.
  expect(await store.visits.saveNotes(visit.id, ben.id, ['mine?'], now)).toBe(false);
  expect(await store.visits.saveNotes(visit.id, cal.id, ['noticed', '', ''], now)).toBe(true);
  expect(await store.visits.saveNotes(visit.id, cal.id, ['again'], now)).toBe(false);
  expect(await store.visits.saveReflection(visit.id, cal.id, 'not his', now)).toBe(false);
  expect(await store.visits.saveReflection(visit.id, ben.id, 'his own', now)).toBe(true);
  expect(await store.visits.byId(visit.id)).toMatchObject({
    notes: ['noticed', '', ''],
    reflection: 'his own',
    status: 'noted',
  });
  expect(await store.visits.cancel(visit.id, ben.id, now)).toBe(false);
  expect(await store.visits.upcoming(ben.id, now)).toEqual([]);

  const next = await store.visits.create({
    workspaceId: workspace.id,
    kind: 'visit',
    requesterId: ben.id,
    peerId: cal.id,
    at: new Date('2026-03-06T16:00:00Z'),
    zone: 'America/Chicago',
    focus: null,
    now,
  });
  expect(await store.visits.find(workspace.id + 1, next.id)).toBeNull();
  expect((await store.visits.forget(ben.id, now)).map((v) => v.id)).toEqual([next.id]);
  expect(await store.visits.byId(visit.id)).toMatchObject({
    focus: null,
    notes: null,
    reflection: null,
    status: 'noted',
  });
  expect(await store.visits.byId(next.id)).toMatchObject({ status: 'cancelled', cancelledBy: ben.id });
}
