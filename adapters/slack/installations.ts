import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';

/** Where installations are kept, as JSON text; main.ts seals them before they reach the database. */
export interface InstallationVault {
  save(team: { id: string; name: string | null }, installation: string): Promise<void>;
  /** Null when the workspace never installed the app, or uninstalled it. */
  load(teamId: string): Promise<string | null>;
  remove(teamId: string): Promise<void>;
}

/** An org-wide install is keyed by its enterprise, a workspace install by its team. */
function keyOf(query: {
  isEnterpriseInstall?: boolean;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}): string {
  const key = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!key) throw new Error('The installation names no workspace');
  return key;
}

/** Bolt's installation store on top of the vault. */
export function installationStore(vault: InstallationVault): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      const id = keyOf({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      const name = (installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? null;
      await vault.save({ id, name }, JSON.stringify(installation));
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const stored = await vault.load(keyOf(query));
      // Bolt turns this into a 401: a workspace without an installation is not served.
      if (!stored) throw new Error('This workspace has not installed Mentor Circle');
      return JSON.parse(stored) as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await vault.remove(keyOf(query));
    },
  };
}
