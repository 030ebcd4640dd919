import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import type { Store } from '../../src/core/ports/store.js';
import { createStore } from '../../src/db/store.js';
import { emptyTables, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';

// The rules that must hold however many requests arrive at once, decided by the database: a nonce is
// claimed once, a member keeps at most the cap of active goals, a community keeps a facilitator. On
// PostgreSQL the calls below truly overlap, each on a connection of its own.

const at = new Date('2026-03-02T15:00:00Z');
const draft = {
  specific: 'Read aloud',
  measure: '10 read-alouds',
  firstStep: null,
  relevance: null,
  dueOn: '2026-05-29',
  cadence: 'weekly',
  celebrate: false,
} as const;

describe.each(testDatabaseKinds)('presses and locked rules on %s', (kind) => {
  let database: OpenDatabase;
  let store: Store;
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    store = createStore(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
  });

  async function people(...names: string[]) {
    const workspace = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1' });
    const members = await Promise.all(
      names.map((name) => store.members.ensure(workspace.id, { externalId: `U${name}`, name })),
    );
    return { workspace, members };
  }

  it('claims a nonce once per person however many claims arrive together, and takes one given back', async () => {
    const { members } = await people('ana', 'ben');
    const [ana, ben] = members.map((m) => m.id) as [number, number];
    const claims = await Promise.all(Array.from({ length: 10 }, () => store.presses.claim(ana, 'nonce-1', at)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // The same button in a channel, pressed by someone else, is their own first press.
    expect(await store.presses.claim(ben, 'nonce-1', at)).toBe(true);
    await store.presses.release(ana, 'nonce-1');
    expect(await store.presses.claim(ana, 'nonce-1', at)).toBe(true);
    // The event that used a nonce, replayed after a failure, is not a second press; another event is.
    expect(await store.presses.claim(ana, 'nonce-2', at, 'action:T1')).toBe(true);
    expect(await store.presses.claim(ana, 'nonce-2', at, 'action:T1')).toBe(true);
    expect(await store.presses.claim(ana, 'nonce-2', at, 'action:T2')).toBe(false);
  });

  it('creates at most three active goals when twelve saves run at once', async () => {
    const { workspace, members } = await people('ana');
    const memberId = members[0]?.id ?? 0;
    const saves = Array.from({ length: 12 }, (_, i) =>
      store.transaction((repos) =>
        repos.goals.createWithinCap(
          {
            workspaceId: workspace.id,
            memberId,
            communityId: null,
            draft: { ...draft, specific: `Goal ${i}` },
            target: 10,
            unit: 'read-alouds',
            reworksGoalId: null,
            at,
          },
          3,
        ),
      ),
    );
    const created = await Promise.all(saves);
    expect(created.filter((goal) => goal !== null)).toHaveLength(3);
    expect(await rows(`select count(*)::int as n from goals where status = 'active'`)).toEqual([{ n: 3 }]);
  });

  it('keeps one facilitator when the last two are removed at once, and tells a non-facilitator apart', async () => {
    const { workspace, members } = await people('ana', 'ben', 'cho');
    const [ana, ben, cho] = members.map((m) => m.id) as [number, number, number];
    const community = await store.communities.create({
      workspaceId: workspace.id,
      channelId: 'C1',
      name: 'Grade 3',
      timeZone: 'UTC',
      createdBy: ana,
    });
    const id = community?.id ?? 0;
    await store.communities.setFacilitator(id, ana, true);
    await store.communities.setFacilitator(id, ben, true);
    const outcomes = await Promise.all(
      [ana, ben].map((member) => store.transaction((repos) => repos.communities.removeFacilitator(id, member))),
    );
    expect(outcomes.sort()).toEqual(['last', 'removed']);
    expect(await store.communities.countFacilitators(id)).toBe(1);
    expect(await store.transaction((repos) => repos.communities.removeFacilitator(id, cho))).toBe('not-facilitator');
  });

  it('keeps what the platform said of a channel, the later fact winning, until it is forgotten', async () => {
    const { workspace } = await people('ana');
    const where = { workspaceId: workspace.id, channelId: 'C1', userId: 'UANA' };
    const earlier = new Date(at.getTime() - 60_000);
    expect(await store.channelMembers.known({ ...where, since: earlier })).toBeNull();
    await store.channelMembers.record({ ...where, present: false, at });
    // An event that happened before the one kept changes nothing.
    await store.channelMembers.record({ ...where, present: true, at: earlier });
    expect(await store.channelMembers.known({ ...where, since: earlier })).toBe(false);
    // Older than asked for counts as not known.
    expect(await store.channelMembers.known({ ...where, since: new Date(at.getTime() + 1) })).toBeNull();
    await store.channelMembers.forgetPerson(workspace.id, 'UANA');
    expect(await store.channelMembers.known({ ...where, since: earlier })).toBeNull();
  });
});
