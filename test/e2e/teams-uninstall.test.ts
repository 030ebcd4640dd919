import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMaintenance } from '../../src/core/use-cases/data/retention.js';
import { createStore } from '../../src/db/store.js';
import { useTestDatabase } from '../helpers/databases.js';
import { silentLog } from '../helpers/driver.js';
import { activities, ANA, BEN } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// Removing the app from the last team a tenant had it in is an uninstall: the tenant's data is
// purged 30 days later, unless the app is added again before then.

describe('removing Mentor Circle from Teams', () => {
  const db = useTestDatabase('pglite');
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(db().db)
      .then((r) => r.rows);
  const nightly = (now: Date) => runMaintenance({ store: createStore(db().db), now, log: silentLog });

  it('purges the tenant 30 days after the last team removed it, and not when it came back', async () => {
    let now = new Date('2026-03-02T15:00:00Z');
    const bot = await startTeamsBot(db(), { now: () => now });
    try {
      const say = activities(bot.fake.serviceUrl);
      const send = async (activity: unknown) => expect((await bot.send(activity)).status).toBe(200);
      await send(say.teamInstall(ANA, 'add'));
      await send(say.installPersonal(BEN));
      await send(say.channelPost(ANA, 'setup Grade 3'));
      await send(say.channelPost(BEN, 'checkin Leaving words', { mention: true }));
      expect(await rows(`select uninstalled_at from workspaces`)).toEqual([{ uninstalled_at: null }]);

      // Removed, then added back within the month: nothing is purged.
      await send(say.teamInstall(ANA, 'remove'));
      expect(await rows(`select purge_after from workspaces`)).toEqual([
        { purge_after: new Date('2026-04-01T15:00:00Z') },
      ]);
      now = new Date('2026-03-10T15:00:00Z');
      await send(say.teamInstall(ANA, 'add'));
      await nightly(new Date('2026-04-02T03:00:00Z'));
      expect(await rows(`select count(*)::int as n, bool_and(purge_after is null) as kept from workspaces`)).toEqual([
        { n: 1, kept: true },
      ]);

      // Removed for good: kept 30 days, then gone with everything in it.
      await send(say.teamInstall(ANA, 'remove'));
      await nightly(new Date('2026-04-08T03:00:00Z'));
      expect(await rows(`select count(*)::int as n from workspaces`)).toEqual([{ n: 1 }]);
      await nightly(new Date('2026-04-10T03:00:00Z'));
      expect(await rows(`select count(*)::int as n from workspaces`)).toEqual([{ n: 0 }]);
      expect(await rows(`select count(*)::int as n from checkins`)).toEqual([{ n: 0 }]);
      expect(await rows(`select action from audit`)).toEqual([{ action: 'workspace purged 30 days after uninstall' }]);
    } finally {
      await bot.close();
    }
  });
});
