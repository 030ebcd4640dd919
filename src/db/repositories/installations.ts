import { sql } from 'kysely';
import { withoutNul } from '../../core/without-nul.js';
import type { Executor } from './executor.js';

/** How long an uninstalled workspace's data is kept, in case it is reinstalled. */
export const PURGE_AFTER_DAYS = 30;

export type InstallPlatform = 'slack' | 'teams';

/** Installation data as stored: already sealed by the caller, never a plain token. */
export function installationRepo(db: Executor) {
  return {
    async save(input: {
      platform: InstallPlatform;
      externalId: string;
      name: string | null;
      sealed: string;
      at: Date;
    }): Promise<void> {
      // A reinstall brings the workspace back: it is no longer waiting to be purged. The name comes
      // from the platform's OAuth answer, not a request: NUL is taken out here, where it comes in.
      const name = input.name === null ? null : withoutNul(input.name);
      await db
        .insertInto('workspaces')
        .values({
          platform: input.platform,
          external_id: input.externalId,
          name,
          install_data: input.sealed,
          installed_at: input.at,
        })
        .onConflict((oc) =>
          oc.columns(['platform', 'external_id']).doUpdateSet({
            install_data: input.sealed,
            installed_at: input.at,
            uninstalled_at: null,
            purge_after: null,
            ...(name ? { name } : {}),
          }),
        )
        .execute();
    },

    /** The sealed installation, or null when there is none or the app was uninstalled. */
    async load(platform: InstallPlatform, externalId: string): Promise<string | null> {
      const row = await db
        .selectFrom('workspaces')
        .select('install_data')
        .where('platform', '=', platform)
        .where('external_id', '=', externalId)
        .where('uninstalled_at', 'is', null)
        .executeTakeFirst();
      return row?.install_data ?? null;
    },

    /** The app is back (Teams keeps no installation data): the workspace is no longer waiting to be purged. */
    async reinstate(platform: InstallPlatform, externalId: string): Promise<void> {
      await db
        .updateTable('workspaces')
        .set({ uninstalled_at: null, purge_after: null })
        .where('platform', '=', platform)
        .where('external_id', '=', externalId)
        .where('uninstalled_at', 'is not', null)
        .execute();
    },

    /** Forgets the tokens at once; the workspace's data is purged after the grace period. */
    async uninstall(platform: InstallPlatform, externalId: string, at: Date): Promise<void> {
      await db
        .updateTable('workspaces')
        .set({
          install_data: null,
          uninstalled_at: at,
          purge_after: sql<Date>`${at}::timestamptz + make_interval(days => ${PURGE_AFTER_DAYS})`,
        })
        .where('platform', '=', platform)
        .where('external_id', '=', externalId)
        .execute();
    },
  };
}
