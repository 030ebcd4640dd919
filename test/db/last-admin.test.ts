import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/store.js';
import { openSecondInstance, testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';

// The last admin is kept by the database itself: removing or forgetting an admin is one conditional
// statement that holds the admins' rows, so two admins who remove each other (or forget themselves)
// at the same moment, from two bot instances, cannot leave the workspace with none.

describe.each(testDatabaseKinds)('the last admin on %s', (kind) => {
  const database = useTestDatabase(kind);

  async function twoAdmins() {
    const store = createStore(database().db);
    const workspace = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1' });
    const ana = await store.members.ensure(workspace.id, { externalId: 'UANA', name: 'Ana' });
    const ben = await store.members.ensure(workspace.id, { externalId: 'UBEN', name: 'Ben' });
    expect(await store.members.claimFirstAdmin(workspace.id, ana.id)).toBe(true);
    expect(await store.members.claimFirstAdmin(workspace.id, ben.id)).toBe(false);
    await store.members.grantAdmin(ben.id);
    return { workspace, ana, ben };
  }
  const admins = () =>
    sql<{ external_id: string }>`select external_id from members where is_admin order by 1`
      .execute(database().db)
      .then((r) => r.rows.map((row) => row.external_id));

  it('lets only one of two admins removing each other at once succeed', async () => {
    const { workspace, ana, ben } = await twoAdmins();
    const second = await openSecondInstance(database(), kind);
    try {
      const outcomes = await Promise.all([
        createStore(database().db).transaction((repos) => repos.members.revokeAdmin(workspace.id, ben.id)),
        createStore(second.db).transaction((repos) => repos.members.revokeAdmin(workspace.id, ana.id)),
      ]);
      expect(outcomes.sort()).toEqual(['last-admin', 'revoked']);
      expect(await admins()).toHaveLength(1);
    } finally {
      if (second !== database()) await second.close();
    }
  });

  it('lets only one of two admins forgetting themselves at once go', async () => {
    const { workspace, ana, ben } = await twoAdmins();
    const second = await openSecondInstance(database(), kind);
    const forget = (db: typeof second, member: typeof ana) =>
      createStore(db.db).transaction((repos) =>
        repos.members.forget({
          memberId: member.id,
          workspaceId: workspace.id,
          externalId: member.externalId,
          platform: 'slack',
          at: new Date(),
        }),
      );
    try {
      const outcomes = await Promise.all([forget(database(), ana), forget(second, ben)]);
      expect(outcomes.sort()).toEqual(['forgotten', 'last-admin']);
      expect(await admins()).toHaveLength(1);
    } finally {
      if (second !== database()) await second.close();
    }
  });

  it('lets only one of two facilitators of a circle forgetting themselves at once go, and names the circle to the other', async () => {
    const { workspace, ana, ben } = await twoAdmins();
    const store = createStore(database().db);
    const cho = await store.members.ensure(workspace.id, { externalId: 'UCHO', name: 'Cho' });
    const circle = await store.communities.create({
      workspaceId: workspace.id,
      channelId: 'C1',
      name: 'Grade 3',
      timeZone: 'UTC',
      createdBy: ana.id,
    });
    if (!circle) throw new Error('no circle');
    await store.communities.setFacilitator(circle.id, ana.id, true);
    await store.communities.setFacilitator(circle.id, ben.id, true);
    await store.communities.join(circle.id, cho.id);
    const second = await openSecondInstance(database(), kind);
    const forget = (db: typeof second, member: typeof ana) =>
      createStore(db.db).transaction((repos) =>
        repos.members.forget({
          memberId: member.id,
          workspaceId: workspace.id,
          externalId: member.externalId,
          platform: 'slack',
          at: new Date(),
        }),
      );
    try {
      const outcomes = await Promise.all([forget(database(), ana), forget(second, ben)]);
      expect(outcomes).toContainEqual('forgotten');
      expect(outcomes).toContainEqual({ lastFacilitatorOf: ['Grade 3'] });
      const left = await sql<{
        n: number;
      }>`select count(*)::int as n from community_members where community_id = ${circle.id} and is_facilitator`.execute(
        database().db,
      );
      expect(left.rows[0]?.n).toBe(1);
      // Alone in the circle, the last facilitator may go.
      await store.communities.leave(circle.id, cho.id);
      const last = (await admins()).includes('UANA') ? ana : ben;
      await store.members.grantAdmin(cho.id);
      expect(await forget(database(), last)).toBe('forgotten');
    } finally {
      if (second !== database()) await second.close();
    }
  });

  it('never removes a platform admin through the app, and demotes them when the platform does', async () => {
    const { workspace, ana, ben } = await twoAdmins();
    const store = createStore(database().db);
    expect(await store.members.syncPlatformAdmin(ana.id, true)).toBe(true);
    expect(await store.members.syncPlatformAdmin(ana.id, true)).toBeNull();
    // Ana was the installer too (a role given in the app): demoted in Slack, she stays an admin.
    expect(await store.members.syncPlatformAdmin(ana.id, false)).toBe(true);
    const cleo = await store.members.ensure(workspace.id, { externalId: 'UCLEO', name: 'Cleo' });
    expect(await store.members.syncPlatformAdmin(cleo.id, false)).toBeNull();
    expect(await store.members.syncPlatformAdmin(cleo.id, true)).toBe(true);
    expect(await store.members.revokeAdmin(workspace.id, cleo.id)).toBe('platform-admin');
    expect(await store.members.syncPlatformAdmin(cleo.id, false)).toBe(false);
    expect(await store.members.revokeAdmin(workspace.id, cleo.id)).toBe('not-admin');
    expect(await store.members.revokeAdmin(workspace.id, ben.id)).toBe('revoked');
    expect(await store.members.revokeAdmin(workspace.id, ana.id)).toBe('last-admin');
    expect(await admins()).toEqual(['UANA']);
  });
});
